import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type {
	EnumTypeDefinition,
	PrimitiveName,
	StructuredTypeDefinition,
	TypeDefinition,
	TypeRef,
} from '../../server/src/model/types';
import { parsePage, type ParsedPage } from '../../server/src/sources/pages';
import {
	findDescriptionEnum,
	findRange,
	isMarkedNotNullable,
} from '../../server/src/sources/pages/descriptions';
import { pageLinkResolver } from '../../server/src/sources/pages/links';
import { parseTypeCell } from '../../server/src/sources/pages/typeCells';

const PAGE_PATH = '/docs/api-reference/beta/resources/sample.md';
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/pages');

function page(...lines: string[]): ParsedPage {
	return parsePage(PAGE_PATH, lines.join('\n'));
}

function fixture(name: string): ParsedPage {
	const fsPath = path.join(FIXTURES, name);
	return parsePage(fsPath, readFileSync(fsPath, 'utf8'));
}

function structured(types: TypeDefinition[]): StructuredTypeDefinition {
	const found = types.find((type) => type.kind === 'structured');
	assert.ok(found?.kind === 'structured', 'no structured type');
	return found;
}

function enums(types: TypeDefinition[]): EnumTypeDefinition[] {
	return types.filter((type): type is EnumTypeDefinition => type.kind === 'enum');
}

function cell(text: string): TypeRef {
	const context = {
		fsPath: PAGE_PATH,
		resolveLink: pageLinkResolver(PAGE_PATH),
		namespace: 'microsoft.graph',
		definitions: new Map<string, string>(),
	};
	return parseTypeCell(text, context).type;
}

const primitive = (name: PrimitiveName): TypeRef => ({ kind: 'primitive', name });
const named = (name: string): TypeRef => ({ kind: 'named', name });
const collection = (of: TypeRef): TypeRef => ({ kind: 'collection', of });

describe('Type cells (FORMAT.md: Type cell forms and primitive spellings)', () => {
	test('reads every primitive spelling, with and without Edm.', () => {
		const spellings: [string[], PrimitiveName][] = [
			[['String', 'string'], 'String'],
			[['Boolean', 'boolean', 'bool'], 'Boolean'],
			[['Int32', 'int', 'int32', 'Integer'], 'Int32'],
			[['Int64'], 'Int64'],
			[['Int16'], 'Int16'],
			[['Byte'], 'Byte'],
			[['Double', 'double'], 'Double'],
			[['Single'], 'Single'],
			[['Decimal', 'decimal', 'numeric'], 'Decimal'],
			[
				['DateTimeOffset', 'dateTimeOffset', 'DateTime', 'datetime', 'Timestamp'],
				'DateTimeOffset',
			],
			[['Date'], 'Date'],
			[['TimeOfDay'], 'TimeOfDay'],
			[['Duration'], 'Duration'],
			[['Guid', 'GUID', 'guid'], 'Guid'],
			[['Binary'], 'Binary'],
			[['Stream'], 'Stream'],
			[['Json', 'Object', 'Untyped JSON object'], 'Json'],
			[['Url'], 'Url'],
		];
		for (const [texts, name] of spellings) {
			for (const text of texts) {
				assert.deepEqual(cell(text), primitive(name), text);
				assert.deepEqual(cell(`Edm.${text}`), primitive(name), `Edm.${text}`);
			}
		}
	});

	test('reads links, collections, qualifiers and unions in their measured forms', () => {
		const cases: [string, TypeRef][] = [
			['[x](other.md)', named('microsoft.graph.other')],
			['[x](other.md) collection', collection(named('microsoft.graph.other'))],
			['String collection', collection(primitive('String'))],
			[
				'Collection(microsoft.graph.columnDefinition)',
				collection(named('microsoft.graph.columnDefinition')),
			],
			['collection(string)', collection(primitive('String'))],
			[
				'Collection([keyValuePair](keyvaluepair.md))',
				collection(named('microsoft.graph.keyValuePair')),
			],
			['Collection of [x](other.md)', collection(named('microsoft.graph.other'))],
			['dayOfWeek collection collection', collection(named('microsoft.graph.dayOfWeek'))],
			[
				'[timeZoneInformation](timezoneinformation.md collection)',
				collection(named('microsoft.graph.timeZoneInformation')),
			],
			['microsoft.graph.callRecords.wifiBand', named('microsoft.graph.callRecords.wifiBand')],
			['`string`', primitive('String')],
			['string (url)', primitive('String')],
			['String (identifier)', primitive('String')],
			['dateTimeOffset (timestamp)', primitive('DateTimeOffset')],
			['String, maximum size 256', primitive('String')],
			['[x](other.md) resource', named('microsoft.graph.other')],
			['riskLevel enum', named('microsoft.graph.riskLevel')],
			['[x](/graph/api/resources/site?view=graph-rest-beta)', named('microsoft.graph.site')],
			[
				'String or [x](other.md)',
				{ kind: 'union', of: [primitive('String'), named('microsoft.graph.other')] },
			],
			['[identitySet]', named('microsoft.graph.identitySet')],
			['[educationClass] collection', collection(named('microsoft.graph.educationClass'))],
			[
				'[invitedUserMessageInfo](invitedusermessageinfo.md',
				named('microsoft.graph.invitedUserMessageInfo'),
			],
			['[DateTimeOffset](timestamp.md)', primitive('DateTimeOffset')],
			[
				'Moment in time when the resource was created.  DateTimeOffset',
				primitive('DateTimeOffset'),
			],
			[
				'[outcome](outcome.md) collection. Holds grades.',
				collection(named('microsoft.graph.outcome')),
			],
			['256 bytes maximum.', { kind: 'any' }],
			['', { kind: 'any' }],
		];
		for (const [text, expected] of cases) {
			assert.deepEqual(cell(text), expected, text);
		}
	});
});

