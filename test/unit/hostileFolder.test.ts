/**
 * A folder of 100,000 files, 10,000 of them pages: loaded with bounded concurrency (no file descriptor exhaustion),
 * in a bounded time, and the load stops soon after it is cancelled.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadTypes } from '../../server/src/sources/typeSources';
import { withinMsAsync } from './reliabilitySupport';

function page(name: string): string {
	return `# ${name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n| Property | Type | Description |\n|:---|:---|:---|\n|a|String|A.|\n`;
}

describe('hostile sources: a folder of 100,000 files', () => {
	let many: string;
	const count = 100_000;

	before(() => {
		many = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-fixtures-many-'));
		// One file in ten is markdown, so that 10,000 are read; a page in each thousand
		// defines a type and the rest hold no type.
		for (let i = 0; i < count; i++) {
			const name = i % 10 === 0 ? `p${i}.md` : `p${i}.json`;
			fs.writeFileSync(path.join(many, name), i % 1000 === 0 ? page(`many${i}`) : 'x');
		}
	});

	after(() => {
		fs.rmSync(many, { recursive: true, force: true });
	});

	it('loads all of them with bounded concurrency', async () => {
		const result = await withinMsAsync(20000, 'many files', () =>
			loadTypes({ docs: [many], metadata: [] }),
		);
		assert.equal(result.pageFiles, count / 10);
		assert.equal(result.pageCount, count / 1000);
		assert.deepEqual(result.failedSources, []);
	});

	it('stops soon after being cancelled, with an AbortError', async () => {
		const controller = new AbortController();
		const loading = loadTypes({ docs: [many], metadata: [], signal: controller.signal });
		setTimeout(() => controller.abort(), 50);
		await withinMsAsync(3000, 'cancelled load', () =>
			assert.rejects(loading, (error: Error) => error.name === 'AbortError'),
		);
	});
});
