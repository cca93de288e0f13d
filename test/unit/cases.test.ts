/**
 * The validation cases of ../shared/cases: each input gives exactly the diagnostics the case
 * lists (DESIGN.md deciding codes and severities), at the positions it states.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { casesRoot, check, csdlRoot, graphDocs, summary } from '../helpers/engine';
import type { CheckOptions } from '../helpers/engine';

function input(name: string): string {
	return readFileSync(path.join(casesRoot, name), 'utf8');
}

const v1Metadata = path.join(csdlRoot, 'v1.0_metadata_2021-07-13.xml');

interface Case {
	file: string;
	options?: CheckOptions;
	expected: string[];
}

const cases: Case[] = [
	{ file: 'C01.json', expected: ['invalid-enum-value@(2,46)-(2,56)'] },
	{
		file: 'C02.json',
		expected: ['invalid-enum-value@(2,17)-(2,27)', 'type-mismatch@(3,24)-(3,27)'],
	},
	{
		file: 'C05.jsonc',
		options: { jsonc: true },
		expected: ['invalid-enum-value@(7,17)-(7,27)', 'type-mismatch@(8,25)-(8,28)'],
	},
	{
		file: 'C07.json',
		expected: ['unknown-property@(3,2)-(3,12)', 'unknown-property@(4,2)-(4,16)'],
	},
	{ file: 'C11.jsonc', options: { jsonc: true }, expected: [] },
	{ file: 'C15.json', expected: [] },
	{ file: 'C16.json', expected: [] },
	{ file: 'C17.json', options: { docs: [graphDocs], apiVersion: 'v1.0' }, expected: [] },
	{
		file: 'C20.json',
		expected: [
			'invalid-tag@(2,21)-(2,25)',
			'invalid-tag@(3,21)-(3,23)',
			'invalid-tag@(4,21)-(4,23)',
			'invalid-tag@(5,21)-(5,77)',
			'invalid-enum-value@(6,92)-(6,102)',
		],
	},
	{
		file: 'C21.json',
		expected: [
			'unknown-type@(2,21)-(2,75)',
			'unknown-type@(3,21)-(3,75)',
			'unknown-type@(4,21)-(4,74)',
		],
	},
	{ file: 'C22.json', expected: ['invalid-enum-value@(6001,233)-(6001,243)'] },
	{ file: 'C22-deep.json', expected: ['unknown-property@(3,2)-(3,9)'] },
	{ file: 'C23.json', expected: ['invalid-enum-value@(2,17)-(2,27)'] },
	{
		file: 'C25.json',
		expected: [
			'invalid-format@(5,94)-(5,115)',
			'invalid-format@(6,94)-(6,106)',
			'invalid-format@(7,94)-(7,112)',
			'invalid-format@(8,94)-(8,116)',
		],
	},
	{ file: 'C26.json', options: { docs: [graphDocs] }, expected: ['out-of-range@(5,13)-(5,32)'] },
	{
		file: 'C28.json',
		options: { docs: [graphDocs], metadata: [v1Metadata] },
		expected: ['invalid-format@(6,17)-(6,39)', 'invalid-format@(13,17)-(13,26)'],
	},
	{ file: 'C29.json', expected: ['unknown-annotation@(15,6)-(15,23)'] },
	{ file: 'C31.json', expected: [] },
];

describe('shared validation cases', () => {
	for (const { file, options, expected } of cases) {
		it(`${file} gives exactly ${expected.length === 0 ? 'no diagnostics' : expected.join(', ')}`, async () => {
			const diagnostics = await check(input(file), options);
			assert.deepEqual(summary(diagnostics), [...expected].sort());
		});
	}

	it('C01: the emoji line is measured in UTF-16 code units, and actionName is valid', async () => {
		const [diagnostic] = await check(input('C01.json'));
		assert.match(diagnostic.message, /finished/);
		assert.match(diagnostic.message, /actionState/);
	});

	it('C04: a missing comma gives one syntax error on line 2 or 3 and the object stays typed', async () => {
		const diagnostics = await check(input('C04.json'));
		assert.equal(diagnostics.length, 1);
		assert.equal(diagnostics[0].code, 'syntax-error');
		assert.match(diagnostics[0].range, /^\((2,23)|(3,2)\)/);
	});

	it('C05: strict JSON reports the comments and the same two value errors at the same places', async () => {
		const diagnostics = await check(input('C05.jsonc'));
		const values = summary(diagnostics.filter((item) => item.code !== 'syntax-error'));
		assert.deepEqual(values, [
			'invalid-enum-value@(7,17)-(7,27)',
			'type-mismatch@(8,25)-(8,28)',
		]);
		assert.ok(
			diagnostics.some(
				(item) => item.code === 'syntax-error' && item.range.startsWith('(0,'),
			),
		);
		assert.ok(
			diagnostics.some(
				(item) => item.code === 'syntax-error' && item.range.startsWith('(6,'),
			),
		);
	});

	it('C07: unknown keys name the key and suggest the closest property', async () => {
		const [deviceId, actionStatus] = await check(input('C07.json'));
		assert.match(deviceId.message, /"deviceId"/);
		assert.match(deviceId.message, /managedDeviceId/);
		assert.match(actionStatus.message, /actionState/);
		assert.equal(actionStatus.problem.fixes?.[0].newText, '"actionState"');
	});

	it('C09 and C14-empty: untagged documents get nothing from the server, syntax from the CLI', async () => {
		assert.deepEqual(await check(input('C09.json'), { onlyTagged: true }), []);
		assert.deepEqual(await check(input('C14-empty.json'), { onlyTagged: true }), []);
		const empty = await check(input('C14-empty.json'));
		assert.deepEqual(
			empty.map((item) => item.code),
			['syntax-error'],
		);
		assert.ok((await check(input('C09.json'))).every((item) => item.code === 'syntax-error'));
	});

	it('C10 and C12: broken JSON from typing gives only syntax errors, on the broken lines', async () => {
		for (const file of ['C10.json', 'C12.json']) {
			const diagnostics = await check(input(file));
			assert.ok(diagnostics.length > 0, file);
			for (const item of diagnostics) {
				assert.equal(item.code, 'syntax-error', `${file}: ${item.message}`);
				assert.match(item.range, /^\((2|3),/, `${file}: ${item.range}`);
			}
		}
	});

	it('C14: an unterminated document gives one syntax error at its end', async () => {
		const diagnostics = await check(input('C14.json'));
		assert.deepEqual(
			diagnostics.map((item) => item.code),
			['syntax-error'],
		);
		assert.match(diagnostics[0].range, /^\(3,2\)/);
	});

	it('C21: wrong-case tags suggest the exact name and check the object as that type', async () => {
		const [namespace, name, misspelled] = await check(input('C21.json'));
		for (const item of [namespace, name, misspelled]) {
			assert.equal(
				item.problem.fixes?.[0].newText,
				'"#microsoft.graph.iosVppAppRevokeLicensesActionResult"',
			);
		}
		assert.match(namespace.message, /checked as/);
	});

	it('C26: the out-of-range message shows the literal exactly', async () => {
		const [deleted] = await check(input('C26.json'), { docs: [graphDocs] });
		assert.match(deleted.message, /9223372036854775808/);
		assert.match(deleted.message, /9223372036854775807/);
	});

	it('C28: a date-time where a Date is expected offers the date part as the fix', async () => {
		const diagnostics = await check(input('C28.json'), {
			docs: [graphDocs],
			metadata: [v1Metadata],
		});
		assert.equal(diagnostics[0].problem.fixes?.[0].newText, '"2024-12-31"');
	});

	it('C29: the lower-case nextlink suggests @odata.nextLink', async () => {
		const [annotation] = await check(input('C29.json'));
		assert.match(annotation.message, /@odata\.nextLink/);
	});
});