describe('descriptions (FORMAT.md: Enum values in descriptions, nullability)', () => {
	test('finds values after every measured phrase and in every item style', () => {
		const cases: [string, string[]][] = [
			['State. Possible values are: `none`, `pending`, `done`.', ['none', 'pending', 'done']],
			[
				'The possible values are `Enabled`, `Warning`. See the table.',
				['Enabled', 'Warning'],
			],
			['Valid values are: `a`, `b`, or `c`.', ['a', 'b', 'c']],
			['Possible values: `x` and `y`.', ['x', 'y']],
			[
				'Must be one of `number` or `percentage`. If unspecified, `number`.',
				['number', 'percentage'],
			],
			[
				'Supported values are: `AzureADMyOrg`, `PersonalMicrosoftAccount`.',
				['AzureADMyOrg', 'PersonalMicrosoftAccount'],
			],
			[
				'Allowed values: `null`, `minor`, `notAdult` and `adult`.',
				['minor', 'notAdult', 'adult'],
			],
			['Possible values include `unknown` (default), `email`.', ['unknown', 'email']],
			['Possible values are: *low*, *high*.', ['low', 'high']],
			['Possible values are: **On**, **Paused**.', ['On', 'Paused']],
			['Possible values are: none, pending, or done.', ['none', 'pending', 'done']],
		];
		for (const [text, expected] of cases) {
			assert.deepEqual(findDescriptionEnum(text), expected, text);
		}
	});

	test('finds no values in prose that only mentions values', () => {
		for (const text of [
			'Valid values are described in the following table.',
			'Valid values 0 to 100',
			'Read-only.',
		]) {
			assert.equal(findDescriptionEnum(text), undefined, text);
		}
	});

	test('reads "Valid values N to M" as an integer range, not an enum', () => {
		assert.deepEqual(findRange('Count. Valid values 0 to 4294967295'), {
			min: 0n,
			max: 4294967295n,
		});
		assert.deepEqual(findRange('Valid values -1 to 9223372036854775807.'), {
			min: -1n,
			max: 9223372036854775807n,
		});
		assert.equal(findRange('Possible values are: `a`.'), undefined);
	});

	test('marks Not nullable and a standalone Required, but not Nullable or conditional wording', () => {
		const cases: [string, boolean][] = [
			['Key. Not nullable. Read-only.', true],
			['Key, not nullable, Read-only.', true],
			['Required. Read-only.', true],
			['The name. Required.', true],
			['Nullable.', false],
			['Optional. Required when **includeResources** is set.', false],
			['Justification text is not required.', false],
			['The minimum operating system required for an app.', false],
		];
		for (const [text, expected] of cases) {
			assert.equal(isMarkedNotNullable(text), expected, text);
		}
	});

	test('keeps descriptions as plain text and records page nullability', () => {
		const parsed = page(
			'# sample resource type',
			'## Properties',
			'| Property | Type | Description |',
			'|---|---|---|',
			'| a | String | See [the docs](https://example.com) and the [store].<br>Required. |',
		);
		const a = structured(parsed.types).properties[0];
		assert.equal(a.description, 'See the docs and the store.\nRequired.');
		assert.equal(a.nullable, false);
		assert.equal(a.nullableSource, 'page');
	});
});

