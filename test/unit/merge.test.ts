import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
	EnumMember,
	EnumTypeDefinition,
	PropertyDefinition,
	StructuredTypeDefinition,
	TypeRef,
} from '../../server/src/model/types';
import { formatType, isSameType, mergeCsdlWithPages } from '../../server/src/sources/merge';

const CSDL_FILE = '/m/beta_metadata.xml';
const PAGE_FILE = '/docs/beta/resources/thing.md';

const string: TypeRef = { kind: 'primitive', name: 'String' };
const int32: TypeRef = { kind: 'primitive', name: 'Int32' };

function csdlProperty(
	name: string,
	type: TypeRef,
	line: number,
	nullable = true,
): PropertyDefinition {
	const location = { fsPath: CSDL_FILE, line };
	return {
		name,
		type,
		description: '',
		isRelationship: false,
		nullable,
		nullableSource: 'csdl',
		location,
	};
}

function pageProperty(
	name: string,
	type: TypeRef,
	line: number,
	description = `About ${name}.`,
): PropertyDefinition {
	return {
		name,
		type,
		description,
		isRelationship: false,
		location: { fsPath: PAGE_FILE, line },
	};
}

function csdlType(properties: PropertyDefinition[]): StructuredTypeDefinition {
	return {
		kind: 'structured',
		name: 'microsoft.graph.thing',
		baseType: 'microsoft.graph.entity',
		isAbstract: false,
		isOpen: true,
		isEntity: true,
		description: 'CSDL text.',
		properties,
		location: { fsPath: CSDL_FILE, line: 10 },
		source: 'csdl',
		version: 'beta',
	};
}

function pageType(
	properties: PropertyDefinition[],
	description = 'Page text.',
): StructuredTypeDefinition {
	return {
		kind: 'structured',
		name: 'microsoft.graph.thing',
		isAbstract: true,
		isOpen: false,
		isEntity: false,
		description,
		properties,
		location: { fsPath: PAGE_FILE, line: 3 },
		source: 'page',
		version: 'beta',
	};
}

describe('mergeCsdlWithPages: structured types', () => {
	it('takes structure from CSDL and descriptions and locations from the page', () => {
		const csdl = csdlType([
			csdlProperty('name', string, 11, false),
			csdlProperty('size', int32, 12),
		]);
		const page = pageType([pageProperty('name', string, 20), pageProperty('size', int32, 21)]);
		const { merged, problems } = mergeCsdlWithPages(csdl, [page]);
		assert.deepEqual(problems, []);
		assert.ok(merged.kind === 'structured');
		assert.equal(merged.description, 'Page text.');
		assert.deepEqual(merged.location, { fsPath: PAGE_FILE, line: 3 });
		assert.equal(merged.baseType, 'microsoft.graph.entity');
		assert.equal(merged.isOpen, true);
		assert.equal(merged.isAbstract, false);
		assert.equal(merged.isEntity, true);
		assert.equal(merged.source, 'csdl');
		assert.equal(merged.version, 'beta');
		const [name] = merged.properties;
		assert.equal(name.description, 'About name.');
		assert.equal(name.nullable, false);
		assert.equal(name.nullableSource, 'csdl');
		assert.deepEqual(name.location, { fsPath: PAGE_FILE, line: 20 });
	});

	it('keeps CSDL descriptions where the page has none', () => {
		const csdl = csdlType([{ ...csdlProperty('name', string, 11), description: 'From CSDL.' }]);
		const page = pageType([pageProperty('name', string, 20, '')], '');
		const { merged } = mergeCsdlWithPages(csdl, [page]);
		assert.ok(merged.kind === 'structured');
		assert.equal(merged.description, 'CSDL text.');
		assert.equal(merged.properties[0].description, 'From CSDL.');
	});

	it('keeps the description enum and range of the page on the merged property', () => {
		const csdl = csdlType([
			csdlProperty('state', string, 11),
			csdlProperty('count', int32, 12),
		]);
		const state = { ...pageProperty('state', string, 20), descriptionEnum: ['on', 'off'] };
		const count = { ...pageProperty('count', int32, 21), range: { min: 0n, max: 10n } };
		const { merged } = mergeCsdlWithPages(csdl, [pageType([state, count])]);
		assert.ok(merged.kind === 'structured');
		assert.deepEqual(merged.properties[0].descriptionEnum, ['on', 'off']);
		assert.deepEqual(merged.properties[1].range, { min: 0n, max: 10n });
	});

	it('warns once per side about properties only on the page and only in CSDL', () => {
		const csdl = csdlType([
			csdlProperty('name', string, 11),
			csdlProperty('hidden', string, 12),
			csdlProperty('secret', string, 13),
		]);
		const page = pageType([
			pageProperty('name', string, 20),
			pageProperty('legacy', string, 21),
		]);
		const { merged, problems } = mergeCsdlWithPages(csdl, [page]);
		assert.ok(merged.kind === 'structured');
		assert.deepEqual(
			merged.properties.map((property) => property.name),
			['name', 'hidden', 'secret'],
		);
		assert.deepEqual(
			problems.map((problem) => [problem.fsPath, problem.line, problem.severity]),
			[
				[PAGE_FILE, 3, 'warning'],
				[PAGE_FILE, 3, 'warning'],
			],
		);
		assert.match(
			problems[0].message,
			/microsoft\.graph\.thing: 1 property on the page is not in CSDL: legacy\./,
		);
		assert.match(
			problems[1].message,
			/2 properties in CSDL are not on the page: hidden, secret\./,
		);
	});

	it('does not report page rows that CSDL declares on a base type', () => {
		const csdl = csdlType([csdlProperty('name', string, 11)]);
		const page = pageType([pageProperty('name', string, 20), pageProperty('id', string, 21)]);
		const entity = {
			...csdlType([csdlProperty('id', string, 2)]),
			name: 'microsoft.graph.entity',
		};
		const findCsdlType = (name: string) => (name === entity.name ? entity : undefined);
		const { problems } = mergeCsdlWithPages(csdl, [page], { findCsdlType });
		assert.deepEqual(problems, []);
	});

	it('pairs a property the page spells in another case, and says so', () => {
		const csdl = csdlType([csdlProperty('userId', string, 11)]);
		const { merged, problems } = mergeCsdlWithPages(csdl, [
			pageType([pageProperty('UserID', string, 20)]),
		]);
		assert.ok(merged.kind === 'structured');
		assert.equal(merged.properties[0].name, 'userId');
		assert.equal(merged.properties[0].description, 'About UserID.');
		assert.equal(problems.length, 1);
		assert.match(
			problems[0].message,
			/thing: the page spells a property in another case: "UserID" \(CSDL "userId"\); the CSDL spelling is used/,
		);
		assert.equal(problems[0].line, 20);
	});
});

