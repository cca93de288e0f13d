import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
	PropertyDefinition,
	StructuredTypeDefinition,
	TypeDefinition,
} from '../../server/src/model/types';
import { parsePage, type ParsedPage } from '../../server/src/sources/pages';
import { readFrontMatter } from '../../server/src/sources/pages/frontMatter';

/** Where inline test pages pretend to live: a beta resources folder. */
const PAGE_PATH = '/docs/api-reference/beta/resources/sample.md';

/** A page made of lines, so tests can count zero-based lines easily. */
function page(...lines: string[]): ParsedPage {
	return parsePage(PAGE_PATH, lines.join('\n'));
}

/** A minimal resource page around a Properties table. */
function resourcePage(...rows: string[]): ParsedPage {
	return page(
		'# sample resource type',
		'',
		'Namespace: microsoft.graph',
		'',
		'## Properties',
		'| Property | Type | Description |',
		'|:---|:---|:---|',
		...rows,
	);
}

function structured(types: TypeDefinition[], name?: string): StructuredTypeDefinition {
	const found = types.find(
		(type) => type.kind === 'structured' && (name === undefined || type.name === name),
	);
	assert.ok(found?.kind === 'structured', `no structured type ${name ?? ''}`);
	return found;
}

function property(type: StructuredTypeDefinition, name: string): PropertyDefinition {
	const found = type.properties.find((each) => each.name === name);
	assert.ok(found !== undefined, `no property ${name} on ${type.name}`);
	return found;
}

function propertyNames(parsed: ParsedPage): string[] {
	return structured(parsed.types).properties.map((each) => each.name);
}

describe('page input (FORMAT.md: Input)', () => {
	test('drops a BOM and reads CRLF and CR line endings as LF', () => {
		const text =
			'\uFEFF# sample resource type\r\n\r\n## Properties\r| Property | Type |\r\n|---|---|\r| a | String |\r\n| b | Int32 |';
		const type = structured(parsePage(PAGE_PATH, text).types);
		assert.deepEqual(
			type.properties.map((each) => [each.name, each.location?.line]),
			[
				['a', 5],
				['b', 6],
			],
		);
		assert.equal(type.name, 'microsoft.graph.sample');
	});

	test('maps NBSP and U+202F to spaces and drops U+200B before parsing', () => {
		const parsed = resourcePage(
			'| dis\u200BplayName | String\u00A0collection | Text\u202Fhere. |',
		);
		const displayName = property(structured(parsed.types), 'displayName');
		assert.deepEqual(displayName.type, {
			kind: 'collection',
			of: { kind: 'primitive', name: 'String' },
		});
		assert.equal(displayName.description, 'Text here.');
	});

	test('reads front matter with YAML and falls back to key: value lines when YAML rejects it', () => {
		const good = readFrontMatter([
			'---',
			'title: "x resource type"',
			'doc_type: resourcePageType',
			'---',
			'# x',
		]);
		assert.deepEqual(good.values, { title: 'x resource type', doc_type: 'resourcePageType' });
		assert.equal(good.bodyStart, 4);
		const rejected = readFrontMatter([
			'---',
			'title: a: b: "c',
			'doc_type: "enumPageType"',
			'bad: [',
			'---',
		]);
		assert.equal(rejected.values.doc_type, 'enumPageType');
	});
});

describe('blocks (FORMAT.md: Blocks)', () => {
	test('treats fenced code with backticks or tildes, indented up to 3 spaces, as opaque', () => {
		const parsed = resourcePage(
			'| kept | String | Kept. |',
			'',
			'   ``` json',
			'| inFence | String | Hidden. |',
			'```',
			'~~~',
			'## Relationships',
			'~~~',
		);
		assert.deepEqual(propertyNames(parsed), ['kept']);
	});

	test('ignores headings and tables inside HTML comments that span lines', () => {
		const parsed = resourcePage(
			'| kept | String | Kept. |',
			'<!--',
			'## Relationships',
			'| Relationship | Type | Description |',
			'|:---|:---|:---|',
			'| hidden | String | Hidden. |',
			'-->',
		);
		assert.deepEqual(propertyNames(parsed), ['kept']);
	});

	test('recognises ATX headings with up to three leading spaces, not four', () => {
		const parsed = page(
			'# sample resource type',
			'   ## Relationships',
			'| Relationship | Type | Description |',
			'|---|---|---|',
			'| owner | String | An owner. |',
		);
		assert.equal(property(structured(parsed.types), 'owner').isRelationship, true);
	});

	test('reads a table whose delimiter row lacks the leading pipe', () => {
		const parsed = page(
			'# sample resource type',
			'## Properties',
			'Property | Type | Description',
			':---|:---|:---|',
			'| a | Boolean | Flag. |',
		);
		assert.deepEqual(property(structured(parsed.types), 'a').type, {
			kind: 'primitive',
			name: 'Boolean',
		});
	});

	test('ends a table at a blank line, a heading, a fence or a comment', () => {
		for (const end of ['', '## Other', '```', '<!-- note -->']) {
			const parsed = resourcePage(
				'| a | String | A. |',
				end,
				'| b | String | Not a row of the table. |',
			);
			assert.deepEqual(propertyNames(parsed), ['a'], `ended by ${JSON.stringify(end)}`);
		}
	});

	test('joins a line without a leading pipe to the last cell unless it has columns - 1 pipes', () => {
		const parsed = resourcePage(
			'| a | Int32 | First line',
			'second line|',
			'b | Int32 | A row without pipes at its edges',
			'| c | Int32 | C. |',
		);
		assert.deepEqual(propertyNames(parsed), ['a', 'b', 'c']);
		assert.equal(
			property(structured(parsed.types), 'a').description,
			'First line\nsecond line',
		);
	});

	test('keeps literal pipes: code spans protected, overflow joined into the last cell', () => {
		const parsed = resourcePage(
			'| a | String | Claim such as `i:0#.f|membership|jane`. |',
			'| b | String | Either x | y. |',
		);
		const type = structured(parsed.types);
		assert.equal(property(type, 'a').description, 'Claim such as `i:0#.f|membership|jane`.');
		assert.equal(property(type, 'b').description, 'Either x | y.');
	});

	test('unescapes \\| and &#124;, trims &nbsp;, and turns <br> variants into newlines', () => {
		const parsed = resourcePage(
			'|&nbsp;a&nbsp;| String | One \\| two &#124; three<br>four<br/>five<br />six |',
		);
		assert.equal(
			property(structured(parsed.types), 'a').description,
			'One | two | three\nfour\nfive\nsix',
		);
	});

	test('pads short rows and reads a row without a description', () => {
		const parsed = resourcePage('| a | String |');
		const a = property(structured(parsed.types), 'a');
		assert.equal(a.description, '');
		assert.deepEqual(a.type, { kind: 'primitive', name: 'String' });
	});

	test('keeps the first resource annotation, read leniently (trailing comma, raw newline)', () => {
		const parsed = page(
			'# shownName resource type',
			'<!-- {',
			'  "blockType": "resource",',
			'  "description": "two',
			'lines",',
			'  "@odata.type": "#microsoft.graph.fromAnnotation",',
			'} -->',
			'<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.second" } -->',
		);
		assert.deepEqual(
			parsed.types.map((type) => type.name),
			['microsoft.graph.fromAnnotation'],
		);
	});
});