describe('type identity (FORMAT.md: Type identity, Page kinds)', () => {
	test('uses the annotation name over the H1, with @type and a leading # accepted', () => {
		const parsed = page(
			'# Shown resource type',
			'<!-- { "blockType": "resource", "@type": "#microsoft.graph.termStore.term" } -->',
		);
		const type = structured(parsed.types);
		assert.equal(type.name, 'microsoft.graph.termStore.term');
		assert.equal(type.location?.line, 0);
	});

	test('uses the Namespace line and the H1 first word without an annotation', () => {
		const parsed = page(
			'# wifiSignal resource type (deprecated)',
			'',
			'Namespace: microsoft.graph.callRecords',
			'## Properties',
			'| Property | Type |',
			'|--|--|',
			'| band | wifiBand |',
		);
		const type = structured(parsed.types);
		assert.equal(type.name, 'microsoft.graph.callRecords.wifiSignal');
		assert.deepEqual(type.properties[0].type, named('microsoft.graph.callRecords.wifiBand'));
	});

	test('reads abstract (boolean or string), isAbstract, openType and keyProperty', () => {
		const flags = (json: string): StructuredTypeDefinition =>
			structured(
				page(
					'# x resource type',
					`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.x", ${json} } -->`,
				).types,
			);
		assert.equal(flags('"abstract": true').isAbstract, true);
		assert.equal(flags('"abstract": "true"').isAbstract, true);
		assert.equal(flags('"isAbstract": true').isAbstract, true);
		assert.equal(flags('"openType": true').isOpen, true);
		assert.equal(flags('"keyProperty": "id"').isEntity, true);
		assert.equal(flags('"baseType": "microsoft.graph.entity"').isEntity, true);
		assert.equal(flags('"openType": false').isOpen, false);
	});

	test('takes the first paragraph after the H1 as description; the docs placeholder gives none', () => {
		const described = page(
			'# x resource type',
			'',
			'Namespace: microsoft.graph',
			'',
			'[!INCLUDE [beta](x.md)]',
			'',
			'Real [text](y.md)',
			'continued.',
			'',
			'## Properties',
			'| Property | Type |',
			'|-|-|',
			'| a | String |',
		);
		assert.equal(structured(described.types).description, 'Real text continued.');
		const todo = page(
			'# x resource type',
			'',
			'**TODO: Add Description**',
			'',
			'## Properties',
			'| Property | Type |',
			'|-|-|',
			'| a | String |',
		);
		assert.equal(structured(todo.types).description, '');
	});

	test('reads a type-like page whose Properties section says None as a type without properties', () => {
		const parsed = page(
			'# rbacApplication resource type',
			'',
			'## Properties',
			'',
			'None',
			'',
			'## Relationships',
			'None',
		);
		const type = structured(parsed.types);
		assert.equal(type.name, 'microsoft.graph.rbacApplication');
		assert.deepEqual(type.properties, []);
	});

	test('skips navigation paths listed as rows without a problem', () => {
		const parsed = page(
			'# agreement resource type',
			'## Relationships',
			'| Relationship | Type |',
			'|-|-|',
			'| file | [agreementFile](agreementfile.md) |',
			'| file/localizations | [x](x.md) collection |',
		);
		assert.deepEqual(
			structured(parsed.types).properties.map((each) => each.name),
			['file'],
		);
		assert.deepEqual(parsed.problems, []);
	});

	test('takes the namespace of an enums-<area>.md page without a Namespace line from its name', () => {
		const parsed = parsePage(
			'/docs/beta/resources/enums-managedtenants.md',
			'# Multi-tenant enumeration values\n\n### managementCategory values\n\n|Member|\n|:---|\n|custom|',
		);
		assert.deepEqual(
			parsed.types.map((type) => type.name),
			['microsoft.graph.managedtenants.managementCategory'],
		);
	});

	test('gives no type and no problem for an overview page', () => {
		const parsed = page(
			'# Use the Microsoft Search API',
			'## Common use cases',
			'| Property | Type |',
			'|-|-|',
			'| a | String |',
		);
		assert.deepEqual(parsed.types, []);
		assert.deepEqual(parsed.problems, []);
	});

	test('reads the API version from a beta or v1.0 folder, and the source option', () => {
		assert.equal(
			structured(
				page('# x resource type', '| Property | Type |', '|-|-|', '| a | String |').types,
			).version,
			'beta',
		);
		const neutral = parsePage(
			'/docs/types/x.md',
			'# x resource type\n| Property | Type |\n|-|-|\n| a | String |',
			{ source: 'bundled' },
		);
		assert.equal(structured(neutral.types).version, undefined);
		assert.equal(structured(neutral.types).source, 'bundled');
	});
});

