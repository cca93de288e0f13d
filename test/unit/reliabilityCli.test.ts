/**
 * The command-line checker under hostile input, through the built executable: a folder of
 * mutated fixtures in every encoding, a file far over the size limit, devices and pipes. And
 * security: it opens no network connection, and reads no file outside the paths it was given.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeText } from '../../server/src/cli/decode';
import { bundledTypesPath } from '../../server/src/sources/typeSources';
import { fuzzParameters, mutatedFixture } from './fuzzInputs';
import {
	cliPath,
	hostileDocs,
	hostileMetadata,
	lspRangeFault,
	noNetworkPreload,
	recordReadsPreload,
	repoRoot,
	splitLines,
	timeScale,
} from './reliabilitySupport';

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
	milliseconds: number;
}

/** Runs the CLI with the preloads, logging network attempts and file reads to `logs`. */
function runCli(args: string[], logs: { network: string; reads?: string }, timeoutMs = 30000): Run {
	const preloads = [
		'--require',
		noNetworkPreload,
		...(logs.reads ? ['--require', recordReadsPreload] : []),
	];
	const started = Date.now();
	const result = spawnSync(process.execPath, [...preloads, cliPath, ...args], {
		cwd: repoRoot,
		encoding: 'utf8',
		timeout: timeoutMs * timeScale,
		maxBuffer: 256 * 1024 * 1024,
		env: {
			...process.env,
			GRAPH_FIXTURES_NETWORK_LOG: logs.network,
			GRAPH_FIXTURES_READ_LOG: logs.reads ?? '',
		},
	});
	return {
		status: result.status,
		stdout: result.stdout,
		stderr: result.stderr,
		milliseconds: Date.now() - started,
	};
}

let scratch: string;
let networkLog: string;

function noNetworkUse(): void {
	const attempts = fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '';
	assert.equal(attempts, '', 'the process tried to use the network');
}

before(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-fixtures-cli-reliability-'));
	networkLog = path.join(scratch, 'network.log');
});

after(() => {
	fs.rmSync(scratch, { recursive: true, force: true });
});

/** Bytes of a text in an encoding a fixture may come in, or with binary noise. */
function encode(text: string, variant: number): Buffer {
	switch (variant % 6) {
		case 1:
			return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
		case 2:
			return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		case 3:
			return Buffer.concat([
				Buffer.from([0xfe, 0xff]),
				Buffer.from(text, 'utf16le').swap16(),
				Buffer.from([0x41]),
			]);
		case 4:
			return Buffer.concat([
				Buffer.from(text),
				Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80]),
			]);
		default:
			return Buffer.from(text);
	}
}

interface JsonReport {
	file: string;
	diagnostics: {
		range: {
			start: { line: number; character: number };
			end: { line: number; character: number };
		};
		code: string;
	}[];
}

