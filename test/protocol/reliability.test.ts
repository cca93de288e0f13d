/**
 * The language server under load and attack, over stdio as an editor runs it: a burst of 1,000
 * edits, 10,000 open/close cycles, malformed requests, mutated documents at random positions,
 * and security: no network use, no reads outside the configured folders, and untrusted
 * workspace settings that point outside the workspace ignored with a notice.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Range } from 'vscode-languageserver-protocol';
import { baseFixtures, fuzzParameters, mutatedFixture } from '../unit/fuzzInputs';
import {
	heapProbePreload,
	hostileDocs,
	hostileMetadata,
	lspRangeFault,
	noNetworkPreload,
	recordReadsPreload,
	splitLines,
} from '../unit/reliabilitySupport';
import { ReliabilityClient, repoRoot } from './reliabilityClient';

let scratch: string;

before(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-fixtures-protocol-reliability-'));
});

after(() => {
	fs.rmSync(scratch, { recursive: true, force: true });
});

/** A server on the hostile types, with the network guard; its log file is returned too. */
async function startGuarded(
	name: string,
	extra: Partial<Parameters<typeof ReliabilityClient.start>[0]> = {},
) {
	const networkLog = path.join(scratch, `${name}.network.log`);
	const client = await ReliabilityClient.start({
		nodeOptions: extra.nodeOptions,
		preloads: [noNetworkPreload, ...(extra.preloads ?? [])],
		env: { GRAPH_FIXTURES_NETWORK_LOG: networkLog, ...extra.env },
		initializationOptions: extra.initializationOptions ?? {
			docs: [hostileDocs],
			metadata: [hostileMetadata],
		},
		workspaceFolders: extra.workspaceFolders,
	});
	await client.waitFor('graphFixtures/typesLoaded');
	return { client, networkLog };
}

function assertValidDiagnostics(text: string, diagnostics: readonly Diagnostic[]): void {
	const lines = splitLines(text);
	for (const diagnostic of diagnostics) {
		assert.equal(
			lspRangeFault(lines, diagnostic.range),
			undefined,
			`${String(diagnostic.code)}`,
		);
	}
}

/** Random incremental edits of a text, applied to a local copy as the server applies them. */
const edits = fc.array(
	fc.tuple(
		fc.double({ min: 0, max: 1, noNaN: true }),
		fc.nat(6),
		fc.constantFrom(
			'',
			'"',
			'{',
			'}',
			',',
			':',
			'1',
			'x',
			'\r\n',
			'\u{1F600}',
			'"@odata.type"',
			'"#microsoft.graph.hostileNode"',
		),
	),
	{ minLength: 1000, maxLength: 1000 },
);