describe('inheritance (FORMAT.md: Inheritance)', () => {
	const base = (...lines: string[]): string | undefined =>
		structured(
			page(
				'# thing resource type',
				'',
				...lines,
				'',
				'## Properties',
				'| Property | Type |',
				'|-|-|',
				'| a | String |',
			).types,
		).baseType;

	test('prefers the annotation baseType, qualified with the page namespace; null means none', () => {
		assert.equal(
			base(
				'Inherits from [other](other.md).',
				'<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.thing", "baseType": "entity" } -->',
			),
			'microsoft.graph.entity',
		);
		assert.equal(
			base(
				'Inherits from [other](other.md).',
				'<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.thing", "baseType": null } -->',
			),
			undefined,
		);
	});

	test('reads the first inheritance sentence in its measured spellings', () => {
		assert.equal(
			base('Inherits from [mobileApp](../resources/intune-shared-mobileapp.md)'),
			'microsoft.graph.mobileApp',
		);
		assert.equal(base('Derived from [item](baseitem.md).'), 'microsoft.graph.baseitem');
		assert.equal(
			base('The **thing** resource derives from [**baseItem**](baseitem.md).'),
			'microsoft.graph.baseItem',
		);
		assert.equal(
			base(
				'A type derived from apiAuthenticationConfigurationBase that is used for certificates.',
			),
			'microsoft.graph.apiAuthenticationConfigurationBase',
		);
		assert.equal(
			base('It is derived from microsoft.graph.callRecords.userAgent.'),
			'microsoft.graph.callRecords.userAgent',
		);
		assert.equal(
			base(
				'Represents an agent. Inherits from',
				'[userAgent](callrecords-useragent.md) type.',
			),
			'microsoft.graph.userAgent',
		);
	});

	test('reads shortcut reference links and "base class" wording after the verb', () => {
		assert.equal(
			base('Derived from [educationSynchronizationDataProvider].'),
			'microsoft.graph.educationSynchronizationDataProvider',
		);
		assert.equal(
			base('Inherits from base class [identityUserFlow](identityuserflow.md).'),
			'microsoft.graph.identityUserFlow',
		);
	});

	test('ignores sentences naming a type before the verb, itself, or no type', () => {
		assert.equal(base('The [sub](sub.md) types inherit from this type.'), undefined);
		assert.equal(base('Resources that derive from **thing** include many.'), undefined);
		assert.equal(base('Per-platform policies inherit from here.'), undefined);
		assert.equal(base('Data derived from a machine learning process.'), undefined);
	});

	test('reads a type that names itself as its base; the model guards the cycle', () => {
		assert.equal(
			base(
				'<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.thing", "baseType": "microsoft.graph.thing" } -->',
			),
			'microsoft.graph.thing',
		);
	});
});