describe('reliability: the CLI on hostile files', () => {
	it('checks a folder of mutated fixtures in every encoding without an internal error, with valid ranges', () => {
		const folder = path.join(scratch, 'mutated');
		fs.mkdirSync(folder);
		const { seed } = fuzzParameters(0);
		const texts = fc.sample(mutatedFixture, {
			numRuns: Number(process.env.GRAPH_FIXTURES_FUZZ_RUNS) || 60,
			seed,
		});
		const files = texts.map((text, index) => {
			const name = path.join(
				folder,
				`f${String(index).padStart(6, '0')}.${index % 3 ? 'json' : 'jsonc'}`,
			);
			fs.writeFileSync(name, encode(text, index));
			return name;
		});
		const run = runCli(
			[
				'check',
				'--format',
				'json',
				'--docs',
				hostileDocs,
				'--metadata',
				hostileMetadata,
				folder,
			],
			{ network: networkLog },
			30000 + 10 * files.length,
		);
		assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
		assert.doesNotMatch(run.stderr, /internal error/);
		const reports = JSON.parse(run.stdout) as JsonReport[];
		assert.deepEqual(
			reports.map((report) => path.resolve(repoRoot, report.file)),
			files,
		);
		for (const report of reports) {
			const lines = splitLines(
				decodeText(fs.readFileSync(path.resolve(repoRoot, report.file))).text,
			);
			for (const diagnostic of report.diagnostics) {
				assert.equal(
					lspRangeFault(lines, diagnostic.range),
					undefined,
					`${report.file} ${diagnostic.code}`,
				);
			}
		}
		noNetworkUse();
	});

	it('notes a 60 MB file over --max-file-size once, quickly, without reading it all', () => {
		const big = path.join(scratch, 'big.json');
		const handle = fs.openSync(big, 'w');
		fs.writeSync(handle, '\u{1F600}{"value": [');
		const chunk = Buffer.from(
			'{"@odata.type": "#microsoft.graph.hostileNode", "count": "x"},'.repeat(16_000),
		);
		for (let written = 0; written < 60 * 1024 * 1024; written += chunk.length) {
			fs.writeSync(handle, chunk);
		}
		fs.closeSync(handle);
		const run = runCli(
			['check', '--format', 'json', '--max-file-size', String(1024 * 1024), big],
			{ network: networkLog },
		);
		fs.rmSync(big);
		assert.equal(run.status, 0, run.stderr);
		const [report] = JSON.parse(run.stdout) as JsonReport[];
		assert.deepEqual(
			report.diagnostics.map((item) => [item.code, item.range.end.character]),
			[['not-checked', 2]],
		);
		assert.ok(run.milliseconds < 5000 * timeScale, `took ${run.milliseconds} ms`);
	});

	it('refuses devices and pipes by name, and still checks the other files', () => {
		const pipe = path.join(scratch, 'pipe.json');
		execFileSync('mkfifo', [pipe]);
		const good = path.join(scratch, 'good.json');
		fs.writeFileSync(good, '{"@odata.type": "#microsoft.graph.hostileNode", "count": "x"}');
		const run = runCli(
			['check', '--format', 'json', '--docs', hostileDocs, '/dev/zero', pipe, good],
			{ network: networkLog },
			20000,
		);
		assert.equal(run.status, 2, run.stderr);
		assert.match(run.stderr, /\/dev\/zero: not a regular file/);
		assert.match(run.stderr, /pipe\.json: not a regular file/);
		const reports = JSON.parse(run.stdout) as JsonReport[];
		assert.deepEqual(
			reports.map((report) => report.diagnostics.map((item) => item.code)),
			[['type-mismatch']],
		);
	});
});

