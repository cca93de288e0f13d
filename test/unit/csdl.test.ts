import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type {
	EnumTypeDefinition,
	PropertyDefinition,
	StructuredTypeDefinition,
	TypeDefinition,
} from '../../server/src/model/types';
import {
	loadMetadata,
	MetadataCache,
	parseCsdl,
	versionFromFileName,
} from '../../server/src/sources/csdl';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/csdl');
const shared = path.resolve(__dirname, '../../../../shared/csdl');

function readFixture(name: string): { types: TypeDefinition[]; problems: string[] } {
	const fsPath = path.join(fixtures, name);
	const result = parseCsdl(fsPath, fs.readFileSync(fsPath, 'utf8'));
	return { types: result.types, problems: result.problems.map((problem) => problem.message) };
}

function structured(types: TypeDefinition[], name: string): StructuredTypeDefinition {
	const type = types.find((item) => item.name === name);
	assert.ok(type && type.kind === 'structured', `${name} is a structured type`);
	return type;
}

function enumType(types: TypeDefinition[], name: string): EnumTypeDefinition {
	const type = types.find((item) => item.name === name);
	assert.ok(type && type.kind === 'enum', `${name} is an enum`);
	return type;
}

function property(type: StructuredTypeDefinition, name: string): PropertyDefinition {
	const found = type.properties.find((item) => item.name === name);
	assert.ok(found, `${type.name}.${name} exists`);
	return found;
}

