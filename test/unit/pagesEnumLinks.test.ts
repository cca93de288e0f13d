/**
 * Links into pages of many enums: an anchor picks its enum; without a matching anchor the link's
 * own name does, never simply the page's first enum; `x values (preview)` headings define `x`.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { StructuredTypeDefinition, TypeRef } from '../../server/src/model/types';
import { loadPages } from '../../server/src/sources/pages';
import { repoRoot } from '../helpers/engine';

const folder = path.join(repoRoot, 'test', 'fixtures', 'pages', 'multi-enum-links');

function named(ref: TypeRef): string | undefined {
	return ref.kind === 'named' ? ref.name : undefined;
}

test('a link to a multi-enum page resolves by anchor, else by the link name', async () => {
	const { types, problems } = await loadPages([folder]);
	assert.deepEqual(problems, []);
	const thing = types.find((type) => type.name === 'ns.a.thing2') as StructuredTypeDefinition;
	const byName = Object.fromEntries(
		thing.properties.map((item) => [item.name, named(item.type)]),
	);
	assert.deepEqual(byName, { h: 'ns.a.two', k: 'ns.a.two', f: 'ns.a.fam' });
	assert.ok(types.some((type) => type.kind === 'enum' && type.name === 'ns.a.fam'));
});
