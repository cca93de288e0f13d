/**
 * TypeModel.find keeps its answers: a collection looks the same tag up once per problem. A kept
 * answer must be the one a lookup would give, for every name, version and kind of lookup, and
 * the enums that descriptions define (added after lookups were made for them) must be found.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TypeModel } from '../../server/src/model/typeModel';
import type { ApiVersion } from '../../server/src/model/types';
import { graphDocs, loadSources } from '../helpers/engine';

describe('type lookups', () => {
	let model: TypeModel;

	before(async () => {
		model = (await loadSources([graphDocs])).model;
	});

	it('answer from the kept lookups as a model that never looked up answers', () => {
		const names = model.allNames();
		const probes = [
			...names,
			...names.map((name) => name.toLowerCase()),
			...names.map((name) => name.replace(/^microsoft\.graph\./, 'Microsoft.Graph.')),
			'microsoft.graph.noSuchType',
			'',
		];
		const fresh = () => new TypeModel(model.all());
		const versions: ApiVersion[] = ['beta', 'v1.0'];
		for (const isTag of [false, true]) {
			for (const version of versions) {
				const reference = fresh();
				for (const name of probes) {
					const expected = reference.find(name, version, { isTag });
					assert.deepEqual(model.find(name, version, { isTag }), expected, name);
					// Asked again, from what was kept.
					assert.deepEqual(model.find(name, version, { isTag }), expected, name);
				}
			}
		}
	});

	it('finds the enums that property descriptions define', async () => {
		// The model looks each such name up, finds nothing, then adds the enum.
		const isDescribed = (definition: { kind: string; description?: string }) =>
			definition.kind === 'enum' &&
			definition.description?.startsWith('Known from the description of') === true;
		// The bundled page names its enums only in descriptions.
		const bundled = (await loadSources()).model;
		const described = bundled.all().filter(isDescribed);
		assert.ok(described.length > 0);
		const rebuilt = new TypeModel(
			bundled.all().filter((definition) => !isDescribed(definition)),
		);
		for (const definition of described) {
			const found = rebuilt.find(definition.name, definition.version ?? 'beta');
			assert.equal(found?.type.kind, 'enum', definition.name);
		}
	});
});
