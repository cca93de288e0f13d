// Times the document tree builder (server/src/json) against JSON.parse and jsonc-parser's
// parseTree on a generated 18 MB Graph collection of 40,000 objects, one line per object as in
// the cases, and the same collection indented. Also reports the heap the tree keeps alive and
// the time for very deep and very wide documents.
//
//   node tools/bench-json.mjs [--runs N] [--objects N]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// Heap figures need explicit garbage collection: run again with the flag when it is missing.
if (typeof globalThis.gc !== 'function') {
	const args = ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)];
	const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
	process.exit(result.status ?? 1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const jsonc = require('jsonc-parser');

function option(name, fallback) {
	const index = process.argv.indexOf(name);
	return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const runs = option('--runs', 7);
const objectCount = option('--objects', 40000);

async function loadParser() {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-json-'));
	const outfile = path.join(directory, 'json.cjs');
	try {
		await esbuild.build({
			entryPoints: [path.join(root, 'server/src/json/index.ts')],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			logLevel: 'warning',
			// jsonc-parser's UMD build loads its modules with a require() esbuild cannot follow.
			mainFields: ['module', 'main'],
		});
		return require(outfile);
	} finally {
		fs.rmSync(directory, { recursive: true, force: true });
	}
}

function item(index) {
	const id = String(index).padStart(5, '0');
	const state = ['done', 'failed', 'pending', 'active'][index % 4];
	return (
		`{"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", ` +
		`"userId": "user-${id}-8f2c4e1a-93b7-4d2e-a6c1-5b0f7e9d3a21", ` +
		`"managedDeviceId": "device-${id}-1c9e7b3d-2a4f-4e8b-9d6c-0f3a5b7e1d92", ` +
		`"totalLicensesCount": ${index % 7}, "failedLicensesCount": ${index % 3}, ` +
		`"actionName": "revokeLicenses", "actionState": "${state}", ` +
		`"actionFailureReason": "none", "startDateTime": "2024-03-01T10:00:00Z", ` +
		`"lastUpdatedDateTime": "2024-03-01T10:05:00.1234567Z"}`
	);
}

function collection(count) {
	const lines = [];
	for (let i = 0; i < count; i++) {
		lines.push('    ' + item(i));
	}
	const context = 'https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.x)';
	return `{\n  "@odata.context": "${context}",\n  "value": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function time(action) {
	const start = performance.now();
	action();
	return performance.now() - start;
}

/** Median milliseconds of each contender, run in turns so that machine noise hits all alike. */
function race(contenders) {
	const samples = contenders.map(() => []);
	for (let run = 0; run < runs; run++) {
		contenders.forEach(([, action], index) => {
			globalThis.gc();
			samples[index].push(time(action));
		});
	}
	return contenders.map(([name], index) => ({ name, ms: median(samples[index]) }));
}

function retainedMegabytes(build) {
	globalThis.gc();
	const before = process.memoryUsage().heapUsed;
	const kept = build();
	globalThis.gc();
	const after = process.memoryUsage().heapUsed;
	if (kept === undefined) {
		throw new Error('nothing built');
	}
	return (after - before) / 1048576;
}

function report(title, text, results) {
	const megabytes = (text.length / 1048576).toFixed(1);
	console.log(`\n${title}: ${megabytes} MB (UTF-16 units)`);
	// Ratios to parseTree hold up better than milliseconds on a machine shared with other work.
	const reference = results.find((result) => result.name.startsWith('jsonc-parser'));
	for (const { name, ms } of results) {
		const ratio = reference ? `  ${(ms / reference.ms).toFixed(2)}× parseTree` : '';
		console.log(`  ${name.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms${ratio}`);
	}
}

const json = await loadParser();
const options = { allowComments: false, allowTrailingComma: false };
console.log(
	`node ${process.version}, ${runs} runs, median; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
);

const compact = collection(objectCount);
const indented = JSON.stringify(JSON.parse(compact), null, 2);
for (const [title, text] of [
	[`${objectCount} objects, one per line`, compact],
	[`${objectCount} objects, indented`, indented],
]) {
	const results = race([
		['JSON.parse', () => JSON.parse(text)],
		['jsonc-parser parseTree', () => jsonc.parseTree(text, [], options)],
		['parseJSON (ours)', () => json.parseJSON(text, options)],
	]);
	report(title, text, results);
	const heap = retainedMegabytes(() => json.parseJSON(text, options));
	console.log(`  heap kept by our tree       ${heap.toFixed(0).padStart(8)} MB`);
}

const deep = `{"a": ${'['.repeat(100000)}${']'.repeat(100000)}}`;
const wide = `{${Array.from({ length: 100000 }, (_, i) => `"key${i}": ${i}`).join(', ')}}`;
report(
	'100,000 nested arrays',
	deep,
	race([['parseJSON (ours)', () => json.parseJSON(deep, options)]]),
);
report(
	'100,000 keys in one object',
	wide,
	race([['parseJSON (ours)', () => json.parseJSON(wide, options)]]),
);
