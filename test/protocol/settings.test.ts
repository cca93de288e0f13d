import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TypesLoadedParams } from '../../server/src/protocol';
import { allDiagnosticCodes } from '../../server/src/service';
import { LspClient, fileUri, sharedRoot } from './lspClient';

const casesRoot = path.join(sharedRoot, 'cases');
const quotaPage = path.join(
	sharedRoot,
	'graph-docs',
	'api-reference',
	'beta',
	'resources',
	'quota.md',
);
const c26 = fs.readFileSync(path.join(casesRoot, 'C26.json'), 'utf8');

function codes(diagnostics: { code?: string | number }[]): string[] {
	return diagnostics.map((item) => String(item.code)).sort();
}

describe('settings through workspace/configuration', () => {
	let client: LspClient;
	let section: Record<string, unknown> = { severity: { 'invalid-enum-value': 'warning' } };
	const scopes: (string | undefined)[] = [];
	before(async () => {
		client = await LspClient.start({
			initializationOptions: { severity: { 'invalid-enum-value': 'off' } },
			configuration: (name, scopeUri) => {
				scopes.push(scopeUri);
				return name === 'graphFixtures' ? section : null;
			},
		});
	});
	after(async () => {
		await client.stop();
	});

	it('pulls the section per document, over the initialization options', async () => {
		const uri = fileUri(path.join(casesRoot, 'C01.json'));
		const [diagnostic] = await client.open(
			uri,
			fs.readFileSync(path.join(casesRoot, 'C01.json'), 'utf8'),
		);
		assert.equal(diagnostic.severity, 2);
		assert.ok(scopes.includes(uri), 'asked with the document as scope');
	});

	it('reloads the types and revalidates after didChangeConfiguration', async () => {
		const uri = 'untitled:quota.json';
		assert.deepEqual(codes(await client.open(uri, c26)), ['unknown-type']);
		section = { docs: [quotaPage] };
		const reloaded = client.waitForNext<TypesLoadedParams>('graphFixtures/typesLoaded');
		const revalidated = client.diagnosticsFor(uri);
		await client.notify('workspace/didChangeConfiguration', { settings: null });
		assert.equal((await reloaded).pageCount, 1);
		assert.deepEqual(codes(await revalidated), ['out-of-range']);
	});

	it('turns validation off with validate.enable', async () => {
		section = { docs: [quotaPage], validate: { enable: false } };
		const uri = 'untitled:quota.json';
		const cleared = client.diagnosticsFor(uri);
		await client.notify('workspace/didChangeConfiguration', { settings: null });
		assert.deepEqual(await cleared, []);
	});
});

describe('type sources: reload, watching, trust and progress', () => {
	let folder: string;
	let client: LspClient;
	before(async () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-fixtures-settings-'));
		fs.mkdirSync(path.join(folder, 'pages'));
		client = await LspClient.start({
			workspaceFolders: [folder],
			initializationOptions: { docs: ['pages', path.dirname(quotaPage)], isTrusted: false },
			capabilities: {
				window: { workDoneProgress: true },
				workspace: {
					didChangeWatchedFiles: {
						dynamicRegistration: true,
						relativePatternSupport: true,
					},
				},
			},
		});
	});
	after(async () => {
		await client.stop();
		fs.rmSync(folder, { recursive: true, force: true });
	});

	it('ignores sources outside an untrusted workspace and says so', async () => {
		const ignored = await client.waitFor<{ paths: string[] }>(
			'graphFixtures/untrustedPathsIgnored',
		);
		assert.deepEqual(ignored.paths, [path.dirname(quotaPage)]);
		const loaded = await client.waitFor<TypesLoadedParams>('graphFixtures/typesLoaded');
		assert.equal(loaded.pageCount, 0);
		assert.ok(client.logs.some((log) => /not trusted/.test(log.message)));
	});

	it('registers watchers for the source folders', async () => {
		const registration = await client.waitForServerRequest('client/registerCapability');
		assert.match(JSON.stringify(registration), /workspace\/didChangeWatchedFiles/);
		assert.match(JSON.stringify(registration), /"pattern":"\*\*\/\*\.md"/);
	});

	it('reads the other sources once the workspace is trusted, showing the progress', async () => {
		const reloaded = client.waitForNext<TypesLoadedParams>('graphFixtures/typesLoaded');
		await client.notify('graphFixtures/trustChanged', { isTrusted: true });
		assert.ok((await reloaded).pageCount > 100);
		assert.ok(
			client.serverRequests.some(
				(request) => request.method === 'window/workDoneProgress/create',
			),
		);
		const kinds = client.notifications
			.filter((item) => item.method === '$/progress')
			.map((item) => (item.params as { value: { kind: string } }).value.kind);
		assert.ok(kinds.includes('begin') && kinds.includes('end'), kinds.join());
	});

	it('reloads when a watched page changes', async () => {
		const page = path.join(folder, 'pages', 'widget.md');
		fs.copyFileSync(
			path.join(sharedRoot, 'seed', 'iosVppAppRevokeLicensesActionResult.md'),
			page,
		);
		const reloaded = client.waitForNext<TypesLoadedParams>('graphFixtures/typesLoaded');
		await client.notify('workspace/didChangeWatchedFiles', {
			changes: [{ uri: fileUri(page), type: 1 }],
		});
		const params = await reloaded;
		assert.ok(params.pageCount > 100);
	});

	it('ignores changes to files that are no source', async () => {
		const before = client.notifications.length;
		await client.notify('workspace/didChangeWatchedFiles', {
			changes: [{ uri: fileUri(path.join(folder, 'notes.txt')), type: 2 }],
		});
		await client.request('graphFixtures/listTypes');
		assert.ok(
			!client.notifications
				.slice(before)
				.some((item) => item.method === 'graphFixtures/typesLoaded'),
		);
	});
});

