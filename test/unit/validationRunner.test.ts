import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Problem, ValidationSettings } from '../../server/src/service';
import { ValidationCancelledError, parseDocument } from '../../server/src/service';
import { validateDocument } from '../../server/src/validationRunner';
import { validatorFor } from '../helpers/engine';

const settings: ValidationSettings = { apiVersion: 'v1.0', syntaxErrors: true, onlyTagged: true };

/** A collection response of `count` items, every 97th with a fault of some kind. */
function collection(
	count: number,
	root = '"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "@odata.count": "n"',
): string {
	const items: string[] = [];
	for (let i = 0; i < count; i++) {
		const fault =
			i % 97 === 0
				? [
						'"actionState": "finished"',
						'"userid": "x"',
						'"@odata.etg": 1',
						'"totalLicensesCount": 9999999999',
					][(i / 97) % 4]
				: '"actionState": "done"';
		items.push(
			`{ "@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "userId": "user-${i}", "actionName": "revoke number ${i} of the set", ${fault} }`,
		);
	}
	return `{ ${root}, "value": [\n${items.join(',\n')}\n] }`;
}

function summary(problems: Problem[]): string[] {
	return problems.map(
		(problem) => `${problem.code}@${problem.offset}+${problem.length}: ${problem.message}`,
	);
}

describe('validation in slices', () => {
	it('reports exactly what one pass over the whole document reports', async () => {
		const validator = await validatorFor();
		const json = parseDocument(collection(4000), false);
		const whole = validator.doValidation(json, settings);
		const batched = await validateDocument(validator, json, settings, {
			isCancelled: () => false,
		});
		assert.ok(whole.length > 40);
		assert.deepEqual(summary(batched), summary(whole));
	});

	it('keeps syntax errors, root annotations and the version of @odata.context', async () => {
		const validator = await validatorFor();
		const text = `${collection(4000).slice(0, -2)}, "extra" 1 }`;
		const json = parseDocument(text, false);
		const batched = await validateDocument(validator, json, settings, {
			isCancelled: () => false,
		});
		assert.deepEqual(summary(batched), summary(validator.doValidation(json, settings)));
		assert.ok(batched.some((problem) => problem.code === 'syntax-error'));
		assert.ok(
			batched.some(
				(problem) =>
					problem.code === 'type-mismatch' && /@odata\.count/.test(problem.message),
			),
		);
	});

	it('reports nothing for a large document without any tag', async () => {
		const validator = await validatorFor();
		const text = collection(4000).replaceAll('"@odata.type"', '"kind"');
		const batched = await validateDocument(
			validator,
			parseDocument(`${text} x`, false),
			settings,
			{ isCancelled: () => false },
		);
		assert.deepEqual(batched, []);
	});

	it('stops with ValidationCancelledError when cancelled between slices', async () => {
		const validator = await validatorFor();
		const json = parseDocument(collection(4000), false);
		let polls = 0;
		const run = validateDocument(validator, json, settings, { isCancelled: () => ++polls > 3 });
		await assert.rejects(run, ValidationCancelledError);
	});

	it('gives the event loop turns while a large tagged root is checked', async () => {
		const validator = await validatorFor();
		const tagged = collection(
			4000,
			'"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult"',
		);
		const json = parseDocument(tagged, false);
		let turns = 0;
		const ticker = setInterval(() => turns++, 0);
		const sliced = await validator.doValidationAsync(json, settings, 1);
		clearInterval(ticker);
		assert.ok(turns > 0, 'timers ran while the document was checked');
		assert.deepEqual(summary(sliced), summary(validator.doValidation(json, settings)));
	});
});
