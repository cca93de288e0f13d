import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
	PropertyDefinition,
	StructuredTypeDefinition,
	TypeDefinition,
} from '../../server/src/model/types';
import { loadPages, PageCache, parsePage } from '../../server/src/sources/pages';

const ROOT = path.resolve(__dirname, '../../..');
const SHARED_DOCS = path.resolve(ROOT, '../shared/graph-docs');
const BUNDLED = path.join(ROOT, 'server/types');
const LINKS = path.join(ROOT, 'test/fixtures/pages/links');

function find(types: TypeDefinition[], name: string, version?: string): StructuredTypeDefinition {
	const found = types.find(
		(type) => type.name === name && type.version === version && type.kind === 'structured',
	);
	assert.ok(found?.kind === 'structured', `no structured type ${name} (${version ?? 'neutral'})`);
	return found;
}

function property(type: StructuredTypeDefinition, name: string): PropertyDefinition {
	const found = type.properties.find((each) => each.name === name);
	assert.ok(found !== undefined, `no property ${name} on ${type.name}`);
	return found;
}

const page = (name: string, rows: string[] = ['| a | String | A. |']): string =>
	[
		`# ${name} resource type`,
		'',
		'## Properties',
		'| Property | Type | Description |',
		'|---|---|---|',
		...rows,
	].join('\n');

describe('the bundled seed page', () => {
	test('gives its 9 properties with exact types and description values', async () => {
		const result = await loadPages([BUNDLED], { source: 'bundled' });
		assert.deepEqual(result.problems, []);
		const seed = find(result.types, 'microsoft.graph.iosVppAppRevokeLicensesActionResult');
		assert.equal(seed.source, 'bundled');
		assert.equal(seed.description, '');
		const types = Object.fromEntries(seed.properties.map((each) => [each.name, each.type]));
		const primitive = (name: string): unknown => ({ kind: 'primitive', name });
		assert.deepEqual(types, {
			actionFailureReason: {
				kind: 'named',
				name: 'microsoft.graph.vppTokenActionFailureReason',
			},
			actionName: primitive('String'),
			actionState: { kind: 'named', name: 'microsoft.graph.actionState' },
			failedLicensesCount: primitive('Int32'),
			lastUpdatedDateTime: primitive('DateTimeOffset'),
			managedDeviceId: primitive('String'),
			startDateTime: primitive('DateTimeOffset'),
			totalLicensesCount: primitive('Int32'),
			userId: primitive('String'),
		});
		const reasons = [
			'none',
			'appleFailure',
			'internalError',
			'expiredVppToken',
			'expiredApplePushNotificationCertificate',
		];
		assert.deepEqual(property(seed, 'actionFailureReason').descriptionEnum, reasons);
		const states = ['none', 'pending', 'canceled', 'active', 'done', 'failed', 'notSupported'];
		assert.deepEqual(property(seed, 'actionState').descriptionEnum, states);
		assert.deepEqual(property(seed, 'actionState').location, {
			fsPath: path.join(BUNDLED, 'iosVppAppRevokeLicensesActionResult.md'),
			line: 21,
		});
	});
});

