import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiVersion } from '../../server/src/model/types';
import { createSkeleton } from '../../server/src/service/skeleton';
import { check } from '../helpers/engine';
import { loadSources, pages } from '../helpers/features';

async function skeleton(
	type: string,
	docs: string[] = [],
	version: ApiVersion = 'beta',
): Promise<string | undefined> {
	const { model } = await loadSources(docs);
	return createSkeleton(model, type, version);
}

describe('fixture skeletons', () => {
	it('writes the tag and every property of the bundled type with a valid value', async () => {
		const text = await skeleton('microsoft.graph.iosVppAppRevokeLicensesActionResult');
		assert.ok(text);
		const value = JSON.parse(text) as Record<string, unknown>;
		assert.equal(value['@odata.type'], '#microsoft.graph.iosVppAppRevokeLicensesActionResult');
		assert.equal(Object.keys(value).length, 10);
		assert.equal(value.actionState, 'none');
		assert.equal(value.startDateTime, '2024-01-01T00:00:00Z');
		assert.equal(value.totalLicensesCount, 0);
		assert.match(text, /^\{\n\t"@odata\.type"/);
		assert.deepEqual(await check(text, { onlyTagged: true }), []);
	});

	it('accepts the name with a leading # and writes nested complex values', async () => {
		const text = await skeleton('#microsoft.graph.workingHours', pages.all, 'v1.0');
		assert.ok(text);
		const value = JSON.parse(text) as {
			timeZone: Record<string, unknown>;
			daysOfWeek: unknown;
		};
		assert.deepEqual(value.daysOfWeek, []);
		assert.equal(typeof value.timeZone, 'object');
		assert.deepEqual(
			await check(text, { docs: pages.all, apiVersion: 'v1.0', onlyTagged: true }),
			[],
		);
	});

	it('passes validation for every type of a page folder', async () => {
		const { model } = await loadSources(pages.iosVppApp);
		for (const name of model.allNames()) {
			const text = createSkeleton(model, name, 'beta');
			if (text !== undefined) {
				const problems = await check(text, { docs: pages.iosVppApp, onlyTagged: true });
				assert.deepEqual(
					problems.map((item) => item.message),
					[],
					name,
				);
			}
		}
	});

	it('gives nothing for an enum or an unknown name', async () => {
		assert.equal(await skeleton('microsoft.graph.actionState'), undefined);
		assert.equal(await skeleton('microsoft.graph.nothing'), undefined);
	});
});
