import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

// The benchmark is plain ESM under tools/ (run by `npm run bench`, outside the TypeScript
// projects), so its pieces are loaded at run time and described here by the parts the tests use.
interface Position {
	line: number;
	character: number;
}
interface Fault {
	index: number;
	kind: string;
}
interface Fixture {
	size: number;
	fsPath: string;
	bytes: number;
	faultCount: number;
}
interface GenerateModule {
	faultKinds: string[];
	generateCollection(count: number, seed?: number): { text: string; faults: Fault[] };
	positionAt(text: string, offset: number): Position;
	endPoints(text: string): {
		edit: { range: { start: Position; end: Position }; text: string };
		completion: Position;
		hover: Position;
	};
	writeFixtures(dir: string, sizes: number[]): Fixture[];
}
interface MessageReader {
	push(chunk: Buffer): unknown[];
}
interface LspModule {
	encodeMessage(message: unknown): Buffer;
	MessageReader: new () => MessageReader;
}
interface Row {
	metric: string;
	ratio: number | null;
	result: string;
}
interface ReportModule {
	median(values: number[]): number | null;
	summarize(results: unknown): Row[];
}
interface ProfileModule {
	hotSpots(
		profile: unknown,
		options: { root: string },
	): { busyMs: number; rows: { name: string; ms: number }[] };
}
interface OptionsModule {
	parseArgs(argv: string[]): { quick: boolean; runs: number; sizes: number[] };
}
interface SessionResult {
	firstDiagnosticCount: number;
	editDiagnosticCount: number;
	completionLabels: string[];
	hasHover: boolean;
}
interface SessionModules {
	schema: { temporarySchema: object; wrapCollection(schema: object): object };
	servers: { peerServer(schemaUri: string, fetches: string[]): object };
	session: {
		runSession(
			server: object,
			fixture: Fixture,
			text: string,
			options: { folder: string; timeoutMs: number },
		): Promise<SessionResult>;
	};
	processes: { killAll(): void };
}

function findRoot(): string {
	for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (
			fs.existsSync(manifest) &&
			fs.readFileSync(manifest, 'utf8').includes('"graph-fixtures"')
		) {
			return dir;
		}
	}
	throw new Error('the repository root was not found above the test');
}

const root = findRoot();

async function load<T>(name: string): Promise<T> {
	return (await import(pathToFileURL(path.join(root, 'tools', 'bench', name)).href)) as T;
}

