/**
 * Every value rule of DESIGN.md and every diagnostic code, on a page written for the tests
 * (test/fixtures/validation) that declares one property of each primitive type.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { doValidation } from '../../server/src/service';
import { check, repoRoot, summary, validatorFor } from '../helpers/engine';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'validation');
const docs = [path.join(fixtures, 'pages')];
const metadata = [path.join(fixtures, 'sample_metadata.xml')];

/** The codes reported for one member of a sampleRecord object. */
async function codesFor(member: string, value: string): Promise<string[]> {
	const text = `{"@odata.type": "#microsoft.graph.sampleRecord", "${member}": ${value}}`;
	return (await check(text, { docs, metadata })).map((item) => item.code);
}

const rules: [member: string, value: string, expected: string | undefined][] = [
	['text', '"x"', undefined],
	['text', '1', 'type-mismatch'],
	['flag', 'true', undefined],
	['flag', '"true"', 'type-mismatch'],
	['tiny', '255', undefined],
	['tiny', '256', 'out-of-range'],
	['tiny', '-1', 'out-of-range'],
	['signedTiny', '-128', undefined],
	['signedTiny', '128', 'out-of-range'],
	['small', '-32768', undefined],
	['small', '32768', 'out-of-range'],
	['count', '2147483647', undefined],
	['count', '2147483648', 'out-of-range'],
	['count', '1.5', 'type-mismatch'],
	['count', '1.0', undefined],
	['count', '1e3', undefined],
	['count', '1.0000000000000001', 'type-mismatch'],
	['count', '"3"', 'type-mismatch'],
	['big', '9223372036854775807', undefined],
	['big', '-9223372036854775808', undefined],
	['big', '9223372036854775808', 'out-of-range'],
	['big', '"9007199254740993"', undefined],
	['big', '"12a"', 'type-mismatch'],
	['big', '"9223372036854775808"', 'out-of-range'],
	['ratio', '1.5', undefined],
	['ratio', '"NaN"', undefined],
	['measure', '"INF"', undefined],
	['measure', '"-INF"', undefined],
	['measure', '"1.5"', 'type-mismatch'],
	['measure', 'false', 'type-mismatch'],
	['amount', '"12.50"', undefined],
	['amount', '12.5', undefined],
	['amount', '"twelve"', 'type-mismatch'],
	['when', '"2024-02-29T23:59:59.999999999999+14:00"', undefined],
	['when', '"2023-02-29T10:00:00Z"', 'invalid-format'],
	['when', '"2024-02-14T07:37:32"', 'invalid-format'],
	['when', '1700000000', 'type-mismatch'],
	['day', '"2024-12-31"', undefined],
	['day', '"2024-12-31T00:00:00Z"', 'invalid-format'],
	['time', '"08:00:00.0000000"', undefined],
	['time', '"8:00"', 'invalid-format'],
	['span', '"P1DT2H"', undefined],
	['span', '"PT0.5S"', undefined],
	['span', '"P1Y"', 'invalid-format'],
	['span', '"P2W"', 'invalid-format'],
	['id', '"0c5c4d2e-7a1e-4f7b-9a51-2d0b7f0e1a11"', undefined],
	['id', '"0c5c4d2e7a1e4f7b9a512d0b7f0e1a11"', 'invalid-format'],
	['content', '"aGVsbG8="', undefined],
	['content', '"aGVsbG8_-w"', undefined],
	['content', '"not base64!"', 'invalid-format'],
	['stream', '{"any": [1, 2]}', undefined],
	['payload', '[{"x": null}]', undefined],
	['link', '"https://example.invalid/x"', undefined],
	['colour', '"green"', undefined],
	['colour', '"Green"', 'invalid-enum-value'],
	['colour', '2', 'type-mismatch'],
	['colours', '["red", "blue"]', undefined],
	['colours', '["red", "purple"]', 'invalid-enum-value'],
	['colours', '"red"', 'type-mismatch'],
	['tags', '["a", 1]', 'type-mismatch'],
	['numbers', '[1, 2.5]', 'type-mismatch'],
	['inner', '{"label": "x", "weight": 2}', undefined],
	['inner', '{"label": 1}', 'type-mismatch'],
	['inner', '{"colour": "red"}', 'unknown-property'],
	['inner', '"x"', 'type-mismatch'],
	['inners', '[{"label": "a"}, {"weight": "b"}]', 'type-mismatch'],
	['inner', '{"@odata.type": "#microsoft.graph.sampleInnerDerived", "extra": true}', undefined],
	['inner', '{"@odata.type": "#microsoft.graph.sampleOpen"}', 'incompatible-type'],
	[
		'inners',
		'[{"@odata.type": "microsoft.graph.sampleInnerDerived", "extra": 1}]',
		'type-mismatch',
	],
	['inner', 'null', undefined],
	['inners', 'null', undefined],
	['inner', '{"@odata.type": "#microsoft.graph.sampleOpen", "known": "x"}', 'incompatible-type'],
	['shade', '"light"', undefined],
	['shade', '"red"', undefined],
	['shade', '"purple"', 'invalid-enum-value'],
	['@odata.count', '-1', 'type-mismatch'],
	['port', '65535', undefined],
	['port', '65536', 'out-of-range'],
	['required', 'null', 'not-nullable'],
	['text', 'null', undefined],
	['mood', '"unknownFutureValue"', undefined],
	['mood', '"angry"', 'invalid-enum-value'],
	['baseName', '"inherited"', undefined],
	['baseName', '5', 'type-mismatch'],
	['nope', '1', 'unknown-property'],
	['@odata.etag', '"W/1"', undefined],
	['@odata.count', '1.5', 'type-mismatch'],
	['@odata.Etag', '"x"', 'unknown-annotation'],
	['@contoso.custom', '{"any": 1}', undefined],
	['text@odata.type', '"#String"', undefined],
];

