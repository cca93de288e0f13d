/**
 * Hostile reference pages and metadata: binary, empty, oversized and truncated files, enormous
 * tables, self-referencing and cyclic base types, links that escape the folder, symbolic link
 * loops, pipes and folders named like pages. Each gives one clear problem and the other
 * sources still load. A folder of 100,000 files is in hostileFolder.test.ts.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SourceProblem } from '../../server/src/model/types';
import { Validator } from '../../server/src/service';
import { splitMembers } from '../../server/src/service/schemaStore';
import { loadTypes } from '../../server/src/sources/typeSources';
import type { LoadedTypes } from '../../server/src/sources/typeSources';
import { hostileDocs, hostileMetadata, validate, withinMsAsync } from './reliabilitySupport';

const goodPage = fs.readFileSync(path.join(hostileDocs, 'hostilebase.md'), 'utf8');

function resourcePage(name: string, body: string): string {
	return `# ${name} resource type\n\nNamespace: microsoft.graph\n\n${body}\n\n<!-- {\n  "blockType": "resource",\n  "@odata.type": "microsoft.graph.${name}"\n}-->\n`;
}

function table(rows: string[]): string {
	return `## Properties\n| Property | Type | Description |\n|:---|:---|:---|\n${rows.join('\n')}`;
}

const bigTableRows = 5000;

/** Every hostile page, by file name. */
const pages: Record<string, string | Buffer> = {
	'good.md': goodPage,
	'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
	'noise.md': Buffer.from(Array.from({ length: 50_000 }, (_, i) => ((i * 7919) % 255) + 1)),
	'empty.md': '',
	'blank.md': '\n \r\n\t\n',
	'oversized.md': 'x'.repeat(6 * 1024 * 1024),
	'self.md': resourcePage(
		'selfPage',
		`Inherits from [selfPage](self.md).\n\n${table(['|me|[selfPage](self.md)|Itself.|'])}`,
	),
	'cycle1.md': resourcePage(
		'cycleOne',
		`Inherits from [cycleTwo](cycle2.md).\n\n${table(['|one|String|One.|'])}`,
	),
	'cycle2.md': resourcePage(
		'cycleTwo',
		`Inherits from [cycleOne](cycle1.md).\n\n${table(['|two|Int32|Two.|'])}`,
	),
	'escape.md': resourcePage(
		'escapePage',
		table([
			'|a|[passwd](../../../../../../../../etc/passwd)|Escapes by ../.|',
			'|b|[shadow](/etc/shadow)|Escapes by an absolute path.|',
			'|c|[outside](../outside.md)|A page next to the folder.|',
			'|d|[remote](https://graph.invalid/x.md)|A remote page.|',
		]),
	),
	'bigtable.md': resourcePage(
		'bigTable',
		table(
			Array.from(
				{ length: bigTableRows },
				(_, i) => `|p${i}|${i % 2 ? 'String' : 'Int32'}|Row ${i}.|`,
			),
		),
	),
	'bigenum.md': `# bigEnum enum type\n\nNamespace: microsoft.graph\n\n## Members\n| Member | Value | Description |\n|:---|:---|:---|\n${Array.from({ length: 20_000 }, (_, i) => `|m${i}|${i}|Member ${i}.|`).join('\n')}\n`,
};

/** Every hostile metadata document, by file name. */
const metadata: Record<string, string | Buffer> = {
	'binary.xml': Buffer.from([0, 1, 2, 3, 0xff]),
	'empty.xml': '',
	'truncated.xml':
		'<?xml version="1.0"?><edmx:Edmx><edmx:DataServices><Schema Namespace="a"><ComplexType Name="t"><Property Name="x" Type="Edm.Str',
	'entities.xml': `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY file SYSTEM "file:///etc/passwd">]><edmx:Edmx/>`,
	'deep.xml':
		'<?xml version="1.0"?><edmx:Edmx>' +
		'<a>'.repeat(100_000) +
		'</a>'.repeat(100_000) +
		'</edmx:Edmx>',
};

let root: string;
let docs: string;
let loaded: LoadedTypes;
let validator: Validator;

function write(folder: string, files: Record<string, string | Buffer>): void {
	fs.mkdirSync(folder, { recursive: true });
	for (const [name, content] of Object.entries(files)) {
		fs.writeFileSync(path.join(folder, name), content);
	}
}

