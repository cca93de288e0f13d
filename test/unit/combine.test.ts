/**
 * How definitions from several sources become one type set: a page merged into CSDL of its own
 * version is replaced by the merge, whatever the case of its name; a missing base type makes
 * the derived type accept any extra property.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TypeModel } from '../../server/src/model/typeModel';
import type { StructuredTypeDefinition } from '../../server/src/model/types';
import { combineSources } from '../../server/src/sources/combine';

function structured(
	name: string,
	source: StructuredTypeDefinition['source'],
	properties: string[],
	extra: Partial<StructuredTypeDefinition> = {},
): StructuredTypeDefinition {
	return {
		kind: 'structured',
		name,
		isAbstract: false,
		isOpen: false,
		isEntity: false,
		description: `${name} from ${source}`,
		properties: properties.map((property) => ({
			name: property,
			type: { kind: 'primitive', name: 'String' },
			description: `${property} from ${source}`,
			isRelationship: false,
		})),
		source,
		...extra,
	};
}

describe('combining sources', () => {
	it('merges a version-neutral page into version-neutral CSDL even when the case differs', () => {
		const { definitions } = combineSources({
			bundled: [],
			pages: [structured('Contoso.Sales.customer', 'page', ['Name'])],
			csdl: [structured('Contoso.Sales.Customer', 'csdl', ['Name', 'Discount'])],
		});
		assert.deepEqual(
			definitions.map((item) => item.name),
			['Contoso.Sales.Customer'],
		);
	});

	it('keeps a version-neutral page next to versioned CSDL, for the other version', () => {
		const { definitions } = combineSources({
			bundled: [],
			pages: [structured('microsoft.graph.thing', 'page', ['a'])],
			csdl: [structured('microsoft.graph.thing', 'csdl', ['a'], { version: 'beta' })],
		});
		assert.equal(definitions.length, 2);
	});

	it('treats a type whose base type is not loaded as open', () => {
		const model = new TypeModel([
			structured('other.ns.gizmo', 'page', ['alpha'], { baseType: 'other.ns.thing' }),
		]);
		const gizmo = model.find('other.ns.gizmo', 'beta')?.type as StructuredTypeDefinition;
		assert.equal(model.isOpen(gizmo, 'beta'), true);
	});
});
