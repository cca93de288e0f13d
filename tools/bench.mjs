// `npm run bench [-- --quick] [--runs N] [--sizes 1000,10000] [--timeout SECONDS] [--keep]`
// Graph Fixtures side by side with VS Code's JSON language server (1.3.4, over stdio) and the
// vscode-json-languageservice 5.x library, on generated Graph collections. Writes
// bench/results/latest.{md,json} (quick mode: quick.{md,json}) and prints the table. Exit status
// 1 when the harness itself broke (a session failed, a peer reported the wrong diagnostics, a
// schema fetch was attempted); missed targets are reported, not failed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCliThroughput, runLoadTimes } from './bench/cli.mjs';
import { faultKinds, writeFixtures } from './bench/generate.mjs';
import { runLibraryComparison } from './bench/library.mjs';
import { installExitHandlers, runCommand } from './bench/processes.mjs';
import { hotSpots, readNewestProfile } from './bench/profile.mjs';
import { summarize, toMarkdown } from './bench/report.mjs';
import { parseArgs } from './bench/options.mjs';
import {
	loadSchema,
	peerCheckableKinds,
	remoteReferences,
	wrapCollection,
} from './bench/schema.mjs';
import { checkOurs, checkPeers } from './bench/sanity.mjs';
import { debounceNote, oursServer, peerServer } from './bench/servers.mjs';
import { readFixture, runSession } from './bench/session.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const startLoad = os.loadavg()[0];

/** The limit of each wait: 30 s plus 10 s per MB of fixture, unless `--timeout` says otherwise. */
function waitLimit(options, bytes) {
	return options.timeoutS > 0 ? options.timeoutS * 1000 : 30000 + (bytes / 1e6) * 10000;
}

function progress(text) {
	process.stderr.write(`${text}\n`);
}

async function prepareSchema(folder, state) {
	const loaded = await loadSchema(root);
	const schema = wrapCollection(loaded.schema);
	const remote = remoteReferences(schema);
	if (remote.length > 0) {
		state.errors.push(
			`the schema references other hosts, which the peer must not fetch: ${remote.join(', ')}`,
		);
	}
	const schemaPath = path.join(folder, 'schema.json');
	fs.writeFileSync(schemaPath, JSON.stringify(schema, null, '\t'));
	const label =
		loaded.source === 'cli'
			? loaded.note
			: `TEMPORARY schema written by the bench (${loaded.note})`;
	const peerKinds = peerCheckableKinds(loaded.schema, faultKinds);
	const unseen = faultKinds.filter((kind) => !peerKinds.includes(kind));
	if (unseen.length > 0) {
		state.notes.push(
			`the schema lets the peers check no ${unseen.join(', ')} fault (they are held to the rest)`,
		);
	}
	return { schemaPath, label, peerKinds };
}

async function sessionSample(server, fixture, text, run, context) {
	const { folder, options, state } = context;
	const label = `${fixture.size} ${run < 0 ? 'profiled' : `run ${run + 1}`} ${server.name}`;
	try {
		const timeoutMs = waitLimit(options, fixture.bytes);
		const result = await runSession(server, fixture, text, { folder, timeoutMs });
		progress(
			`  ${label}: first ${result.firstDiagnosticsMs.toFixed(1)} ms, edit ${result.editDiagnosticsMs.toFixed(1)} ms`,
		);
		return { size: fixture.size, run, server: server.name, ...result };
	} catch (error) {
		state.errors.push(`LSP ${label}: ${error.message}`);
		progress(`  ${label}: FAILED ${error.message.split('\n')[0]}`);
		return undefined;
	}
}

async function runLspSessions(servers, fixtures, context) {
	const samples = [];
	for (const fixture of fixtures) {
		const text = readFixture(fixture);
		const failed = new Set();
		for (let run = 0; run < context.options.runs; run++) {
			// A server that failed once at a size is not retried there: each retry costs a timeout.
			for (const server of servers.filter((s) => !failed.has(s.name))) {
				const sample = await sessionSample(server, fixture, text, run, context);
				if (sample) {
					samples.push(sample);
				} else {
					failed.add(server.name);
				}
			}
		}
		const ours = servers.find((s) => s.name === 'ours' && !failed.has('ours'));
		if (context.options.profile && ours) {
			await profileSession(ours, fixture, text, context);
		}
	}
	return samples;
}

/** One extra, unmeasured session of our server under `--cpu-prof`; keeps its hot spots. */
async function profileSession(ours, fixture, text, context) {
	const dir = path.join(root, 'bench', 'results', 'profiles', String(fixture.size));
	fs.rmSync(dir, { recursive: true, force: true });
	const profiled = { ...ours, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] };
	progress(`  ${fixture.size} profiling ours`);
	const sample = await sessionSample(profiled, fixture, text, -1, context);
	const newest = readNewestProfile(dir);
	if (sample && newest) {
		const spots = hotSpots(newest.profile, { root, top: 15 });
		context.state.profiles.push({
			size: fixture.size,
			fsPath: path.relative(root, newest.fsPath),
			...spots,
		});
	}
}