describe('reliability: the server under load', () => {
	it('ends a burst of 1,000 edits with the diagnostics of a fresh open', async () => {
		const { client } = await startGuarded('burst');
		try {
			const uri = 'file:///burst/edited.json';
			const local = TextDocument.create(uri, 'json', 1, baseFixtures[0]);
			await client.open(uri, local.getText());
			const [changes] = fc.sample(edits, { numRuns: 1, seed: fuzzParameters(0).seed });
			const sent: Promise<void>[] = [];
			for (const [where, removed, inserted] of changes) {
				const start = Math.floor(where * local.getText().length);
				const range: Range = {
					start: local.positionAt(start),
					end: local.positionAt(start + removed),
				};
				TextDocument.update(local, [{ range, text: inserted }], local.version + 1);
				const change = {
					textDocument: { uri, version: local.version },
					contentChanges: [{ range, text: inserted }],
				};
				sent.push(client.notify('textDocument/didChange', change));
			}
			await Promise.all(sent);
			const edited = await client.diagnosticsOf(uri, local.version, 30000);
			const freshUri = 'file:///burst/fresh.json';
			await client.open(freshUri, local.getText());
			const fresh = await client.diagnosticsOf(freshUri, 1);
			assert.deepEqual(edited, fresh);
			assertValidDiagnostics(local.getText(), edited);
			assert.equal(await client.stop(), 0);
		} finally {
			client.kill();
		}
	});

	it('keeps its memory flat over 10,000 open/close cycles', async () => {
		const heapLog = path.join(scratch, 'memory.heap.log');
		const { client } = await startGuarded('memory', {
			nodeOptions: ['--expose-gc'],
			preloads: [heapProbePreload],
			env: { GRAPH_FIXTURES_HEAP_LOG: heapLog },
		});
		try {
			const cycles = async (first: number, count: number): Promise<void> => {
				for (let batch = first; batch < first + count; batch += 500) {
					const sent: Promise<void>[] = [];
					for (let i = batch; i < batch + 500; i++) {
						const uri = `file:///memory/doc${i}.json`;
						sent.push(
							client.open(
								uri,
								`{"@odata.type": "#microsoft.graph.hostileNode", "count": ${i}, "mode": "x${i}"}`,
							),
						);
						sent.push(client.close(uri));
					}
					await Promise.all(sent);
					// A request answered after the batch means the batch was read.
					await client.request('textDocument/hover', {
						textDocument: { uri: 'file:///none.json' },
						position: { line: 0, character: 0 },
					});
				}
			};
			/** Resident memory, and the heap in use after a full collection, in MB. */
			const measure = async (): Promise<[number, number]> => {
				fs.rmSync(heapLog, { force: true });
				client.child.kill('SIGUSR2');
				while (!fs.existsSync(heapLog) || fs.readFileSync(heapLog, 'utf8') === '') {
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
				return [
					client.residentBytes() / 1048576,
					Number(fs.readFileSync(heapLog, 'utf8')) / 1048576,
				];
			};
			await cycles(0, 1000);
			const [residentBefore, heapBefore] = await measure();
			await cycles(1000, 10_000);
			const [residentAfter, heapAfter] = await measure();
			const growth = `resident ${residentBefore.toFixed(1)} → ${residentAfter.toFixed(1)} MB, heap ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB`;
			assert.ok(residentAfter - residentBefore < 30, growth);
			assert.ok(heapAfter - heapBefore < 4, growth);
			assert.equal(await client.stop(), 0);
		} finally {
			client.kill();
		}
	});

	it('answers malformed requests with their empty result, one warning line each, and keeps serving', async () => {
		const { client } = await startGuarded('throws');
		try {
			const uri = 'file:///throws/doc.json';
			await client.open(uri, '{"@odata.type": "#microsoft.graph.hostileNode", "mode": "on"}');
			const broken: [method: string, params: unknown, empty: unknown][] = [
				['textDocument/definition', {}, null],
				['textDocument/hover', { textDocument: { uri } }, null],
				[
					'textDocument/codeAction',
					{ textDocument: { uri }, range: null, context: { diagnostics: [] } },
					[],
				],
				['graphFixtures/skeleton', null, null],
				['graphFixtures/exportSchema', { type: {} }, null],
			];
			for (const [method, params, empty] of broken) {
				assert.deepEqual(await client.request(method, params), empty, method);
			}
			// A client's protocol violation is no bug of ours: a warning without a stack.
			const warnings = client.logs.filter((log) => log.type === 2).map((log) => log.message);
			for (const [method] of broken) {
				const lines = warnings.filter((message) => message.startsWith(`${method}: `));
				assert.equal(lines.length, 1, `${method}: ${warnings.join('\n')}`);
				assert.ok(!lines[0].includes('\n'), lines[0]);
			}
			assert.deepEqual(
				client.logs.filter((log) => log.type === 1),
				[],
			);
			const hover = await client.request<Hover | null>('textDocument/hover', {
				textDocument: { uri },
				position: { line: 0, character: 50 },
			});
			assert.notEqual(hover, null);
			assert.equal(await client.stop(), 0);
		} finally {
			client.kill();
		}
	});

	it('answers hostile documents: 100,000 levels, 100,000 members, 10 MB strings, over the size limit', async () => {
		const { client } = await startGuarded('hostile', {
			initializationOptions: {
				docs: [hostileDocs],
				metadata: [hostileMetadata],
				maxFileSize: 12 * 1024 * 1024,
			},
		});
		try {
			const deep = 100_000;
			const node = '#microsoft.graph.hostileNode';
			const documents: [name: string, text: string][] = [
				[
					'deep',
					`{"@odata.type":"${node}","child":` +
						'{"child":'.repeat(deep) +
						'{"mode":"o"}' +
						'}'.repeat(deep + 1),
				],
				['unclosed', `{"@odata.type":"${node}","children":` + '[{"children":'.repeat(deep)],
				[
					'wide',
					`{"@odata.type":"${node}",` +
						Array.from({ length: deep }, (_, i) => `"k${i}":${i}`).join(',') +
						'}',
				],
				[
					'long',
					`{"@odata.type":"${node}","when":"2024-01-01T${'1'.repeat(10 * 1024 * 1024)}"}`,
				],
				[
					'large',
					`\u{1F600}{"@odata.type":"${node}","label":"${'x'.repeat(13 * 1024 * 1024)}"}`,
				],
			];
			for (const [name, text] of documents) {
				const uri = `file:///hostile/${name}.json`;
				const published = client.diagnosticsOf(uri, 1, 30000);
				await client.open(uri, text);
				const diagnostics = await published;
				assertValidDiagnostics(text, diagnostics);
				const end = TextDocument.create(uri, 'json', 1, text).positionAt(text.length);
				for (const position of [{ line: 0, character: 20 }, end]) {
					const at = { textDocument: { uri }, position };
					await client.request('textDocument/completion', at);
					await client.request('textDocument/hover', at);
				}
				if (name === 'large') {
					assert.deepEqual(
						diagnostics.map((item) => [item.code, item.range.end.character]),
						[['not-checked', 2]],
					);
				}
				await client.close(uri);
			}
			assert.equal(await client.stop(), 0);
		} finally {
			client.kill();
		}
	});

	it('survives mutated documents and requests at random positions, with valid ranges', async () => {
		const { client, networkLog } = await startGuarded('fuzz');
		try {
			const parameters = fuzzParameters(0);
			// A seed chosen here rather than by fast-check, so that a failure can name it.
			const seed = parameters.seed ?? Math.floor(Math.random() * 2 ** 31);
			const { timeLimitMs } = parameters;
			const texts = fc.sample(mutatedFixture, {
				numRuns: Number(process.env.GRAPH_FIXTURES_FUZZ_RUNS) || 40,
				seed,
			});
			const stopAt = Date.now() + timeLimitMs;
			for (const [index, text] of texts.entries()) {
				if (Date.now() > stopAt) {
					break;
				}
				const uri = `file:///fuzz/doc${index}.${index % 2 ? 'json' : 'jsonc'}`;
				const replay = `GRAPH_FIXTURES_FUZZ_SEED=${seed}, document ${index}`;
				await withContext(replay, async () => {
					const published = client.diagnosticsOf(uri, 1);
					await client.open(uri, text, 1, index % 2 ? 'json' : 'jsonc');
					assertValidDiagnostics(text, await published);
					const local = TextDocument.create(uri, 'json', 1, text);
					const position = local.positionAt(
						Math.floor((index / texts.length) * text.length),
					);
					const at = { textDocument: { uri }, position };
					const completion = await client.request<CompletionList | null>(
						'textDocument/completion',
						at,
					);
					for (const item of completion?.items ?? []) {
						const edit = item.textEdit;
						assert.equal(
							edit && 'range' in edit
								? lspRangeFault(splitLines(text), edit.range)
								: undefined,
							undefined,
						);
					}
					await client.request('textDocument/hover', at);
					await client.request('textDocument/definition', at);
					await client.request('textDocument/codeAction', {
						textDocument: { uri },
						range: { start: position, end: position },
						context: { diagnostics: [] },
					});
					await client.close(uri);
				});
			}
			assert.equal(await client.stop(), 0);
			assert.equal(fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '', '');
		} finally {
			client.kill();
		}
	});
});

/** Runs `check`; a failure names `context` (how to replay it) in its message. */
async function withContext(context: string, check: () => Promise<void>): Promise<void> {
	try {
		await check();
	} catch (error) {
		if (error instanceof Error) {
			error.message = `${error.message} (${context})`;
		}
		throw error;
	}
}

/** Paths a read log holds outside the allowed folders (module code in node_modules aside). */
function readsOutside(readLog: string, allowed: string[]): string[] {
	const modules = path.join(repoRoot, 'node_modules');
	return fs
		.readFileSync(readLog, 'utf8')
		.split('\n')
		.filter((read) => read !== '')
		.filter((read) => !(read.startsWith(modules + path.sep) && /\.(?:c?js|json)$/.test(read)))
		.filter(
			(read) => !allowed.some((root) => read === root || read.startsWith(root + path.sep)),
		);
}

function page(name: string, rows: string[]): string {
	return `# ${name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n| Property | Type | Description |\n|:---|:---|:---|\n${rows.join('\n')}\n`;
}

describe('security: the server', () => {
	it('opens no network connection and reads nothing outside its folders, whatever pages link to', async () => {
		const docs = path.join(scratch, 'trusted-docs');
		fs.mkdirSync(docs);
		fs.writeFileSync(
			path.join(docs, 'escape.md'),
			page('escapePage', [
				'|a|[x](../../../../../../etc/passwd)|Up.|',
				'|b|[y](/etc/shadow)|Absolute.|',
				'|c|[z](../secret.md)|Next door.|',
			]),
		);
		fs.writeFileSync(
			path.join(scratch, 'secret.md'),
			page('secretPage', ['|s|String|Secret.|']),
		);
		const readLog = path.join(scratch, 'trusted.reads.log');
		const { client, networkLog } = await startGuarded('trusted', {
			preloads: [recordReadsPreload],
			env: { GRAPH_FIXTURES_READ_LOG: readLog },
			initializationOptions: { docs: [docs] },
		});
		try {
			const uri = 'file:///security/doc.json';
			const text = '{"@odata.type": "#microsoft.graph.escapePage", "a": 1, "c": "x"}';
			await client.open(uri, text);
			for (const character of [5, 20, 48, 56, 60]) {
				const at = { textDocument: { uri }, position: { line: 0, character } };
				await client.request('textDocument/definition', at);
				await client.request('textDocument/hover', at);
				await client.request('textDocument/completion', at);
			}
			await client.request('graphFixtures/listTypes', null);
			await client.request('graphFixtures/exportSchema', {
				type: 'microsoft.graph.escapePage',
			});
			assert.equal(await client.stop(), 0);
		} finally {
			client.kill();
		}
		assert.equal(fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '', '');
		const allowed = [docs, path.join(repoRoot, 'dist'), path.join(repoRoot, 'server', 'types')];
		assert.deepEqual(readsOutside(readLog, allowed), []);
	});

	it('in an untrusted workspace ignores settings that point outside it, says so, and reads none of them', async () => {
		const workspace = path.join(scratch, 'untrusted');
		const outside = path.join(scratch, 'outside-docs');
		fs.mkdirSync(path.join(workspace, 'docs'), { recursive: true });
		fs.mkdirSync(outside);
		fs.writeFileSync(
			path.join(workspace, 'docs', 'inside.md'),
			page('insidePage', ['|i|String|Inside.|']),
		);
		fs.writeFileSync(
			path.join(outside, 'outside.md'),
			page('outsidePage', ['|o|String|Outside.|']),
		);
		const readLog = path.join(scratch, 'untrusted.reads.log');
		const ignored = ignoredPathsFor(workspace, outside);
		const { client } = await startGuarded('untrusted', {
			preloads: [recordReadsPreload],
			env: { GRAPH_FIXTURES_READ_LOG: readLog },
			workspaceFolders: [workspace],
			initializationOptions: {
				isTrusted: false,
				docs: ['docs', outside, '../outside-docs', '~/graph-fixtures-outside'],
				metadata: ['/etc/passwd'],
			},
		});
		try {
			const notice = client.notifications.find(
				(item) => item.method === 'graphFixtures/untrustedPathsIgnored',
			);
			const paths = (notice?.params as { paths: string[] } | undefined)?.paths ?? [];
			assert.deepEqual([...paths].sort(), ignored);
			const types = await client.request<{ types: { name: string }[] }>(
				'graphFixtures/listTypes',
				null,
			);
			const names = types.types.map((type) => type.name);
			assert.ok(names.includes('microsoft.graph.insidePage'));
			assert.ok(!names.includes('microsoft.graph.outsidePage'));
			assert.equal(await client.stop(), 0);
		} finally {
			client.kill();
		}
		const allowed = [
			workspace,
			path.join(repoRoot, 'dist'),
			path.join(repoRoot, 'server', 'types'),
		];
		assert.deepEqual(readsOutside(readLog, allowed), []);
	});
});

describe('security: the server in an untrusted workspace, through symbolic links', () => {
	it('reads nothing outside the workspace through a link inside it that points out', async () => {
		const workspace = path.join(scratch, 'untrusted-links');
		const outside = path.join(scratch, 'outside-linked');
		fs.mkdirSync(path.join(workspace, 'docs'), { recursive: true });
		fs.mkdirSync(outside);
		fs.writeFileSync(
			path.join(outside, 'outside.md'),
			page('linkedOutsidePage', ['|o|String|Outside.|']),
		);
		fs.symlinkSync(outside, path.join(workspace, 'linked'));
		fs.symlinkSync(path.join(outside, 'outside.md'), path.join(workspace, 'docs', 'linked.md'));
		const readLog = path.join(scratch, 'untrusted-links.reads.log');
		const { client } = await startGuarded('untrusted-links', {
			preloads: [recordReadsPreload],
			env: { GRAPH_FIXTURES_READ_LOG: readLog },
			workspaceFolders: [workspace],
			initializationOptions: { isTrusted: false, docs: ['docs', 'linked'] },
		});
		try {
			const types = await client.request<{ types: { name: string }[] }>(
				'graphFixtures/listTypes',
				null,
			);
			assert.ok(
				!types.types.some((type) => type.name === 'microsoft.graph.linkedOutsidePage'),
			);
			assert.equal(await client.stop(), 0);
		} finally {
			client.kill();
		}
		const allowed = [path.join(repoRoot, 'dist'), path.join(repoRoot, 'server', 'types')];
		const reads = readsOutside(readLog, allowed).map((read) => fs.realpathSync(read));
		assert.deepEqual(
			reads.filter((read) => read.startsWith(outside)),
			[],
		);
	});
});

/** The absolute paths the untrusted test expects the server to name as ignored, sorted. */
function ignoredPathsFor(workspace: string, outside: string): string[] {
	return [
		outside,
		path.resolve(workspace, '../outside-docs'),
		path.join(os.homedir(), 'graph-fixtures-outside'),
		'/etc/passwd',
	].sort();
}