before(async () => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-fixtures-hostile-'));
	docs = path.join(root, 'docs');
	write(docs, pages);
	write(path.join(root, 'meta'), metadata);
	fs.writeFileSync(
		path.join(root, 'outside.md'),
		goodPage.replace(/hostileBase/g, 'outsidePage'),
	);
	fs.mkdirSync(path.join(docs, 'folder.md'));
	fs.symlinkSync(docs, path.join(docs, 'loop'));
	fs.symlinkSync(path.join(docs, 'itself.md'), path.join(docs, 'itself.md'));
	fs.symlinkSync(path.join(docs, 'nowhere.md'), path.join(docs, 'dangling.md'));
	execFileSync('mkfifo', [path.join(docs, 'pipe.md')]);
	const metadataFiles = [
		...Object.keys(metadata).map((name) => path.join(root, 'meta', name)),
		hostileMetadata,
		path.join(root, 'missing.xml'),
		docs,
	];
	loaded = await withinMsAsync(15000, 'loading', () =>
		loadTypes({ docs: [docs], metadata: metadataFiles }),
	);
	validator = new Validator(loaded.model);
});

after(() => {
	fs.rmSync(root, { recursive: true, force: true });
});

function problemsOf(name: string): SourceProblem[] {
	return loaded.problems.filter((problem) => path.basename(problem.fsPath) === name);
}

describe('hostile sources: each broken file gives one clear problem and the others load', () => {
	const expected: [file: string, message: RegExp][] = [
		['binary.md', /binary/],
		['empty.md', /empty/],
		['blank.md', /empty/],
		['oversized.md', /larger than 5 MB/],
		['folder.md', /not a regular file/],
		['pipe.md', /not a regular file/],
		['itself.md', /symbolic link loop/],
		['dangling.md', /does not exist/],
		['loop', /reached again through a symbolic link/],
		['binary.xml', /binary/],
		['empty.xml', /empty/],
		['truncated.xml', /truncated|breaks off/],
		['entities.xml', /entit/i],
		['deep.xml', /nested|well-formed/],
		['missing.xml', /does not exist/],
		['docs', /folder/],
	];
	for (const [file, message] of expected) {
		it(`reports ${file} once, saying what is wrong`, () => {
			const found = problemsOf(file);
			assert.equal(found.length, 1, JSON.stringify(found));
			assert.match(found[0].message, message);
		});
	}

	it('still loads the good page, the hostile metadata and the pages that break nothing', () => {
		const names = loaded.model.allNames();
		for (const name of [
			'hostileBase',
			'hostileRecord',
			'cycleA',
			'selfPage',
			'cycleOne',
			'escapePage',
			'bigTable',
			'bigEnum',
		]) {
			assert.ok(names.includes(`microsoft.graph.${name}`), name);
		}
		assert.deepEqual(problemsOf('noise.md'), []);
	});

	it('reads no page that a link names outside the folder', () => {
		assert.ok(!loaded.model.allNames().includes('microsoft.graph.outsidePage'));
		assert.ok(
			!loaded.problems.some((problem) => /passwd|shadow|outside\.md/.test(problem.fsPath)),
		);
	});
});

describe('hostile sources: types that refer to themselves', () => {
	const cases: [text: string, codes: string[]][] = [
		['{"@odata.type":"#microsoft.graph.selfPage","me":{"me":{"me":1}}}', ['type-mismatch']],
		[
			'{"@odata.type":"#microsoft.graph.cycleOne","one":1,"two":"x","three":0}',
			['type-mismatch', 'type-mismatch', 'unknown-property'],
		],
		['{"@odata.type":"#microsoft.graph.cycleTwo","one":"x","two":2}', []],
	];
	for (const [text, codes] of cases) {
		it(`checks ${text.slice(15, 45)}… and ends`, () => {
			assert.deepEqual(
				validate(validator, text).map((problem) => problem.code),
				codes,
			);
		});
	}
});