describe('bench fixture generator', () => {
	it('writes the same text for the same size every time', async () => {
		const { generateCollection } = await load<GenerateModule>('generate.mjs');
		assert.equal(generateCollection(200).text, generateCollection(200).text);
	});

	it('puts one fault every 50 objects, rotating through every kind, in valid JSON', async () => {
		const { generateCollection, faultKinds } = await load<GenerateModule>('generate.mjs');
		const { text, faults } = generateCollection(200);
		const parsed = JSON.parse(text) as { value: Record<string, unknown>[] };
		assert.equal(parsed.value.length, 200);
		assert.deepEqual(
			faults.map((fault) => fault.index),
			[25, 75, 125, 175],
		);
		assert.deepEqual(
			faults.map((fault) => fault.kind),
			faultKinds,
		);
		assert.equal(
			parsed.value[75].totalLicensesCount,
			String(parsed.value[75].totalLicensesCount),
		);
		assert.ok('revokedByUser' in parsed.value[175]);
	});

	it('aims the edit at the first letter of the last actionState value', async () => {
		const { generateCollection, endPoints } = await load<GenerateModule>('generate.mjs');
		const { text } = generateCollection(50);
		const { edit, hover } = endPoints(text);
		const lines = text.split('\n');
		const stateLine = lines[edit.range.start.line];
		assert.match(stateLine.slice(0, edit.range.start.character), /"actionState": "$/);
		assert.equal(edit.range.end.character - edit.range.start.character, 1);
		assert.match(lines[hover.line].slice(hover.character - 5), /^"actionFailureReason"/);
	});

	it('converts offsets to zero-based line and character positions', async () => {
		const { positionAt } = await load<GenerateModule>('generate.mjs');
		assert.deepEqual(positionAt('ab\ncd\n', 4), { line: 1, character: 1 });
		assert.deepEqual(positionAt('ab\ncd\n', 0), { line: 0, character: 0 });
	});
});

describe('bench LSP framing', () => {
	it('reads back messages split into single bytes, multibyte characters included', async () => {
		const { encodeMessage, MessageReader } = await load<LspModule>('lsp.mjs');
		const messages = [
			{ id: 1, text: 'Größe ✓' },
			{ method: 'x', params: [1, 2] },
		];
		const bytes = Buffer.concat(messages.map((message) => encodeMessage(message)));
		const reader = new MessageReader();
		const read: unknown[] = [];
		for (let i = 0; i < bytes.length; i++) {
			read.push(...reader.push(bytes.subarray(i, i + 1)));
		}
		assert.deepEqual(read, messages);
	});

	it('reads several messages that arrive in one chunk', async () => {
		const { encodeMessage, MessageReader } = await load<LspModule>('lsp.mjs');
		const chunk = Buffer.concat([encodeMessage({ a: 1 }), encodeMessage({ b: 2 })]);
		assert.deepEqual(new MessageReader().push(chunk), [{ a: 1 }, { b: 2 }]);
	});

	it('rejects a header without Content-Length', async () => {
		const { MessageReader } = await load<LspModule>('lsp.mjs');
		const reader = new MessageReader();
		assert.throws(
			() => reader.push(Buffer.from('Content-Type: x\r\n\r\n{}')),
			/Content-Length/,
		);
	});
});

describe('bench options and report', () => {
	it('runs sizes 50 and 200 once in quick mode', async () => {
		const { parseArgs } = await load<OptionsModule>('options.mjs');
		const options = parseArgs(['--quick']);
		assert.deepEqual([options.quick, options.runs, options.sizes], [true, 1, [50, 200]]);
		assert.throws(() => parseArgs(['--runs', '0']), /--runs/);
		assert.throws(() => parseArgs(['--fast']), /unknown/);
		assert.throws(() => parseArgs(['--only', 'gpu']), /--only/);
	});

	it('judges first diagnostics by the median of paired runs against a quarter of the peer', async () => {
		const { median, summarize } = await load<ReportModule>('report.mjs');
		assert.equal(median([3, 1, 2, 10]), 2.5);
		const pair = (size: number, run: number, ours: number) => [
			{ size, run, server: 'ours', firstDiagnosticsMs: ours },
			{ size, run, server: 'peer', firstDiagnosticsMs: 100 },
		];
		const results = {
			fixtures: [{ size: 1000, bytes: 1000, faultCount: 1 }],
			lsp: { samples: [...pair(1000, 0, 20), ...pair(1000, 1, 30)] },
		};
		const row = summarize(results).find((r) => r.metric === 'first diagnostics');
		assert.deepEqual([row?.ratio, row?.result], [0.25, 'pass']);
		results.lsp.samples.push(...pair(1000, 2, 90), ...pair(1000, 3, 90));
		assert.equal(
			summarize(results).find((r) => r.metric === 'first diagnostics')?.result,
			'FAIL',
		);
	});

	it('judges only the three sizes the targets are set for', async () => {
		const { summarize } = await load<ReportModule>('report.mjs');
		const results = {
			fixtures: [{ size: 50, bytes: 1000, faultCount: 1 }],
			lsp: {
				samples: [
					{ size: 50, run: 0, server: 'ours', firstDiagnosticsMs: 90 },
					{ size: 50, run: 0, server: 'peer', firstDiagnosticsMs: 100 },
				],
			},
		};
		const row = summarize(results).find((r) => r.metric === 'first diagnostics');
		assert.deepEqual([row?.ratio, row?.result], [0.9, 'not judged']);
	});
});

describe('bench profile summary', () => {
	it('sums self time per function over its call-tree nodes and leaves idle time out', async () => {
		const { hotSpots } = await load<ProfileModule>('profile.mjs');
		const frame = (functionName: string) => ({ functionName, url: '', lineNumber: 0 });
		const profile = {
			nodes: [
				{ id: 1, callFrame: frame('parse') },
				{ id: 2, callFrame: frame('parse') },
				{ id: 3, callFrame: frame('(idle)') },
				{ id: 4, callFrame: frame('validate') },
			],
			samples: [1, 2, 3, 4, 1],
			timeDeltas: [1000, 2000, 50000, 1000, 1000],
		};
		const spots = hotSpots(profile, { root });
		assert.equal(spots.busyMs, 5);
		assert.deepEqual(
			spots.rows.map((row) => [row.name, row.ms]),
			[
				['parse', 4],
				['validate', 1],
			],
		);
	});
});

describe('bench session against the peer server', () => {
	it('sees the peer report each generated fault, complete the enum and hover', async () => {
		const generate = await load<GenerateModule>('generate.mjs');
		const modules: SessionModules = {
			schema: await load('schema.mjs'),
			servers: await load('servers.mjs'),
			session: await load('session.mjs'),
			processes: await load('processes.mjs'),
		};
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
		try {
			const schemaPath = path.join(folder, 'schema.json');
			const schema = modules.schema.wrapCollection(modules.schema.temporarySchema);
			fs.writeFileSync(schemaPath, JSON.stringify(schema));
			const fetches: string[] = [];
			const peer = modules.servers.peerServer(pathToFileURL(schemaPath).href, fetches);
			const [fixture] = generate.writeFixtures(folder, [200]);
			const text = fs.readFileSync(fixture.fsPath, 'utf8');
			const options = { folder, timeoutMs: 20000 };
			const result = await modules.session.runSession(peer, fixture, text, options);
			assert.deepEqual([result.firstDiagnosticCount, result.editDiagnosticCount], [4, 5]);
			assert.ok(result.completionLabels.includes('"pending"'));
			assert.ok(result.hasHover);
			assert.deepEqual(fetches, []);
		} finally {
			modules.processes.killAll();
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