describe('enums (FORMAT.md: Page kinds 1 and 2, Enums)', () => {
	test('reads an enum page: H1 "<name> enum type" and a Members table', () => {
		const [actionState] = enums(fixture('kinds/enumPage.md').types);
		assert.equal(actionState.name, 'microsoft.graph.actionState');
		assert.equal(actionState.description, 'State of the action on the device.');
		assert.equal(actionState.isFlags, false);
		assert.deepEqual(
			actionState.members.map((member) => [
				member.name,
				member.value,
				member.description,
				member.location?.line,
			]),
			[
				['none', 0, 'Not a state.', 15],
				['pending', 1, 'Requested.', 16],
				['canceled', 2, 'Canceled.', 17],
			],
		);
	});

	test('reads all 7 multi-enum header layouts, in the namespace of the page', () => {
		const found = enums(fixture('kinds/multiEnumLayouts.md').types);
		const summary = Object.fromEntries(
			found.map((each) => [
				each.name.replace('microsoft.graph.sample.', ''),
				each.members.map((member) => `${member.name}=${member.value ?? ''}`),
			]),
		);
		assert.deepEqual(summary, {
			memberOnly: ['alpha=', 'beta='],
			memberValueDescription: ['first=0', 'second=1'],
			memberDescription: ['up='],
			memberIntValue: ['small=10'],
			memberMember: ['unknown=-1', 'standard=0'],
			valueDescription: ['automatic='],
			valueOnly: ['none=', 'NotifySender='],
			memberValue: ['low=1', 'high=2'],
		});
		assert.equal(
			found.find((each) => each.name.endsWith('memberMember'))?.description,
			'Possible values for user account types, per Windows definition.',
		);
	});

	test("an inline value table becomes the enum a Type cell points at, or a String property's values", () => {
		const parsed = page(
			'# quota resource type',
			'## Properties',
			'| Property | Type | Description |',
			'|---|---|---|',
			'| state | string | The state. Read-only. |',
			'| kind | [quotaKind](#quotakind-values) | The kind. |',
			'### State enumeration values',
			'| Value | Description |',
			'|---|---|',
			'| `normal` | Plenty left. |',
			'| `exceeded` | None left. |',
			'### quotaKind values',
			'| Member | Value |',
			'|---|---|',
			'| personal | 0 |',
		);
		const type = structured(parsed.types);
		assert.deepEqual(type.properties[0].descriptionEnum, ['normal', 'exceeded']);
		assert.deepEqual(type.properties[1].type, named('microsoft.graph.quotaKind'));
		assert.deepEqual(
			enums(parsed.types).map((each) => each.name),
			['microsoft.graph.quotaKind'],
		);
	});

	test('reads Intune multi-line rows, their ranges and their inherited rows', () => {
		const type = structured(fixture('kinds/intuneMultiline.md').types);
		assert.equal(type.baseType, 'microsoft.graph.deliveryOptimizationBandwidth');
		assert.deepEqual(
			type.properties.map((each) => each.name),
			[
				'maximumBackgroundBandwidthPercentage',
				'maximumForegroundBandwidthPercentage',
				'cacheServerHostNames',
			],
		);
		assert.deepEqual(type.properties[0].range, { min: 0n, max: 100n });
		assert.equal(type.properties[0].descriptionEnum, undefined);
		assert.deepEqual(type.properties[1].range, { min: 0n, max: 4294967295n });
		assert.equal(type.description, 'Bandwidth limits specified as a percentage.');
	});
});
