/**
 * The command-line contract of DESIGN.md, through the built executable: formats, exit statuses,
 * folders and globs, and clear messages for bad input.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { graphDocs, repoRoot } from '../helpers/engine';

const cli = path.join(repoRoot, 'bin', 'graph-fixtures.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratchFolders: string[] = [];
after(() => {
	for (const folder of scratchFolders) {
		rmSync(folder, { recursive: true, force: true });
	}
});

function scratch(files: Record<string, string | Buffer>): string {
	const folder = mkdtempSync(path.join(tmpdir(), 'graph-fixtures-cli-'));
	scratchFolders.push(folder);
	for (const [name, content] of Object.entries(files)) {
		writeFileSync(path.join(folder, name), content);
	}
	return folder;
}

const tagged = (state: string) =>
	`{"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "actionState": "${state}"}\n`;

describe('graph-fixtures check', () => {
	it('reports the faults of the invalid example in stylish form and exits 1', () => {
		const { status, stdout, stderr } = run('check', 'examples');
		assert.equal(status, 1, stderr);
		assert.match(
			stdout,
			/^examples\/invalid\.json:10:19 {2}error {2}.*finished.* {2}invalid-enum-value$/m,
		);
		assert.match(stdout, /7 problems \(6 errors, 1 warning, 0 notes\) in 2 files checked/);
		assert.doesNotMatch(stdout, /\/valid\.json:\d/);
		assert.equal(stderr, '');
	});

	it('prints one JSON entry per file, sorted, with LSP ranges', () => {
		const { status, stdout } = run('check', '--format', 'json', 'examples');
		assert.equal(status, 1);
		const reports = JSON.parse(stdout) as {
			file: string;
			diagnostics: { range: unknown; code: string; severity: string }[];
		}[];
		assert.deepEqual(
			reports.map((report) => report.file),
			['examples/invalid.json', 'examples/valid.json'],
		);
		assert.equal(reports[1].diagnostics.length, 0);
		const enumProblem = reports[0].diagnostics.find(
			(item) => item.code === 'invalid-enum-value',
		);
		assert.deepEqual(enumProblem?.range, {
			start: { line: 9, character: 18 },
			end: { line: 9, character: 28 },
		});
		assert.equal(enumProblem?.severity, 'error');
	});

	it('writes SARIF 2.1.0 with one result per diagnostic', () => {
		const { stdout } = run('check', '--format', 'sarif', 'examples/invalid.json');
		const log = JSON.parse(stdout);
		assert.equal(log.version, '2.1.0');
		assert.equal(log.runs[0].tool.driver.name, 'graph-fixtures');
		assert.equal(log.runs[0].results.length, 7);
		assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.region.startLine, 7);
	});

	it('exits 0 for a valid file and 1 for errors', () => {
		assert.equal(run('check', 'examples/valid.json').status, 0);
		const folder = scratch({ 'bad.json': tagged('finished') });
		assert.equal(run('check', folder).status, 1);
	});

	it('exits 2 for a missing path but still checks and reports the others', () => {
		const { status, stdout, stderr } = run(
			'check',
			'--format',
			'json',
			'no-such-file.json',
			'examples/valid.json',
		);
		assert.equal(status, 2);
		assert.match(stderr, /no-such-file\.json: no such file or folder/);
		assert.equal(JSON.parse(stdout).length, 1);
	});

	it('exits 2 for a glob that matches nothing, and expands globs that match', () => {
		assert.equal(run('check', 'examples/*.nothing.json').status, 2);
		const { status, stdout } = run('check', '--format', 'json', 'examples/*.json');
		assert.equal(status, 1);
		assert.equal(JSON.parse(stdout).length, 2);
	});

	it('exits 2 with a message for usage errors', () => {
		for (const args of [
			['check'],
			['check', '--format', 'xml', 'examples'],
			['check', '--severity', 'nope=error', 'examples'],
			['frobnicate'],
		]) {
			const { status, stderr } = run(...args);
			assert.equal(status, 2, args.join(' '));
			assert.notEqual(stderr, '', args.join(' '));
			assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
		}
	});

	it('--severity changes or drops a code, and --max-warnings fails on warnings', () => {
		const folder = scratch({
			'warn.json':
				'{"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "extra": 1}',
		});
		assert.equal(run('check', folder).status, 0);
		assert.equal(run('check', '--max-warnings', '0', folder).status, 1);
		assert.equal(run('check', '--severity', 'unknown-property=error', folder).status, 1);
		const dropped = run(
			'check',
			'--format',
			'json',
			'--severity',
			'unknown-property=off',
			folder,
		);
		assert.deepEqual(JSON.parse(dropped.stdout)[0].diagnostics, []);
	});

	it('exits 2 when a --docs or --metadata path cannot be read, after checking', () => {
		const { status, stdout, stderr } = run(
			'check',
			'--docs',
			'no-such-folder',
			'examples/valid.json',
		);
		assert.equal(status, 2);
		assert.match(stderr, /no-such-folder/);
		assert.match(stdout, /1 file checked/);
	});

	it('says why --max-warnings failed the run', () => {
		const folder = scratch({
			'warn.json':
				'{"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "a": 1, "b": 2}',
		});
		const { status, stderr } = run('check', '--max-warnings', '1', folder);
		assert.equal(status, 1);
		assert.match(stderr, /2 warnings, more than --max-warnings 1/);
	});

	it('stops quietly when the reader closes the pipe early', () => {
		const items = Array.from(
			{ length: 20000 },
			() =>
				'{"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "actionState": "x"}',
		);
		const folder = scratch({ 'many.json': `[${items.join(',')}]` });
		const result = spawnSync(
			'sh',
			['-c', `"${process.execPath}" "${cli}" check "${folder}" | head -n 1`],
			{ encoding: 'utf8' },
		);
		assert.equal(result.stdout.split('\n').filter(Boolean).length, 1);
		assert.doesNotMatch(result.stderr, /EPIPE|\n\s+at /);
	});

	it('reports binary, empty and non-JSON files as syntax errors, never with a stack trace', () => {
		const folder = scratch({
			'binary.json': Buffer.from([0x7b, 0x00, 0x01, 0x7d]),
			'empty.json': '',
			'prose.json': 'not json at all',
		});
		const { status, stdout, stderr } = run('check', '--format', 'json', folder);
		assert.equal(status, 1);
		const reports = JSON.parse(stdout) as { diagnostics: { code: string }[] }[];
		assert.equal(reports.length, 3);
		for (const report of reports) {
			assert.ok(report.diagnostics.length > 0);
			assert.ok(report.diagnostics.every((item) => item.code === 'syntax-error'));
		}
		assert.equal(stderr, '');
	});

	it('checks .jsonc files with comments allowed and .json files without', () => {
		const text = '// note\n' + tagged('done');
		const folder = scratch({ 'a.jsonc': text, 'b.json': text });
		const reports = JSON.parse(run('check', '--format', 'json', folder).stdout) as {
			file: string;
			diagnostics: unknown[];
		}[];
		assert.deepEqual(
			reports.map((report) => [path.basename(report.file), report.diagnostics.length]),
			[
				['a.jsonc', 0],
				['b.json', 1],
			],
		);
	});

	it('prints no progress when stderr is not a terminal', () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < 150; i++) {
			files[`f${i}.json`] = tagged('done');
		}
		const { status, stderr } = run('check', scratch(files));
		assert.equal(status, 0);
		assert.equal(stderr, '');
	});
});

describe('graph-fixtures types and schema', () => {
	it('lists the bundled types, sorted, one per line', () => {
		const { status, stdout } = run('types');
		assert.equal(status, 0);
		assert.deepEqual(stdout.trim().split('\n'), [
			'microsoft.graph.actionState',
			'microsoft.graph.iosVppAppRevokeLicensesActionResult',
			'microsoft.graph.vppTokenActionFailureReason',
		]);
	});

	it('lists every type of the shared pages and no page problems', () => {
		const names = run('types', '--docs', graphDocs).stdout.trim().split('\n');
		assert.ok(names.includes('microsoft.graph.iosVppApp'));
		assert.ok(names.includes('microsoft.graph.dayOfWeek'));
		assert.deepEqual([...names].sort(), names);
		assert.equal(run('types', '--problems', '--docs', graphDocs).stdout, '');
	});

	it('prints a schema of iosVppApp with its inherited properties', () => {
		const { status, stdout } = run('schema', 'microsoft.graph.iosVppApp', '--docs', graphDocs);
		assert.equal(status, 0);
		const schema = JSON.parse(stdout);
		assert.ok('displayName' in schema.properties, 'inherited from mobileApp');
		assert.ok('revokeLicenseActionResults' in schema.properties);
		assert.ok(schema.definitions['microsoft.graph.iosVppAppRevokeLicensesActionResult']);
	});

	it('exits 2 for an unknown type, with a suggestion', () => {
		const { status, stderr } = run('schema', 'microsoft.graph.iosVppAp', '--docs', graphDocs);
		assert.equal(status, 2);
		assert.match(stderr, /Did you mean "microsoft\.graph\.iosVppApp"/);
	});
});