describe('mergeCsdlWithPages: type disagreements', () => {
	const named = (name: string): TypeRef => ({ kind: 'named', name });
	const collection = (of: TypeRef): TypeRef => ({ kind: 'collection', of });
	const cases: [string, TypeRef, TypeRef, RegExp][] = [
		[
			'String on the page, an enum in CSDL',
			string,
			named('microsoft.graph.actionState'),
			/thing\.p: the page says String, CSDL says microsoft\.graph\.actionState; the CSDL type microsoft\.graph\.actionState is used/,
		],
		[
			'Double against Single',
			{ kind: 'primitive', name: 'Double' },
			{ kind: 'primitive', name: 'Single' },
			/says Double, CSDL says Single/,
		],
		[
			'single against collection',
			named('x.y'),
			collection(named('x.y')),
			/says x\.y, CSDL says Collection\(x\.y\)/,
		],
		[
			'collection against single',
			collection(string),
			string,
			/says Collection\(String\), CSDL says String/,
		],
	];
	for (const [label, pageRef, csdlRef, expected] of cases) {
		it(`warns at the page row about ${label}, and keeps the CSDL type`, () => {
			const csdl = csdlType([csdlProperty('p', csdlRef, 11)]);
			const { merged, problems } = mergeCsdlWithPages(csdl, [
				pageType([pageProperty('p', pageRef, 20)]),
			]);
			assert.ok(merged.kind === 'structured');
			assert.deepEqual(merged.properties[0].type, csdlRef);
			assert.equal(problems.length, 1);
			assert.equal(problems[0].line, 20);
			assert.equal(problems[0].severity, 'warning');
			assert.match(problems[0].message, expected);
		});
	}

	it('treats spellings of the same type as agreeing', () => {
		const agreeing: [TypeRef, TypeRef][] = [
			[{ kind: 'primitive', name: 'Url' }, string],
			[
				{ kind: 'primitive', name: 'Json' },
				{ kind: 'primitive', name: 'Untyped' },
			],
			[
				{ kind: 'named', name: 'microsoft.graph.termstore.term' },
				{ kind: 'named', name: 'microsoft.graph.termStore.term' },
			],
			[
				{ kind: 'named', name: 'actionState' },
				{ kind: 'named', name: 'microsoft.graph.actionState' },
			],
			[
				{ kind: 'named', name: 'microsoft.graph.status' },
				{ kind: 'named', name: 'microsoft.graph.managedTenants.status' },
			],
			[{ kind: 'any' }, int32],
			[{ kind: 'union', of: [string, int32] }, int32],
			[collection({ kind: 'primitive', name: 'Url' }), collection(string)],
		];
		for (const [page, csdl] of agreeing) {
			assert.equal(isSameType(page, csdl), true, `${formatType(page)} ~ ${formatType(csdl)}`);
		}
		assert.equal(
			isSameType({ kind: 'named', name: 'a.b.c' }, { kind: 'named', name: 'a.b.d' }),
			false,
		);
	});
});

