// Hot spots from a V8 `.cpuprofile` (written by `node --cpu-prof`): self time per function,
// summed over every node of the call tree that runs it.
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';

const sourceMaps = new Map();

/** The source map of a bundle (`dist/server.js.map`), read once; null when there is none. */
function sourceMapOf(file) {
	if (!sourceMaps.has(file)) {
		const mapPath = `${file}.map`;
		const payload = fs.existsSync(mapPath)
			? JSON.parse(fs.readFileSync(mapPath, 'utf8'))
			: null;
		sourceMaps.set(file, payload && new SourceMap(payload));
	}
	return sourceMaps.get(file);
}

/** The original file and line of a frame in a bundle, e.g. `server/src/json/parser.ts:120`. */
function originalPlace(file, callFrame, root) {
	const entry = sourceMapOf(file)?.findEntry(callFrame.lineNumber, callFrame.columnNumber);
	if (!entry?.originalSource) {
		return undefined;
	}
	const source = path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ''));
	return `${shortPath(source, root)}:${entry.originalLine + 1}`;
}

/** A path relative to the repository, or `package/…/file.js` inside node_modules. */
function shortPath(file, root) {
	const modules = file.lastIndexOf('node_modules/');
	const parts = modules >= 0 ? file.slice(modules + 13).split('/') : [];
	const packageName = parts[0]?.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
	if (packageName) {
		return `${packageName}/…/${path.basename(file)}`;
	}
	return file.startsWith(root) ? path.relative(root, file) : path.basename(file);
}

function frameName(callFrame, root) {
	const name = callFrame.functionName || '(anonymous)';
	if (!callFrame.url) {
		return name;
	}
	const file = callFrame.url.replace(/^file:\/\//, '');
	const place =
		originalPlace(file, callFrame, root) ??
		`${shortPath(file, root)}:${callFrame.lineNumber + 1}`;
	return `${name} ${place}`;
}

/** Areas of the server that self time is grouped into, first match wins. */
const areas = [
	['garbage collection', /^\(garbage collector\)/],
	['parse', / (server\/src\/json\/|jsonc-parser\/)/],
	['validation', / server\/src\/(service|model)\/|^validate\d*$|ajv\//],
	[
		'LSP transport',
		/vscode-jsonrpc\/|vscode-languageserver\/|node:buffer|^(decode|slice|utf8Slice|writeAsciiString|writeUtf8String)$/,
	],
	['text document', /vscode-languageserver-textdocument\//],
	['start-up', /^(wrapSafe|compileForInternalLoader|__require) |loader:|realm:/],
	['server wiring', / server\/src\//],
];

function areaOf(name) {
	return areas.find(([, pattern]) => pattern.test(name))?.[0] ?? 'other';
}

/** Self milliseconds per function, largest first, with their share of the sampled time. */
export function hotSpots(profile, { root = '', top = 15 } = {}) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfMs = new Map();
	let totalMs = 0;
	profile.samples.forEach((id, index) => {
		const ms = (profile.timeDeltas[index] ?? 0) / 1000;
		const node = byId.get(id);
		totalMs += ms;
		if (node && node.callFrame.functionName !== '(idle)') {
			const name = frameName(node.callFrame, root);
			selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
		}
	});
	const busyMs = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
	const byArea = {};
	for (const [name, ms] of selfMs) {
		byArea[areaOf(name)] = (byArea[areaOf(name)] ?? 0) + ms;
	}
	const rows = [...selfMs.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([name, ms]) => ({ name, ms, share: busyMs > 0 ? ms / busyMs : 0 }));
	return { totalMs, busyMs, byArea, rows };
}

/** Reads the newest `.cpuprofile` in a folder, or undefined when none was written. */
export function readNewestProfile(dir) {
	if (!fs.existsSync(dir)) {
		return undefined;
	}
	const files = fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.cpuprofile'))
		.map((name) => path.join(dir, name))
		.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
	return files[0] && { fsPath: files[0], profile: JSON.parse(fs.readFileSync(files[0], 'utf8')) };
}

/** Markdown lines for one profile's hot spots. */
export function hotSpotLines(title, spots) {
	const lines = [
		'',
		`${title}: ${spots.busyMs.toFixed(0)} ms busy of ${spots.totalMs.toFixed(0)} ms sampled`,
		'',
		`By area: ${Object.entries(spots.byArea ?? {})
			.sort((a, b) => b[1] - a[1])
			.map(([area, ms]) => `${area} ${ms.toFixed(0)} ms`)
			.join(', ')}.`,
		'',
		'| self | share | function |',
		'|---|---|---|',
	];
	for (const row of spots.rows) {
		lines.push(
			`| ${row.ms.toFixed(0)} ms | ${(row.share * 100).toFixed(1)} % | \`${row.name}\` |`,
		);
	}
	return lines;
}

/** A CLI for profiles taken by hand: `node tools/bench/profile.mjs FILE.cpuprofile [TOP]`. */
if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
	const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
	const spots = hotSpots(profile, { root: process.cwd(), top: Number(process.argv[3] ?? 25) });
	process.stdout.write(`${hotSpotLines(path.basename(process.argv[2]), spots).join('\n')}\n`);
}