describe('hostile sources: enormous tables', () => {
	it(`checks against a table of ${bigTableRows} rows`, () => {
		const text =
			'{"@odata.type":"#microsoft.graph.bigTable","p0":"x","p1":"y","p4999":1,"p5000":1}';
		assert.deepEqual(
			validate(validator, text).map((problem) => problem.code),
			['type-mismatch', 'type-mismatch', 'unknown-property'],
		);
	});

	it('compiles no ajv function over 256 members (one of 60,000 once overflowed the stack)', () => {
		const properties = Object.fromEntries(
			Array.from({ length: 1000 }, (_, i) => [`p${i}`, { type: 'string' }]),
		);
		const schemas = splitMembers({
			$id: 'urn:test',
			type: 'object',
			properties,
			additionalProperties: false,
		});
		assert.equal(schemas.length, 5);
		for (const schema of schemas.slice(0, -1)) {
			assert.ok(Object.keys(schema.properties as object).length <= 256);
		}
		const main = schemas[schemas.length - 1];
		assert.equal(Object.keys(main.properties as object).length, 1000);
		assert.equal((main.allOf as unknown[]).length, 4);
	});

	it('answers an enum of 20,000 members', () => {
		const problems = validate(validator, '{"@odata.type":"#microsoft.graph.bigTable","p0":0}');
		assert.deepEqual(problems, []);
		assert.equal(loaded.model.find('microsoft.graph.bigEnum', 'beta')?.type.kind, 'enum');
	});
});

describe('hostile sources: confined to the workspace (untrusted)', () => {
	it('skips pages, folders and documents that symbolic links place outside, and says why', async () => {
		const workspace = path.join(root, 'workspace');
		const outside = path.join(root, 'elsewhere');
		write(path.join(workspace, 'docs'), {
			'inside.md': goodPage.replace(/hostileBase/g, 'insidePage'),
		});
		write(outside, {
			'outside.md': goodPage.replace(/hostileBase/g, 'elsewherePage'),
			'outside.xml': fs.readFileSync(hostileMetadata),
		});
		fs.symlinkSync(path.join(outside, 'outside.md'), path.join(workspace, 'docs', 'linked.md'));
		fs.symlinkSync(outside, path.join(workspace, 'docs', 'linkedFolder'));
		fs.symlinkSync(path.join(outside, 'outside.xml'), path.join(workspace, 'linked.xml'));
		const result = await loadTypes({
			docs: [path.join(workspace, 'docs')],
			metadata: [path.join(workspace, 'linked.xml')],
			confineTo: [workspace],
		});
		const names = result.model.allNames();
		assert.ok(names.includes('microsoft.graph.insidePage'));
		assert.ok(!names.includes('microsoft.graph.elsewherePage'));
		assert.ok(!names.includes('microsoft.graph.hostileRecord'));
		const outsideProblems = result.problems.filter((problem) =>
			/outside the workspace/.test(problem.message),
		);
		assert.deepEqual(outsideProblems.map((problem) => path.basename(problem.fsPath)).sort(), [
			'linked.md',
			'linked.xml',
			'linkedFolder',
		]);
	});
});

describe('hostile sources: unreadable files', () => {
	// Root reads any file, so as root the load runs as the unprivileged user `nobody`.
	const isRoot = process.getuid?.() === 0;
	const asNobody = isRoot ? ['runuser', '-u', 'nobody', '--'] : [];

	it('reports a page and a document without read permission, and loads the rest', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-fixtures-locked-'));
		try {
			write(folder, {
				'locked.md': goodPage.replace(/hostileBase/g, 'lockedPage'),
				'open.md': goodPage.replace(/hostileBase/g, 'openPage'),
				'locked.xml': fs.readFileSync(hostileMetadata),
			});
			fs.chmodSync(folder, 0o755);
			fs.chmodSync(path.join(folder, 'locked.md'), 0);
			fs.chmodSync(path.join(folder, 'locked.xml'), 0);
			const script = `require(${JSON.stringify(require.resolve('../../server/src/sources/typeSources'))})
				.loadTypes({ docs: [process.argv[1]], metadata: [process.argv[1] + '/locked.xml'] })
				.then((result) => console.log(JSON.stringify({ names: result.model.allNames(), problems: result.problems })));`;
			const [command, ...args] = [...asNobody, process.execPath, '-e', script, folder];
			const result = JSON.parse(execFileSync(command, args, { encoding: 'utf8' })) as {
				names: string[];
				problems: SourceProblem[];
			};
			assert.ok(result.names.includes('microsoft.graph.openPage'));
			const denied = result.problems.filter((problem) =>
				/permission denied/.test(problem.message),
			);
			assert.deepEqual(denied.map((problem) => path.basename(problem.fsPath)).sort(), [
				'locked.md',
				'locked.xml',
			]);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