describe('invalid settings', () => {
	const brokenTag =
		'{ "@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "actionState": "x", "extra": 1 }';

	function warnings(client: LspClient): string[] {
		return client.logs.filter((log) => log.type === 2).map((log) => log.message);
	}

	function shownMessages(client: LspClient): { type: number; message: string }[] {
		return client.notifications
			.filter((item) => item.method === 'window/showMessage')
			.map((item) => item.params as { type: number; message: string });
	}

	it('keeps the valid parts of the initialization options and warns once per invalid value', async () => {
		const client = await LspClient.start({
			initializationOptions: {
				severity: {
					'unknown-property': 'loud',
					bogus: 'off',
					'invalid-enum-value': 'hint',
				},
				apiVersion: 'v9',
				metadata: 5,
				maxFileSize: 'big',
				docs: 'not-an-array',
			},
		});
		try {
			for (const name of ['a', 'b', 'c']) {
				const diagnostics = await client.open(`untitled:${name}.json`, brokenTag);
				assert.deepEqual(
					diagnostics.map((item) => [item.code, item.severity]),
					[
						['invalid-enum-value', 4],
						['unknown-property', 2],
					],
				);
			}
			const origin = 'in the initialization options';
			assert.deepEqual(warnings(client).sort(), [
				`Invalid setting graphFixtures.apiVersion ${origin}: "v9", expected "beta" or "v1.0"; using the default, "beta".`,
				`Invalid setting graphFixtures.docs ${origin}: "not-an-array", expected an array of paths (non-empty strings); using the default, [].`,
				`Invalid setting graphFixtures.maxFileSize ${origin}: "big", expected a number of bytes, 0 or more; using the default, 52428800.`,
				`Invalid setting graphFixtures.metadata ${origin}: 5, expected an array of paths (non-empty strings); using the default, [].`,
				`Invalid setting graphFixtures.severity.unknown-property ${origin}: "loud", expected error, warning, information, hint or off; using the default, "warning".`,
				`Unknown setting graphFixtures.severity.bogus ${origin}: "bogus" is not a diagnostic code (known: ${allDiagnosticCodes.join(', ')}); ignored.`,
			]);
			const shown = shownMessages(client);
			assert.equal(shown.length, 1);
			assert.equal(shown[0].type, 2);
			assert.match(shown[0].message, /^6 Graph Fixtures settings could not be used \(/);
		} finally {
			await client.stop();
		}
	});

	it('warns once per cause about pulled settings, however many documents ask', async () => {
		const client = await LspClient.start({
			configuration: () => ({
				docs: ['', 5],
				validate: { enable: 'yes' },
				syntaxErrors: 0,
				maxFileSize: -1,
				severety: {},
				trace: { server: 'off' },
			}),
		});
		try {
			for (const name of ['a', 'b', 'c']) {
				await client.open(`untitled:${name}.json`, brokenTag);
			}
			const origin = 'in the workspace configuration';
			assert.deepEqual(warnings(client).sort(), [
				`Invalid setting graphFixtures.docs ${origin}: ["",5], expected an array of paths (non-empty strings); using the default, [].`,
				`Invalid setting graphFixtures.maxFileSize ${origin}: -1, expected a number of bytes, 0 or more; using the default, 52428800.`,
				`Invalid setting graphFixtures.syntaxErrors ${origin}: 0, expected true or false; using the default, true.`,
				`Invalid setting graphFixtures.validate.enable ${origin}: "yes", expected true or false; using the default, true.`,
				`Unknown setting graphFixtures.severety ${origin}: "severety" is not a setting (did you mean severity?); ignored.`,
			]);
			assert.equal(shownMessages(client).length, 1);
		} finally {
			await client.stop();
		}
	});
});