describe('the 595 shared reference pages', () => {
	let result: Awaited<ReturnType<typeof loadPages>>;
	before(async () => {
		result = await loadPages([SHARED_DOCS]);
	});

	test('load every file with no problem', () => {
		assert.equal(
			result.files.filter((file) => file.includes(`${path.sep}api-reference${path.sep}`))
				.length,
			595,
		);
		assert.deepEqual(result.problems, []);
		assert.ok(result.pageCount >= 580, `only ${result.pageCount} pages defined types`);
		// A loose guard for slow machines; the measured time is in the report.
		assert.ok(result.milliseconds < 5000, `took ${result.milliseconds} ms`);
	});

	test('give beta iosVppApp its base and the revokeLicenseActionResults collection; v1.0 lacks it', () => {
		const beta = find(result.types, 'microsoft.graph.iosVppApp', 'beta');
		assert.equal(beta.baseType, 'microsoft.graph.mobileApp');
		assert.equal(beta.isEntity, true);
		const results = property(beta, 'revokeLicenseActionResults');
		assert.deepEqual(results.type, {
			kind: 'collection',
			of: { kind: 'named', name: 'microsoft.graph.iosVppAppRevokeLicensesActionResult' },
		});
		// The beta page lists it in its Properties table, and the section decides.
		assert.equal(results.isRelationship, false);
		const v1 = find(result.types, 'microsoft.graph.iosVppApp', 'v1.0');
		assert.equal(
			v1.properties.some((each) => each.name === 'revokeLicenseActionResults'),
			false,
		);
	});

	test('give v1.0 workingHours a dayOfWeek collection and a timeZoneBase', () => {
		const workingHours = find(result.types, 'microsoft.graph.workingHours', 'v1.0');
		assert.deepEqual(property(workingHours, 'daysOfWeek').type, {
			kind: 'collection',
			of: { kind: 'named', name: 'microsoft.graph.dayOfWeek' },
		});
		assert.deepEqual(property(workingHours, 'timeZone').type, {
			kind: 'named',
			name: 'microsoft.graph.timeZoneBase',
		});
		assert.ok(
			result.types.some(
				(type) =>
					type.kind === 'enum' &&
					type.name === 'microsoft.graph.dayOfWeek' &&
					type.version === 'v1.0',
			),
		);
	});

	test("give beta quota.state the values of the page's State enumeration table", () => {
		const state = property(find(result.types, 'microsoft.graph.quota', 'beta'), 'state');
		assert.deepEqual(state.type, { kind: 'primitive', name: 'String' });
		assert.deepEqual(state.descriptionEnum, ['normal', 'nearing', 'critical', 'exceeded']);
	});

	test('return both pieces of a type split over two pages', () => {
		const pieces = result.types.filter(
			(type) => type.name === 'microsoft.graph.keyValuePair' && type.version === 'beta',
		);
		assert.equal(pieces.length, 2);
	});
});

describe('links across pages (FORMAT.md: resolving a named type)', () => {
	let types: TypeDefinition[];
	before(async () => {
		types = (await loadPages([LINKS])).types;
	});

	test('resolve to the type the target page declares, matching file names case-insensitively', () => {
		const holder = find(types, 'microsoft.graph.holder', 'beta');
		const typeOf = (name: string): unknown => property(holder, name).type;
		assert.deepEqual(typeOf('renamed'), {
			kind: 'named',
			name: 'microsoft.graph.declaredType',
		});
		assert.deepEqual(typeOf('upperFile'), {
			kind: 'named',
			name: 'microsoft.graph.upperCaseType',
		});
		assert.deepEqual(typeOf('siteAbsolute'), {
			kind: 'named',
			name: 'microsoft.graph.declaredType',
		});
		assert.deepEqual(typeOf('referenced'), {
			kind: 'named',
			name: 'microsoft.graph.declaredType',
		});
		assert.deepEqual(typeOf('bare'), { kind: 'named', name: 'microsoft.graph.declared' });
		assert.deepEqual(typeOf('external'), { kind: 'primitive', name: 'String' });
		assert.equal(holder.baseType, 'microsoft.graph.baseThing');
		assert.equal(holder.isEntity, true);
		assert.equal(
			find(types, 'microsoft.graph.holder', 'v1.0').properties[0].type.kind,
			'named',
		);
		assert.deepEqual(find(types, 'microsoft.graph.holder', 'v1.0').properties[0].type, {
			kind: 'named',
			name: 'microsoft.graph.declaredV1',
		});
	});

	test('resolve anchors into multi-enum pages and this page to the enum they name', () => {
		const holder = find(types, 'microsoft.graph.holder', 'beta');
		assert.deepEqual(property(holder, 'anchored').type, {
			kind: 'collection',
			of: { kind: 'named', name: 'microsoft.graph.colour' },
		});
		assert.deepEqual(property(holder, 'anchoredLoose').type, {
			kind: 'named',
			name: 'microsoft.graph.shade',
		});
		assert.deepEqual(property(holder, 'bareEnum').type, {
			kind: 'named',
			name: 'microsoft.graph.colour',
		});
		assert.deepEqual(property(holder, 'local').type, {
			kind: 'named',
			name: 'microsoft.graph.inlineState',
		});
	});

	test('name a target that is not loaded after its file, spelled as the link text when they agree', () => {
		const holder = find(types, 'microsoft.graph.holder', 'beta');
		assert.deepEqual(property(holder, 'missing').type, {
			kind: 'named',
			name: 'microsoft.graph.notLoadedType',
		});
		assert.deepEqual(property(holder, 'missingPrefixed').type, {
			kind: 'named',
			name: 'microsoft.graph.mobileThing',
		});
	});
});