describe('property tables (FORMAT.md: Property tables)', () => {
	test('skips group-separator rows whose only non-empty cell is bold', () => {
		const parsed = resourcePage('| **Group management** | | |', '| a | String | A. |');
		assert.deepEqual(propertyNames(parsed), ['a']);
	});

	test('cleans names: bold, backticks, links, (deprecated), (preview), escaped underscores', () => {
		const parsed = resourcePage(
			'| **bold** | String | . |',
			'| `code` | String | . |',
			'| [linked](x.md) | String | . |',
			'| old (deprecated) | String | . |',
			'| next (preview) | String | . |',
			'| snake\\_case | String | . |',
		);
		assert.deepEqual(propertyNames(parsed), [
			'bold',
			'code',
			'linked',
			'old',
			'next',
			'snake_case',
		]);
	});

	test('lets the section decide relationships; subsections inherit it', () => {
		const parsed = page(
			'# sample resource type',
			'## Relationships',
			'### Navigation',
			'| Property | Type | Description |',
			'|---|---|---|',
			'| nav | String | In a subsection of Relationships. |',
			'## Properties',
			'| Relationship | Type | Description |',
			'|---|---|---|',
			'| plain | String | The header says Relationship, the section Properties. |',
		);
		const type = structured(parsed.types);
		assert.equal(property(type, 'nav').isRelationship, true);
		assert.equal(property(type, 'plain').isRelationship, false);
	});

	test('reads tables before the first H2 and every header spelling with * and &nbsp;', () => {
		const parsed = page(
			'# sample resource type',
			'| **Property&nbsp;name** | *Type* | Description |',
			'|---|---|---|',
			'| a | String | Before any H2. |',
			'## Properties',
			'| Name | TYPE | Description |',
			'|---|---|---|',
			'| b | String | . |',
		);
		assert.deepEqual(propertyNames(parsed), ['a', 'b']);
	});

	test('ignores Properties of a ... definition, Example and Instance attributes tables', () => {
		const table = ['| Property | Type | Description |', '|---|---|---|'];
		const parsed = resourcePage(
			'| kept | String | . |',
			'### Properties of a token lifetime policy definition',
			...table,
			'| policyField | Integer | Inside a JSON string. |',
			'## Example properties',
			...table,
			'| example | String | . |',
			'## Instance attributes',
			...table,
			'| @microsoft.graph.downloadUrl | String | An annotation. |',
		);
		assert.deepEqual(propertyNames(parsed), ['kept']);
	});

	test('reference-style links resolve against [ref]: url lines anywhere on the page', () => {
		const parsed = resourcePage(
			'| owner | [identitySet][] | . |',
			'| other | [a label][ref] | . |',
			'',
			'[identitySet]: identityset.md',
			'[REF]: ./named.md',
		);
		const targets = parsed.references.map((reference) => reference.target);
		assert.deepEqual(
			targets.map((target) => (target.kind === 'page' ? target.path : target.kind)),
			[
				'/docs/api-reference/beta/resources/identityset.md',
				'/docs/api-reference/beta/resources/named.md',
			],
		);
	});

	test('a junk Type cell gives any and one warning naming the file and row line', () => {
		const parsed = resourcePage('| a | 256 bytes maximum. | . |');
		assert.deepEqual(property(structured(parsed.types), 'a').type, { kind: 'any' });
		assert.equal(parsed.problems.length, 1);
		assert.deepEqual(
			{ ...parsed.problems[0], message: '' },
			{ fsPath: PAGE_PATH, line: 7, message: '', severity: 'warning' },
		);
		assert.match(parsed.problems[0].message, /256 bytes maximum.*any value/);
	});
});