describe('value rules', () => {
	for (const [member, value, expected] of rules) {
		it(`${member}: ${value} ${expected ? `gives ${expected}` : 'is valid'}`, async () => {
			assert.deepEqual(await codesFor(member, value), expected ? [expected] : []);
		});
	}
});

describe('diagnostics by code', () => {
	it('a page "Not nullable" makes null a warning; CSDL Nullable="false" makes it an error', async () => {
		const page = await check(
			'{"@odata.type": "#microsoft.graph.sampleRecord", "required": null}',
			{ docs, metadata },
		);
		assert.equal(page[0].severity, 'warning');
		const csdl = await check(
			'{"@odata.type": "#microsoft.graph.samplePermission", "owner": null}',
			{ docs, metadata },
		);
		assert.deepEqual(
			csdl.map((item) => [item.code, item.severity]),
			[['not-nullable', 'error']],
		);
	});

	it('flags enums take members joined by commas without spaces', async () => {
		const codes = async (value: string) =>
			(
				await check(
					`{"@odata.type": "#microsoft.graph.samplePermission", "access": ${value}}`,
					{ docs, metadata },
				)
			).map((item) => item.code);
		assert.deepEqual(await codes('"read,write"'), []);
		assert.deepEqual(await codes('"read"'), []);
		assert.deepEqual(await codes('"read, write"'), ['invalid-enum-value']);
		assert.deepEqual(await codes('"read,exec"'), ['invalid-enum-value']);
	});

	it('an open type accepts any extra property and still checks its declared ones', async () => {
		const diagnostics = await check(
			'{"@odata.type": "#microsoft.graph.sampleOpen", "anything": [1], "known": "x"}',
			{ docs },
		);
		assert.deepEqual(summary(diagnostics), ['type-mismatch@(0,73)-(0,76)']);
	});

	it('a second @odata.type and a repeated key are duplicate-property warnings on the later keys', async () => {
		const text =
			'{"@odata.type": "#microsoft.graph.sampleInner", "label": "a", "label": "b", "@odata.type": "x"}';
		const diagnostics = await check(text, { docs });
		assert.deepEqual(summary(diagnostics), [
			'duplicate-property@(0,62)-(0,69)',
			'duplicate-property@(0,76)-(0,89)',
		]);
	});

	it('duplicate-property and syntax-error are left to VS Code when syntaxErrors is off', async () => {
		const text = '{"@odata.type": "#microsoft.graph.sampleInner", "label": "a", "label": "b",}';
		assert.deepEqual(await check(text, { docs, syntaxErrors: false }), []);
	});

	it('unknown-type suggests the closest type name as a fix', async () => {
		const [diagnostic] = await check('{"@odata.type": "#microsoft.graph.sampleRecrd"}', {
			docs,
		});
		assert.equal(diagnostic.code, 'unknown-type');
		assert.equal(diagnostic.problem.fixes?.[0].newText, '"#microsoft.graph.sampleRecord"');
	});

	it('invalid-tag covers empty, unqualified and enum-naming tags', async () => {
		for (const tag of [
			'""',
			'"#"',
			'"sampleRecord"',
			'"#microsoft.graph.sampleColour"',
			'"Collection(microsoft.graph.x)"',
		]) {
			const codes = (await check(`{"@odata.type": ${tag}, "x": 1}`, { docs })).map(
				(item) => item.code,
			);
			assert.deepEqual(codes, ['invalid-tag'], tag);
		}
	});

	it('annotation values are checked in the wrapper of a tagged document', async () => {
		const text =
			'{"@odata.count": "2", "@odata.nextLink": 5, "value": [{"@odata.type": "#microsoft.graph.sampleInner"}]}';
		assert.deepEqual(
			(await check(text, { docs })).map((item) => item.code),
			['type-mismatch', 'type-mismatch'],
		);
	});

	it('the v1.0 @odata.context selects the version: v1.0 iosVppApp has no revokeLicenseActionResults', async () => {
		const docsFolder = path.resolve(repoRoot, '..', 'shared', 'graph-docs');
		const body =
			'"@odata.type": "#microsoft.graph.iosVppApp", "revokeLicenseActionResults": []';
		const beta = await check(
			`{"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", ${body}}`,
			{ docs: [docsFolder] },
		);
		const v1 = await check(
			`{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x", ${body}}`,
			{ docs: [docsFolder] },
		);
		assert.deepEqual(beta, []);
		assert.deepEqual(
			v1.map((item) => item.code),
			['unknown-property'],
		);
		assert.match(
			v1[0].message,
			/beta definition of the type has it; this document is checked as v1\.0/,
		);
	});

	it('a document over the size limit gets one not-checked note and no parse', async () => {
		const validator = await validatorFor();
		const problems = doValidation(validator, '{"@odata.type": 1}'.padEnd(2000, ' '), {
			allowComments: false,
			apiVersion: 'beta',
			maxFileSize: 1000,
			onlyTagged: true,
			syntaxErrors: true,
		});
		assert.deepEqual(
			problems.map((item) => [item.code, item.offset, item.length]),
			[['not-checked', 0, 1]],
		);
	});

	it('keys such as __proto__ and constructor are ordinary unknown properties', async () => {
		const text =
			'{"@odata.type": "#microsoft.graph.sampleInner", "__proto__": {"label": 1}, "constructor": 1}';
		const codes = (await check(text, { docs })).map((item) => item.code);
		assert.deepEqual(codes, ['unknown-property', 'unknown-property']);
		assert.equal(({} as Record<string, unknown>).label, undefined);
	});
});