describe('security: the CLI', () => {
	it('prints no control characters from a fixture: no terminal escapes, no injected lines', () => {
		const fixture = path.join(scratch, 'controls.json');
		const hostileKeys = [
			'\u001b]0;title\u0007\u001b[2J',
			'\u009b31m',
			'a\nb::error::injected',
			'\u202eevil',
			'@odata.\u001b[31mred',
		];
		const members = hostileKeys.map(
			(key, i) => `${JSON.stringify(key)}: ${i}, ${JSON.stringify(key)}: ${i}`,
		);
		fs.writeFileSync(
			fixture,
			`{"@odata.type": "#microsoft.graph.hostileNode", ${members.join(', ')}}`,
		);
		const run = runCli(['check', '--docs', hostileDocs, fixture], { network: networkLog });
		assert.equal(run.status, 0, run.stderr);
		const lines = run.stdout.trimEnd().split('\n');
		assert.ok(lines.length > hostileKeys.length, run.stdout);
		for (const line of lines.slice(0, -1)) {
			assert.ok(line.startsWith(`${fixture}:`), line);
		}
		// C0 and C1 controls, DEL, and the bidirectional overrides that can disguise text.
		assert.doesNotMatch(
			run.stdout + run.stderr,
			/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
		);
	});

	it('opens no network connection in any command', () => {
		const fixture = path.join(scratch, 'net.json');
		fs.writeFileSync(
			fixture,
			'{"@odata.type": "#microsoft.graph.hostileNode", "@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "@odata.nextLink": "https://graph.microsoft.com/beta/x"}',
		);
		const sources = ['--docs', hostileDocs, '--metadata', hostileMetadata];
		for (const args of [
			['check', ...sources, fixture],
			['types', ...sources],
			['types', '--problems', ...sources],
			['schema', ...sources, 'microsoft.graph.hostileNode'],
		]) {
			const run = runCli(args, { network: networkLog });
			assert.ok(
				run.status === 0 || run.status === 1,
				`${args[0]}: exit ${run.status}: ${run.stderr}`,
			);
		}
		noNetworkUse();
	});

	it('has a network guard that records every kind of attempt (checked on loopback only)', () => {
		const log = path.join(scratch, 'guard.log');
		const attempts = [
			"require('node:net').connect(9, '127.0.0.1')",
			"new (require('node:net').Socket)().connect(9, '127.0.0.1')",
			"require('node:http').get('http://127.0.0.1:9/')",
			"require('node:https').request('https://127.0.0.1:9/')",
			"require('node:tls').connect(9, '127.0.0.1')",
			"require('node:dns').lookup('localhost', () => {})",
			"require('node:dns').promises.lookup('localhost')",
			"fetch('http://127.0.0.1:9/')",
		];
		const script = attempts.map((attempt) => `try { ${attempt}; } catch {}`).join('\n');
		spawnSync(process.execPath, ['--require', noNetworkPreload, '-e', script], {
			env: { ...process.env, GRAPH_FIXTURES_NETWORK_LOG: log },
			timeout: 10000,
		});
		const recorded = fs.readFileSync(log, 'utf8').trim().split('\n');
		assert.equal(recorded.length, attempts.length, recorded.join('\n'));
	});

	it('reads only the given paths, its own bundle and the bundled pages, whatever pages link to', () => {
		const docs = path.join(scratch, 'docs');
		fs.mkdirSync(docs);
		const escaping = [
			'../../../../../../../../etc/passwd',
			'/etc/shadow',
			'../secret.md',
			'../secret',
			'%2e%2e/secret.md',
			'/graph/api/resources/secret',
		];
		const rows = escaping.map((link, i) => `|p${i}|[secret](${link})|Escapes.|`).join('\n');
		fs.writeFileSync(
			path.join(docs, 'escape.md'),
			`# escapePage resource type\n\nNamespace: microsoft.graph\n\nInherits from [secret](../secret.md).\n\n## Properties\n| Property | Type | Description |\n|:---|:---|:---|\n${rows}\n`,
		);
		fs.writeFileSync(path.join(scratch, 'secret.md'), '# secret resource type\n');
		const fixture = path.join(scratch, 'reads.json');
		fs.writeFileSync(fixture, '{"@odata.type": "#microsoft.graph.escapePage", "p0": 1}');
		const readLog = path.join(scratch, 'reads.log');
		const run = runCli(['check', '--docs', docs, fixture], {
			network: networkLog,
			reads: readLog,
		});
		assert.ok(run.status === 0 || run.status === 1, run.stderr);
		// The bundle may load a dependency's code from node_modules; that is not data.
		const modules = path.join(repoRoot, 'node_modules');
		const allowed = [
			docs,
			fixture,
			modules,
			path.join(repoRoot, 'dist'),
			path.join(repoRoot, 'bin'),
			path.resolve(bundledTypesPath()),
		];
		const reads = fs.readFileSync(readLog, 'utf8').split('\n');
		// The recorder sees the reads that must happen, so an empty list below means something.
		assert.ok(
			reads.includes(path.join(docs, 'escape.md')) && reads.includes(fixture),
			reads.join('\n'),
		);
		const outside = reads.filter((read) => {
			const isCode = read.startsWith(modules + path.sep) && /\.(?:c?js|json)$/.test(read);
			const isAllowed = allowed.some(
				(root) => read === root || read.startsWith(root + path.sep),
			);
			return read !== '' && (!isAllowed || (read.startsWith(modules) && !isCode));
		});
		assert.deepEqual(outside, []);
		noNetworkUse();
	});
});