function member(
	name: string,
	value: number | undefined,
	fsPath: string,
	line: number,
	description = '',
): EnumMember {
	return { name, value, description, location: { fsPath, line } };
}

function enumDefinition(
	members: EnumMember[],
	source: 'csdl' | 'page',
	isFlags = false,
): EnumTypeDefinition {
	const fsPath = source === 'csdl' ? CSDL_FILE : PAGE_FILE;
	return {
		kind: 'enum',
		name: 'microsoft.graph.access',
		members,
		isFlags,
		description: source === 'page' ? 'Page enum text.' : '',
		location: { fsPath, line: source === 'csdl' ? 40 : 2 },
		source,
		version: 'beta',
	};
}

describe('mergeCsdlWithPages: enums', () => {
	it('takes members and flags from CSDL and member descriptions from the page', () => {
		const csdl = enumDefinition(
			[member('read', 1, CSDL_FILE, 41), member('write', 2, CSDL_FILE, 42)],
			'csdl',
			true,
		);
		const page = enumDefinition(
			[
				member('read', 1, PAGE_FILE, 8, 'May read.'),
				member('write', 2, PAGE_FILE, 9, 'May write.'),
			],
			'page',
		);
		const { merged, problems } = mergeCsdlWithPages(csdl, [page]);
		assert.deepEqual(problems, []);
		assert.ok(merged.kind === 'enum');
		assert.equal(merged.isFlags, true);
		assert.equal(merged.description, 'Page enum text.');
		assert.deepEqual(
			merged.members.map((item) => [
				item.name,
				item.value,
				item.description,
				item.location?.line,
			]),
			[
				['read', 1, 'May read.', 8],
				['write', 2, 'May write.', 9],
			],
		);
	});

	it('warns about members missing on either side and about differing values', () => {
		const csdl = enumDefinition(
			[
				member('none', 0, CSDL_FILE, 41),
				member('read', 1, CSDL_FILE, 42),
				member('unknownFutureValue', 2, CSDL_FILE, 43),
			],
			'csdl',
		);
		const page = enumDefinition(
			[
				member('none', 0, PAGE_FILE, 8),
				member('read', 5, PAGE_FILE, 9),
				member('readWrite', 3, PAGE_FILE, 10),
			],
			'page',
		);
		const { merged, problems } = mergeCsdlWithPages(csdl, [page]);
		assert.ok(merged.kind === 'enum');
		assert.deepEqual(
			merged.members.map((item) => item.name),
			['none', 'read', 'unknownFutureValue'],
		);
		const messages = problems.map((problem) => `${problem.line}: ${problem.message}`);
		assert.equal(messages.length, 3);
		assert.match(
			messages[0],
			/^9: microsoft\.graph\.access: the page gives other values than CSDL to read \(page 5, CSDL 1\); the CSDL values are used/,
		);
		assert.match(messages[1], /^2: .*1 member on the page is not in CSDL: readWrite\./);
		assert.match(
			messages[2],
			/^2: .*1 member in CSDL is not on the page: unknownFutureValue\./,
		);
	});

	it('pairs members the page spells in another case, with one warning for all of them', () => {
		const csdl = enumDefinition(
			[member('Call', 0, CSDL_FILE, 41), member('Chat', 1, CSDL_FILE, 42)],
			'csdl',
		);
		const page = enumDefinition(
			[member('call', 0, PAGE_FILE, 8, 'A call.'), member('chat', 1, PAGE_FILE, 9)],
			'page',
		);
		const { merged, problems } = mergeCsdlWithPages(csdl, [page]);
		assert.ok(merged.kind === 'enum');
		assert.deepEqual(
			merged.members.map((item) => [item.name, item.description]),
			[
				['Call', 'A call.'],
				['Chat', ''],
			],
		);
		assert.equal(problems.length, 1);
		assert.equal(problems[0].line, 8);
		assert.match(
			problems[0].message,
			/spells 2 members in another case: "call" \(CSDL "Call"\), "chat" \(CSDL "Chat"\); the CSDL spellings are used/,
		);
	});

	it('warns when the page describes another kind of type, and keeps the CSDL definition', () => {
		const csdl = enumDefinition([member('read', 1, CSDL_FILE, 41)], 'csdl');
		const { merged, problems } = mergeCsdlWithPages(csdl, [pageType([])]);
		assert.ok(merged.kind === 'enum');
		assert.equal(merged.members.length, 1);
		assert.equal(problems.length, 1);
		assert.match(
			problems[0].message,
			/the page describes a structured type, CSDL an enum; the CSDL definition is used/,
		);
	});

	it('returns the CSDL definition unchanged when no page describes it', () => {
		const csdl = enumDefinition([member('read', 1, CSDL_FILE, 41)], 'csdl');
		assert.deepEqual(mergeCsdlWithPages(csdl, []), { merged: csdl, problems: [] });
	});
});