async function gitCommit() {
	try {
		const run = await runCommand('git', ['rev-parse', '--short', 'HEAD'], {
			cwd: root,
			timeoutMs: 10000,
		});
		const dirty = await runCommand(
			'git',
			['status', '--porcelain', '--', 'server', 'bin', 'tools/bundle.mjs'],
			{ cwd: root, timeoutMs: 10000 },
		);
		return `${run.stdout.trim()}${dirty.stdout.trim() ? ' + uncommitted engine changes' : ''}`;
	} catch {
		return 'unknown';
	}
}

async function metaFor(options, peer, schemaLabel) {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString(),
		commit: await gitCommit(),
		node: process.version,
		cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}`,
		runs: options.runs,
		sizes: options.sizes,
		quick: options.quick,
		peerServer: peer.label,
		schemaSource: schemaLabel,
		// Other work on the machine (the cores are shared) skews timings: recorded to judge them.
		loadAverage: { start: startLoad, end: os.loadavg()[0] },
	};
}

async function measureLsp(fixtures, peer, context) {
	const ours = oursServer(root);
	if (ours.skip) {
		context.state.notes.push(`LSP, ours skipped: ${ours.skip}`);
	}
	const servers = ours.skip ? [peer] : [ours, peer];
	context.state.notes.push(debounceNote(root));
	const names = servers.map((s) => s.name).join(', ');
	progress(`LSP sessions (${names}), ${context.options.runs} run(s) per size`);
	return runLspSessions(servers, fixtures, context);
}

async function measureLibrary(fixtures, schemaPath, { folder, options, state }) {
	progress('library comparison');
	const perRun = fixtures.reduce((sum, f) => sum + waitLimit(options, f.bytes), 0);
	const timeoutMs = options.runs * perRun * 2;
	const runs = options.runs;
	const library = await runStep('library', state, () =>
		runLibraryComparison({ root, folder, fixtures, schemaPath, runs, timeoutMs }),
	);
	if (library?.note) {
		state.notes.push(`library, ours skipped: ${library.note}`);
	}
	return library;
}

async function measureCli(fixtures, { options, state }) {
	progress('CLI');
	const limit = { root, runs: options.runs, timeoutMs: waitLimit(options, 20e6) };
	const cli = await runStep('cli', state, () => runCliThroughput({ fixtures, ...limit }));
	if (cli?.note) {
		state.notes.push(`CLI check skipped: ${cli.note}`);
	}
	const load = await runStep('load', state, () => runLoadTimes(limit));
	state.notes.push(...(load?.notes ?? []).map((note) => `load times: ${note}`));
	return { cli, load };
}

async function measure(options, folder, state) {
	const fixtures = writeFixtures(folder, options.sizes);
	const { schemaPath, label, peerKinds } = await prepareSchema(folder, state);
	const peer = peerServer(pathToFileURL(schemaPath).href, state.fetchAttempts);
	const context = { folder, options, state };
	const wanted = (part) => options.only.includes(part);
	const lspSamples = wanted('lsp') ? await measureLsp(fixtures, peer, context) : [];
	const library = wanted('library')
		? await measureLibrary(fixtures, schemaPath, context)
		: undefined;
	const { cli, load } = wanted('cli') ? await measureCli(fixtures, context) : {};
	return {
		meta: await metaFor(options, peer, label),
		fixtures: fixtures.map(({ faults, fsPath: _path, ...rest }) => ({
			...rest,
			peerFaultCount: faults.filter((fault) => peerKinds.includes(fault.kind)).length,
		})),
		lsp: { samples: lspSamples, fetchAttempts: state.fetchAttempts },
		library,
		cli,
		load,
	};
}

async function runStep(name, state, step) {
	try {
		return await step();
	} catch (error) {
		state.errors.push(`${name}: ${error.message}`);
		return undefined;
	}
}

function writeResults(options, results) {
	const rows = summarize(results);
	const markdown = toMarkdown(results, rows);
	const dir = path.join(root, 'bench', 'results');
	fs.mkdirSync(dir, { recursive: true });
	const name = options.quick ? 'quick' : 'latest';
	fs.writeFileSync(path.join(dir, `${name}.md`), markdown);
	fs.writeFileSync(
		path.join(dir, `${name}.json`),
		`${JSON.stringify({ ...results, summary: rows }, null, '\t')}\n`,
	);
	process.stdout.write(markdown);
	progress(`wrote bench/results/${name}.md and ${name}.json`);
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-fixtures-bench-'));
	const finish = installExitHandlers(() => {
		if (!options.keep) {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
	try {
		const state = { errors: [], notes: [], fetchAttempts: [], profiles: [] };
		const measured = await measure(options, folder, state);
		const results = {
			...measured,
			profiles: state.profiles,
			notes: state.notes,
			errors: state.errors,
		};
		results.errors.push(...checkPeers(results));
		results.notes.push(...checkOurs(results).map((problem) => `ours: ${problem}`));
		results.notes.push(...results.errors.map((error) => `ERROR: ${error.split('\n')[0]}`));
		writeResults(options, results);
		if (results.errors.length > 0) {
			progress(
				`the harness reported ${results.errors.length} error(s):\n${results.errors.join('\n')}`,
			);
			process.exitCode = 1;
		}
	} finally {
		finish();
	}
}

main().catch((error) => {
	process.stderr.write(`bench: ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
