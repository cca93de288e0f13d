/**
 * Breaker 5 on the kept lookups (TypeModel.find, nameOfTag, validators by type): a check
 * must report the same whatever was looked up before it in the same model, past the bound of
 * the kept lookups, with tags in the wrong case and with both versions' types in turn.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Validator, doValidation } from '../../server/src/service';
import { loadTypes } from '../../server/src/sources/typeSources';
import { cliSettings, repoRoot } from '../helpers/engine';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'breaker5');
const metadata = ['plain_beta.xml', 'plain_v1.0.xml'].map((name) => path.join(fixtures, name));
const settings = cliSettings;

function contextOf(version: string): string {
	return `"@odata.context":"https://graph.microsoft.com/${version}/$metadata#breakerFlat"`;
}

function item(tag: string, members = '"state":"finished","onlyInV1":"x","count":1.5'): string {
	return `{"@odata.type":${JSON.stringify(tag)},${members}}`;
}

function collection(version: string, items: string[]): string {
	return `{${contextOf(version)},"value":[${items.join(',')}]}`;
}

const flat = '#microsoft.graph.breakerFlat';
const texts = [
	collection('beta', [item(flat), item(flat), item('#microsoft.graph.BreakerFlat')]),
	collection('v1.0', [item(flat), item('#microsoft.graph.breakerflat'), item(flat)]),
	collection(
		'beta',
		Array.from({ length: 10_050 }, (_, index) =>
			item(`#microsoft.graph.nope${index}`, '"a":1'),
		),
	),
	collection('v1.0', [
		item('microsoft.graph.breakerFlat'),
		item(flat),
		item('#Microsoft.Graph.breakerFlat'),
	]),
	collection('beta', [item(flat), item('microsoft.graph.breakerFlat'), item(flat)]),
];

async function freshProblems(text: string): Promise<string[]> {
	const loaded = await loadTypes({ docs: [], metadata });
	return summarize(doValidation(new Validator(loaded.model), text, settings));
}

function summarize(problems: { code: string; offset: number; message: string }[]): string[] {
	return problems.map((problem) => `${problem.code}@${problem.offset} ${problem.message}`);
}

describe('kept type lookups (breaker 5)', () => {
	it('give each check what a fresh model gives it, in any order of checks', async () => {
		const expected = await Promise.all(texts.map((text) => freshProblems(text)));
		const loaded = await loadTypes({ docs: [], metadata });
		const validator = new Validator(loaded.model);
		const order = [0, 1, 2, 3, 4, 4, 3, 1, 0, 2, 1, 0];
		for (const index of order) {
			const problems = summarize(doValidation(validator, texts[index], settings));
			assert.deepEqual(problems, expected[index], `check ${index}`);
		}
		// The two versions' types differ: the v1.0 enum member is not beta's, and back.
		assert.ok(expected[0].some((problem) => problem.includes('invalid-enum-value')));
		assert.ok(!expected[1].some((problem) => problem.includes('invalid-enum-value')));
		assert.ok(
			expected[2].filter((problem) => problem.startsWith('unknown-type')).length > 10_000,
		);
	});
});