describe('hostile inputs', () => {
	let folder: string;
	before(async () => {
		folder = await fs.mkdtemp(path.join(os.tmpdir(), 'pages-'));
	});
	after(async () => {
		await fs.rm(folder, { recursive: true, force: true });
	});

	const scenario = async (
		name: string,
		files: Record<string, string | Buffer>,
	): Promise<string> => {
		const dir = path.join(folder, name);
		await fs.mkdir(dir, { recursive: true });
		for (const [file, content] of Object.entries(files)) {
			await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
			await fs.writeFile(path.join(dir, file), content);
		}
		return dir;
	};

	test('an empty, a binary and an enormous file give one error each; the others load', async () => {
		const dir = await scenario('bad', {
			'empty.md': '',
			'binary.md': Buffer.from([0x23, 0x20, 0x00, 0x01]),
			'huge.md': Buffer.alloc(5 * 1024 * 1024 + 1, 0x61),
			'good.md': page('good'),
			'notes.txt': 'not a page',
		});
		const result = await loadPages([dir]);
		assert.deepEqual(
			result.types.map((type) => type.name),
			['microsoft.graph.good'],
		);
		const problems = result.problems.map((problem) => [
			path.basename(problem.fsPath),
			problem.line,
			problem.severity,
		]);
		assert.deepEqual(problems.sort(), [
			['binary.md', 0, 'error'],
			['empty.md', 0, 'error'],
			['huge.md', 0, 'error'],
		]);
		assert.equal(result.files.length, 4);
		assert.equal(result.pageCount, 1);
	});

	test('a missing path gives one problem instead of throwing', async () => {
		const result = await loadPages([path.join(folder, 'nowhere'), BUNDLED]);
		assert.equal(result.problems.length, 1);
		assert.match(result.problems[0].message, /does not exist/);
		assert.equal(result.types.length, 1);
	});

	// Tests run as root, so chmod 000 cannot make a file unreadable: a folder named x.md stands in.
	test('a page that cannot be read (a folder named x.md) gives one error', async () => {
		const dir = await scenario('unreadable', { 'good.md': page('good') });
		await fs.mkdir(path.join(dir, 'x.md'));
		const result = await loadPages([dir]);
		assert.deepEqual(
			result.problems.map((problem) => [path.basename(problem.fsPath), problem.severity]),
			[['x.md', 'error']],
		);
		assert.equal(result.types.length, 1);
	});

	test('a symbolic link loop is read once and reported', async () => {
		const dir = await scenario('loop', { 'inner/page.md': page('looped') });
		await fs.symlink(dir, path.join(dir, 'inner', 'back'));
		const result = await loadPages([dir]);
		assert.deepEqual(
			result.types.map((type) => type.name),
			['microsoft.graph.looped'],
		);
		assert.equal(result.problems.length, 1);
		assert.equal(result.problems[0].severity, 'warning');
	});

	test('a CRLF page, a self-based type and a 10,000-row table load', async () => {
		const rows = Array.from({ length: 10_000 }, (_, i) => `| p${i} | Int32 | Row ${i}. |`);
		const selfBased = `${page('selfish')}\n\n<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.selfish", "baseType": "selfish" } -->`;
		const dir = await scenario('large', {
			'crlf.md': page('crlf').replace(/\n/g, '\r\n'),
			'self.md': selfBased,
			'big.md': page('big', rows),
		});
		const result = await loadPages([dir]);
		assert.deepEqual(result.problems, []);
		assert.equal(find(result.types, 'microsoft.graph.big').properties.length, 10_000);
		assert.equal(
			property(find(result.types, 'microsoft.graph.big'), 'p9999').location?.line,
			10_004,
		);
		assert.equal(
			find(result.types, 'microsoft.graph.selfish').baseType,
			'microsoft.graph.selfish',
		);
		assert.deepEqual(
			find(result.types, 'microsoft.graph.crlf').properties.map((each) => each.name),
			['a'],
		);
	});

	test('adversarial megabyte lines parse in linear time', () => {
		const header =
			'# x resource type\n## Properties\n| Property | Type | Description |\n|---|---|---|\n';
		const hostile = [
			`| a | String | ${'[a]('.repeat(250_000)} |`,
			`| b | String | ${'['.repeat(1_000_000)} |`,
			`| c | ${'a. '.repeat(300_000)} | d |`,
			`| d | String | Possible values are: ${'`a`, '.repeat(200_000)} |`,
			`| e | String | ${'Required '.repeat(100_000)}|`,
			`| f | String | ${'|'.repeat(1_000_000)}`,
		];
		const started = performance.now();
		const parsed = parsePage('/tmp/beta/resources/x.md', header + hostile.join('\n'));
		const elapsed = performance.now() - started;
		assert.equal(parsed.types.length, 1);
		// Quadratic matching would take minutes here; linear takes well under a second.
		assert.ok(elapsed < 5000, `took ${elapsed} ms`);
	});

	test('cancellation through an AbortSignal rejects with an AbortError', async () => {
		const aborted = new AbortController();
		aborted.abort();
		await assert.rejects(loadPages([SHARED_DOCS], { signal: aborted.signal }), {
			name: 'AbortError',
		});
		const midway = new AbortController();
		const progress: number[] = [];
		const onProgress = (done: number): void => {
			progress.push(done);
			if (done === 10) {
				midway.abort();
			}
		};
		await assert.rejects(loadPages([SHARED_DOCS], { signal: midway.signal, onProgress }), {
			name: 'AbortError',
		});
		assert.ok(progress.length < 200, `read ${progress.length} files after the abort`);
	});

	test('a cache reuses parses of unchanged files and re-reads changed ones', async () => {
		const dir = await scenario('cached', { 'one.md': page('one'), 'two.md': page('two') });
		const onePath = path.join(dir, 'one.md');
		const FIXED_TIME = 1_000_000_000;
		await fs.utimes(onePath, FIXED_TIME, FIXED_TIME);
		const cache = new PageCache();
		const first = await loadPages([dir], { cache });
		assert.equal(cache.size, 2);
		await fs.writeFile(
			path.join(dir, 'two.md'),
			page('twoChanged', ['| a | String | A. |', '| b | Int64 | B. |']),
		);
		// Same size and mtime as before: the cached parse is used, so the edit goes unseen.
		await fs.writeFile(onePath, page('onf'));
		await fs.utimes(onePath, FIXED_TIME, FIXED_TIME);
		const second = await loadPages([dir], { cache });
		assert.deepEqual(
			first.types.map((type) => type.name),
			['microsoft.graph.one', 'microsoft.graph.two'],
		);
		assert.deepEqual(
			second.types.map((type) => type.name),
			['microsoft.graph.one', 'microsoft.graph.twoChanged'],
		);
	});
});