/** A one-schema document around `body`, for the small cases. */
function document(body: string, namespace = 'test'): string {
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
		'<edmx:DataServices>',
		`<Schema Namespace="${namespace}" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
		body,
		'</Schema>',
		'</edmx:DataServices>',
		'</edmx:Edmx>',
	].join('\n');
}

describe('CSDL reader: structure', () => {
	it('reads entity and complex types with base type, abstract, open and entity flags', () => {
		const { types } = readFixture('kinds.xml');
		const entity = structured(types, 'test.kinds.entity');
		assert.equal(entity.isAbstract, true);
		assert.equal(entity.isEntity, true);
		assert.equal(entity.isOpen, false);
		assert.equal(entity.baseType, undefined);
		const folder = structured(types, 'test.kinds.folder');
		assert.equal(folder.baseType, 'test.kinds.entity');
		assert.equal(folder.isOpen, true);
		assert.equal(folder.isAbstract, false);
		const numbers = structured(types, 'test.kinds.numbers');
		assert.equal(numbers.isEntity, false);
		assert.equal(numbers.isOpen, false);
		assert.equal(numbers.source, 'csdl');
	});

	it('maps every Edm primitive to its exact name, and spatial types to Json with one warning', () => {
		const { types, problems } = readFixture('kinds.xml');
		assert.equal(problems.length, 1);
		assert.match(
			problems[0],
			/test\.kinds\.folder\.where: Edm\.GeographyPoint .* read as Json/,
		);
		const numbers = structured(types, 'test.kinds.numbers');
		const folder = structured(types, 'test.kinds.folder');
		const expected: [StructuredTypeDefinition, string, string][] = [
			[numbers, 'byte', 'Byte'],
			[numbers, 'sbyte', 'SByte'],
			[numbers, 'int16', 'Int16'],
			[numbers, 'single', 'Single'],
			[numbers, 'decimal', 'Decimal'],
			[numbers, 'content', 'Stream'],
			[numbers, 'when', 'DateTimeOffset'],
			[folder, 'size', 'Int64'],
			[folder, 'where', 'Json'],
			[folder, 'area', 'Json'],
			[folder, 'extra', 'Untyped'],
		];
		for (const [type, name, primitive] of expected) {
			assert.deepEqual(
				property(type, name).type,
				{ kind: 'primitive', name: primitive },
				name,
			);
		}
	});

	it('reads collections, navigation properties and Nullable, defaulting to nullable', () => {
		const folder = structured(readFixture('kinds.xml').types, 'test.kinds.folder');
		const tags = property(folder, 'tags');
		assert.deepEqual(tags.type, {
			kind: 'collection',
			of: { kind: 'primitive', name: 'String' },
		});
		assert.equal(tags.nullable, true);
		assert.equal(tags.nullableSource, 'csdl');
		assert.equal(property(folder, 'scores').nullable, false);
		const parent = property(folder, 'parent');
		assert.equal(parent.isRelationship, true);
		assert.equal(parent.nullable, false);
		assert.deepEqual(parent.type, { kind: 'named', name: 'test.kinds.folder' });
		const children = property(folder, 'children');
		assert.equal(children.isRelationship, true);
		assert.deepEqual(children.type, {
			kind: 'collection',
			of: { kind: 'named', name: 'test.kinds.folder' },
		});
		assert.equal(property(folder, 'size').isRelationship, false);
		assert.equal(property(folder, 'size').nullable, true);
	});

	it('reads flags enums with their values, and numbers members without values from 0', () => {
		const { types } = readFixture('kinds.xml');
		const access = enumType(types, 'test.kinds.access');
		assert.equal(access.isFlags, true);
		assert.deepEqual(
			access.members.map((member) => [member.name, member.value]),
			[
				['none', 0],
				['read', 1],
				['write', 2],
				['all', 3],
			],
		);
		const size = enumType(types, 'test.kinds.size');
		assert.equal(size.isFlags, false);
		assert.deepEqual(
			size.members.map((member) => member.value),
			[0, 1, 2],
		);
	});

	it('ignores actions, functions, terms and the entity container without problems', () => {
		const { types, problems } = readFixture('kinds.xml');
		assert.deepEqual(
			problems.filter((message) => !message.includes('GeographyPoint')),
			[],
		);
		assert.deepEqual(types.map((type) => type.name).sort(), [
			'test.kinds.access',
			'test.kinds.entity',
			'test.kinds.folder',
			'test.kinds.numbers',
			'test.kinds.size',
		]);
	});

	it('records the zero-based line of each type, property and member', () => {
		const fsPath = path.join(fixtures, 'kinds.xml');
		const lines = fs.readFileSync(fsPath, 'utf8').split('\n');
		const { types } = readFixture('kinds.xml');
		const folder = structured(types, 'test.kinds.folder');
		assert.match(lines[folder.location?.line ?? -1], /<EntityType Name="folder"/);
		assert.equal(folder.location?.fsPath, fsPath);
		assert.match(lines[property(folder, 'children').location?.line ?? -1], /Name="children"/);
		const access = enumType(types, 'test.kinds.access');
		assert.match(lines[access.members[2].location?.line ?? -1], /<Member Name="write"/);
	});
});

describe('CSDL reader: names', () => {
	it('expands schema aliases in property types and base types, across schemas', () => {
		const { types, problems } = readFixture('aliases.xml');
		assert.deepEqual(problems, []);
		const person = structured(types, 'contoso.people.person');
		assert.equal(person.baseType, 'contoso.shared.base.record');
		assert.deepEqual(property(person, 'badge').type, {
			kind: 'named',
			name: 'contoso.shared.base.badge',
		});
		const record = structured(types, 'contoso.shared.base.record');
		assert.deepEqual(property(record, 'owner').type, {
			kind: 'named',
			name: 'contoso.people.person',
		});
	});

	it('resolves type definitions to their underlying primitive, in any schema', () => {
		const person = structured(readFixture('aliases.xml').types, 'contoso.people.person');
		assert.deepEqual(property(person, 'mail').type, { kind: 'primitive', name: 'String' });
		assert.deepEqual(property(person, 'aliases').type, {
			kind: 'collection',
			of: { kind: 'primitive', name: 'String' },
		});
		assert.deepEqual(property(person, 'score').type, { kind: 'primitive', name: 'Int64' });
		assert.equal(property(person, 'score').nullable, false);
	});

	it('reads properties of an empty complex type named Json as any JSON value, and keeps the type', () => {
		const { types } = readFixture('aliases.xml');
		const person = structured(types, 'contoso.people.person');
		assert.deepEqual(property(person, 'extra').type, { kind: 'primitive', name: 'Json' });
		assert.equal(structured(types, 'contoso.shared.base.Json').properties.length, 0);
	});

	it('reads a term through the alias of an included vocabulary', () => {
		const person = structured(readFixture('aliases.xml').types, 'contoso.people.person');
		assert.equal(person.description, 'A person, described through an included alias.');
	});

	it('takes the version from the file name', () => {
		const cases: [string, string | undefined][] = [
			['/x/beta_metadata_2021-07-13.xml', 'beta'],
			['/x/v1.0_metadata_2021-07-13.xml', 'v1.0'],
			['C:\\x\\metadata-v1.xml', 'v1.0'],
			['/x/graphBetaMetadata.xml', 'beta'],
			['/beta/metadata.xml', undefined],
			['/x/metadata.xml', undefined],
			['/x/v10.xml', undefined],
		];
		for (const [fsPath, version] of cases) {
			assert.equal(versionFromFileName(fsPath), version, fsPath);
		}
		const parsed = parseCsdl('/x/beta.xml', document('<ComplexType Name="a" />'));
		assert.equal(parsed.version, 'beta');
		assert.equal(parsed.types[0].version, 'beta');
	});
});

describe('CSDL reader: descriptions', () => {
	it('reads descriptions inline, as an attribute or a <String> element, with entities decoded', () => {
		const note = structured(readFixture('annotations.xml').types, 'microsoft.graph.note');
		assert.equal(
			property(note, 'inline').description,
			'Inline, as an attribute & with an entity.',
		);
		assert.equal(property(note, 'element').description, 'Inline, as a <String> element.');
		assert.equal(property(note, 'qualified').description, 'The unqualified text wins.');
		assert.equal(property(note, 'plain').description, '');
	});

	it('reads out-of-line annotations by alias or full name, with the long description after', () => {
		const { types, problems } = readFixture('annotations.xml');
		assert.deepEqual(problems, []);
		const note = structured(types, 'microsoft.graph.note');
		assert.equal(
			note.description,
			'A note, described out of line through the alias.\n\nMore about notes.',
		);
		assert.equal(property(note, 'outOfLine').description, 'Out of line, by full name.');
		const mood = enumType(types, 'microsoft.graph.mood');
		assert.equal(mood.description, 'Only a long description.');
	});

	it('reads member descriptions inline and out of line', () => {
		const mood = enumType(readFixture('annotations.xml').types, 'microsoft.graph.mood');
		assert.deepEqual(
			mood.members.map((member) => member.description),
			['Inline member text.', 'Out-of-line member text.'],
		);
	});
});

describe('CSDL reader: bad input', () => {
	const cases: [string, string, RegExp][] = [
		['empty', '', /empty/],
		['whitespace only', ' \n\t\n', /empty/],
		['binary', 'PK\u0003\u0004\u0000\u0000\u0014', /binary/],
		['JSON', '{"$Version": "4.0"}', /not XML/],
		['plain text', 'Service unavailable', /not XML/],
		['HTML', '<!doctype html>\n<html><body>Sign in</body></html>', /not a CSDL document/],
		['another XML', '<?xml version="1.0"?>\n<feed><entry/></feed>', /root element is <feed>/],
		['XML without elements', '<!-- nothing -->', /no XML element/],
	];
	for (const [label, text, expected] of cases) {
		it(`gives one error problem for ${label} input and no types`, () => {
			const result = parseCsdl('/x/in.xml', text);
			assert.deepEqual(result.types, []);
			assert.equal(result.problems.length, 1);
			const [problem] = result.problems;
			assert.equal(problem.severity, 'error');
			assert.equal(problem.fsPath, '/x/in.xml');
			assert.equal(typeof problem.line, 'number');
			assert.match(problem.message, expected);
			assert.match(problem.message, /graphFixtures\.metadata or --metadata/);
		});
	}

	it('keeps the types read before a cut between tags, at the line of the unclosed element', () => {
		const body =
			'<ComplexType Name="a" />\n<ComplexType Name="b">\n<Property Name="p" Type="Edm.String" />';
		const text = document(body);
		const result = parseCsdl('/x/cut.xml', text.slice(0, text.indexOf('</Schema>')));
		assert.deepEqual(
			result.types.map((type) => [
				type.name,
				(type as StructuredTypeDefinition).properties.length,
			]),
			[
				['test.a', 0],
				['test.b', 1],
			],
		);
		assert.equal(result.problems.length, 1);
		assert.equal(result.problems[0].severity, 'error');
		assert.match(result.problems[0].message, /<ComplexType> element .* never closed/);
		assert.equal(result.problems[0].line, 5);
	});

	it('keeps the types read before a cut inside a tag, at the line of the broken tag', () => {
		const text = document(
			'<ComplexType Name="a" />\n<ComplexType Name="b">\n<Property Name="p"',
		);
		const result = parseCsdl('/x/cut.xml', text.slice(0, text.indexOf('</Schema>')));
		assert.deepEqual(
			result.types.map((type) => type.name),
			['test.a', 'test.b'],
		);
		assert.equal(result.problems.length, 1);
		assert.match(result.problems[0].message, /breaks off here/);
		assert.doesNotMatch(result.problems[0].message, /Context/);
		assert.equal(result.problems[0].line, 6);
	});

	it('keeps the types read before a cut inside an action', () => {
		const text = document(
			'<ComplexType Name="a" />\n<Action Name="go">\n<Parameter Name="x" Type="Edm.String" />',
		);
		const result = parseCsdl('/x/cut.xml', text.slice(0, text.indexOf('</Schema>')));
		assert.deepEqual(
			result.types.map((type) => type.name),
			['test.a'],
		);
		assert.equal(result.problems.length, 1);
		assert.equal(result.problems[0].severity, 'error');
	});

	it('never expands DTD entities, so an entity bomb stays small and fast', () => {
		const entities = ['<!ENTITY a0 "ha">'];
		for (let index = 1; index < 10; index++) {
			const previous = `&a${index - 1};`;
			entities.push(`<!ENTITY a${index} "${previous.repeat(10)}">`);
		}
		const text = document(
			'<ComplexType Name="bomb"><Property Name="p" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="&a9;" /></Property></ComplexType>',
		);
		const withDtd = text.replace(
			'<edmx:Edmx',
			`<!DOCTYPE edmx:Edmx [${entities.join('')}]>\n<edmx:Edmx`,
		);
		const started = performance.now();
		const result = parseCsdl('/x/bomb.xml', withDtd);
		assert.ok(performance.now() - started < 1000);
		const bomb = structured(result.types, 'test.bomb');
		assert.equal(property(bomb, 'p').description, '&a9;');
	});

	it('reports a property without a type, an unknown Edm type and a bad Nullable, and reads on', () => {
		const result = parseCsdl(
			'/x/odd.xml',
			document(
				'<ComplexType Name="odd">\n<Property Name="a" />\n<Property Name="b" Type="Edm.Money" />\n<Property Name="c" Type="Edm.String" Nullable="maybe" />\n<Property Name="d" Type="Edm.Int32" />\n</ComplexType>',
			),
		);
		const odd = structured(result.types, 'test.odd');
		assert.deepEqual(property(odd, 'a').type, { kind: 'any' });
		assert.deepEqual(property(odd, 'b').type, { kind: 'primitive', name: 'Json' });
		assert.equal(property(odd, 'c').nullable, true);
		assert.deepEqual(property(odd, 'd').type, { kind: 'primitive', name: 'Int32' });
		assert.deepEqual(
			result.problems.map((problem) => [problem.line, problem.severity]),
			[
				[5, 'warning'],
				[6, 'warning'],
				[7, 'warning'],
			],
		);
		assert.match(result.problems[1].message, /Edm\.Money/);
	});

	it('reports flags members without values, duplicate types and duplicate properties', () => {
		const body = [
			'<EnumType Name="f" IsFlags="true"><Member Name="a" Value="1" /><Member Name="b" /></EnumType>',
			'<ComplexType Name="c"><Property Name="p" Type="Edm.String" /><Property Name="p" Type="Edm.Int32" /></ComplexType>',
			'<ComplexType Name="c" />',
		].join('\n');
		const result = parseCsdl('/x/dup.xml', document(body));
		assert.deepEqual(
			enumType(result.types, 'test.f').members.map((member) => member.value),
			[1, undefined],
		);
		const c = structured(result.types, 'test.c');
		assert.deepEqual(
			c.properties.map((item) => item.type),
			[{ kind: 'primitive', name: 'String' }],
		);
		assert.equal(result.problems.length, 3);
		assert.match(result.problems[0].message, /test\.f\.b has no Value/);
		assert.match(result.problems[1].message, /declared twice/);
		assert.match(result.problems[2].message, /defined twice/);
	});

	it('reads CRLF documents and documents with a byte order mark on the right lines', () => {
		const text =
			'\ufeff' +
			document(
				'<ComplexType Name="a">\n<Property Name="p" Type="Edm.String" />\n</ComplexType>',
			).replace(/\n/g, '\r\n');
		const a = structured(parseCsdl('/x/crlf.xml', text).types, 'test.a');
		assert.equal(a.location?.line, 4);
		assert.equal(property(a, 'p').location?.line, 5);
	});

	it('reads elements written with a namespace prefix', () => {
		const text = document(
			'<edm:ComplexType xmlns:edm="http://docs.oasis-open.org/odata/ns/edm" Name="a"><edm:Property Name="p" Type="Edm.Boolean" /></edm:ComplexType>',
		);
		const a = structured(parseCsdl('/x/prefix.xml', text).types, 'test.a');
		assert.deepEqual(property(a, 'p').type, { kind: 'primitive', name: 'Boolean' });
	});
});

const sharedDocuments = ['beta_metadata_2021-07-13.xml', 'v1.0_metadata_2021-07-13.xml'];
const hasShared = sharedDocuments.every((name) => fs.existsSync(path.join(shared, name)));
const parsedShared = new Map<string, { text: string; types: TypeDefinition[]; problems: number }>();

function readShared(name: string): { text: string; types: TypeDefinition[]; problems: number } {
	let parsed = parsedShared.get(name);
	if (parsed === undefined) {
		const fsPath = path.join(shared, name);
		const text = fs.readFileSync(fsPath, 'utf8');
		const result = parseCsdl(fsPath, text);
		parsed = { text, types: result.types, problems: result.problems.length };
		parsedShared.set(name, parsed);
	}
	return parsed;
}

// The shared folder sits next to the repository (../shared); elsewhere these cases cannot run.
describe(
	'CSDL reader: the shared $metadata documents',
	{ skip: !hasShared && 'no ../shared/csdl' },
	() => {
		for (const name of sharedDocuments) {
			it(`reads as many types as ${name} has EntityType, ComplexType and EnumType elements`, () => {
				const { text, types, problems } = readShared(name);
				const count = (tag: string): number =>
					text.match(new RegExp(`<${tag}\\s`, 'g'))?.length ?? 0;
				const structuredCount = count('EntityType') + count('ComplexType');
				assert.equal(
					types.filter((type) => type.kind === 'structured').length,
					structuredCount,
				);
				assert.equal(
					types.filter((type) => type.kind === 'enum').length,
					count('EnumType'),
				);
				assert.equal(problems, 0);
			});
		}

		it('reads iosVppAppRevokeLicensesActionResult in beta with its 9 exact properties', () => {
			const { types } = readShared('beta_metadata_2021-07-13.xml');
			const type = structured(types, 'microsoft.graph.iosVppAppRevokeLicensesActionResult');
			assert.equal(type.version, 'beta');
			const summary = type.properties.map((item) => [item.name, item.type, item.nullable]);
			const named = (name: string) => ({ kind: 'named', name: `microsoft.graph.${name}` });
			const primitive = (name: string) => ({ kind: 'primitive', name });
			assert.deepEqual(summary, [
				['actionFailureReason', named('vppTokenActionFailureReason'), false],
				['actionName', primitive('String'), true],
				['actionState', named('actionState'), false],
				['failedLicensesCount', primitive('Int32'), false],
				['lastUpdatedDateTime', primitive('DateTimeOffset'), false],
				['managedDeviceId', primitive('String'), true],
				['startDateTime', primitive('DateTimeOffset'), false],
				['totalLicensesCount', primitive('Int32'), false],
				['userId', primitive('String'), true],
			]);
			assert.equal(enumType(types, 'microsoft.graph.actionState').members[0].name, 'none');
			assert.equal(property(type, 'actionName').description, 'Action name');
		});

		it('reads recurrenceRange in v1.0, and the schemas beside microsoft.graph', () => {
			const { types } = readShared('v1.0_metadata_2021-07-13.xml');
			const range = structured(types, 'microsoft.graph.recurrenceRange');
			assert.equal(range.version, 'v1.0');
			assert.deepEqual(property(range, 'startDate').type, {
				kind: 'primitive',
				name: 'Date',
			});
			assert.ok(types.some((type) => type.name.startsWith('microsoft.graph.callRecords.')));
		});

		it('parses the 4 MB beta document in well under a second', () => {
			const fsPath = path.join(shared, sharedDocuments[0]);
			const text = fs.readFileSync(fsPath, 'utf8');
			const started = performance.now();
			parseCsdl(fsPath, text);
			// The target is 500 ms on a loaded machine; this bound only catches gross regressions.
			assert.ok(performance.now() - started < 1500);
		});
	},
);

describe('loadMetadata', () => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'csdl-test-'));
	const good = path.join(directory, 'v1.0-metadata.xml');
	fs.writeFileSync(good, document('<ComplexType Name="a" />'));
	const bad = path.join(directory, 'broken.xml');
	fs.writeFileSync(bad, 'not xml');

	it('loads the good files and reports missing, unreadable and folder paths', async () => {
		const missing = path.join(directory, 'missing.xml');
		const progress: [number, number][] = [];
		const result = await loadMetadata([missing, good, bad, directory], {
			onProgress: (done, total) => progress.push([done, total]),
		});
		assert.deepEqual(
			result.types.map((type) => [type.name, type.version]),
			[['test.a', 'v1.0']],
		);
		assert.deepEqual(result.files, [good, bad]);
		assert.deepEqual(
			result.problems.map((problem) => [problem.fsPath, problem.severity]),
			[
				[missing, 'error'],
				[bad, 'error'],
				[directory, 'error'],
			],
		);
		assert.match(result.problems[0].message, /does not exist/);
		assert.deepEqual(progress, [
			[1, 4],
			[2, 4],
			[3, 4],
			[4, 4],
		]);
		assert.ok(result.milliseconds >= 0);
	});

	it('reuses a cached parse while the file is unchanged, and reads a changed file again', async () => {
		const cache = new MetadataCache();
		const first = await loadMetadata([good], { cache });
		const second = await loadMetadata([good], { cache });
		assert.equal(second.types[0], first.types[0]);
		fs.writeFileSync(good, document('<ComplexType Name="a" />\n<ComplexType Name="bb" />'));
		const third = await loadMetadata([good], { cache });
		assert.deepEqual(
			third.types.map((type) => type.name),
			['test.a', 'test.bb'],
		);
		assert.equal(cache.size, 1);
	});

	it('reads UTF-16 files with a byte order mark', async () => {
		const utf16 = path.join(directory, 'utf16.xml');
		const text = document('<ComplexType Name="wide" />').replace('utf-8', 'utf-16');
		fs.writeFileSync(
			utf16,
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
		);
		const result = await loadMetadata([utf16]);
		assert.deepEqual(
			result.types.map((type) => type.name),
			['test.wide'],
		);
	});

	it('reads a file given twice once', async () => {
		const result = await loadMetadata([good, good]);
		assert.equal(result.files.length, 1);
	});

	it('rejects with an AbortError when cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await assert.rejects(loadMetadata([good], { signal: controller.signal }), {
			name: 'AbortError',
		});
	});

	it('stops between files when cancelled during a load', async () => {
		const controller = new AbortController();
		const loading = loadMetadata([good, bad], {
			signal: controller.signal,
			onProgress: (done) => (done === 1 ? controller.abort() : undefined),
		});
		await assert.rejects(loading, { name: 'AbortError' });
	});
});
