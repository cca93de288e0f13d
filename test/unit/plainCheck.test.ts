/**
 * The plain check may say yes only where ajv finds nothing: it answers for the clean items of a
 * collection in ajv's place. Every structured type of the shared reference pages and of the
 * v1.0 CSDL is tried with generated members of every kind, and each yes is held against ajv.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import type { StructuredTypeDefinition } from '../../server/src/model/types';
import type { Validator } from '../../server/src/service';
import type { MemberRule } from '../../server/src/service/plainCheck';
import {
	Form,
	KeyOrder,
	compilePlainCheck,
	isRuleMet,
	plainRulesOf,
} from '../../server/src/service/plainCheck';
import { csdlRoot, graphDocs, validatorFor } from '../helpers/engine';

interface Subject {
	name: string;
	validate: ValidateFunction;
	members: string[];
}

/** Values of every kind that a member of a fixture may hold, good and bad for most types. */
const values: unknown[] = [
	null,
	true,
	false,
	0,
	-0,
	1,
	-1,
	255,
	256,
	-129,
	32767,
	32768,
	2147483647,
	2147483648,
	-2147483649,
	9007199254740991,
	9007199254740993,
	1.5,
	-2.25e-7,
	1e300,
	'',
	'text',
	'none',
	'done',
	'pending',
	'12',
	'-12',
	'2021-05-13T23:27:22Z',
	'2021-02-29T00:00:00Z',
	'2021-05-13T23:27:22.1234567+02:00',
	'2021-05-13 23:27:22',
	'2021-05-13',
	'23:27:22',
	'P1D',
	'00000000-0000-0000-0000-000000000000',
	'AAEC',
	[],
	['text'],
	{},
	{ '@odata.type': '#microsoft.graph.entity' },
];

const extraKeys = ['@odata.etag', 'x@odata.type', 'unknownMember', '__proto__', 'constructor'];

async function subjectsOf(validator: Validator): Promise<Subject[]> {
	const subjects: Subject[] = [];
	for (const definition of validator.model.all()) {
		if (definition.kind !== 'structured') {
			continue;
		}
		const type = definition as StructuredTypeDefinition;
		const version = type.version ?? 'beta';
		const validate = validator.store.validatorFor({ kind: 'structured', type }, version);
		if (validate === undefined) {
			continue;
		}
		const properties = (validate.schema as { properties?: object }).properties ?? {};
		subjects.push({ name: type.name, validate, members: Object.keys(properties) });
	}
	return subjects;
}

describe('the plain check', () => {
	let subjects: Subject[] = [];

	before(async () => {
		const pages = await validatorFor([graphDocs]);
		const csdl = await validatorFor([], [path.join(csdlRoot, 'v1.0_metadata_2021-07-13.xml')]);
		subjects = [...(await subjectsOf(pages)), ...(await subjectsOf(csdl))];
	});

	it('says yes only where ajv finds nothing, for every structured type and member kind', () => {
		let yes = 0;
		const object = fc.tuple(
			fc.nat(),
			fc.array(fc.tuple(fc.nat(), fc.nat(values.length - 1)), { maxLength: 6 }),
			fc.array(fc.nat(extraKeys.length - 1), { maxLength: 2 }),
		);
		fc.assert(
			fc.property(object, ([which, picks, extras]) => {
				const subject = subjects[which % subjects.length];
				const check = compilePlainCheck(subject.validate.schema);
				const value: Record<string, unknown> = JSON.parse('{}');
				for (const [member, pick] of picks) {
					if (subject.members.length > 0) {
						value[subject.members[member % subject.members.length]] = values[pick];
					}
				}
				for (const extra of extras) {
					Object.defineProperty(value, extraKeys[extra], {
						value: 'x',
						enumerable: true,
						writable: true,
						configurable: true,
					});
				}
				if (check?.(value)) {
					yes++;
					const isValid = subject.validate(value);
					assert.ok(isValid, `${subject.name} ${JSON.stringify(value)}`);
				}
			}),
			{ numRuns: 20000 },
		);
		// The check must answer often enough to matter, not only say "ask ajv".
		assert.ok(yes > 2000, `only ${yes} answers`);
	});

	it('reads each form of rule by its short test exactly as by the full one', () => {
		const probes = [
			...values,
			'2021-04-30T10:00:00Z',
			'2021-04-31T10:00:00Z',
			'2021-12-31T23:59:59.5-01:30',
			'2024-02-29T00:00:00Z',
			'2023-02-29T00:00:00Z',
			'2021-01-29T00:00:00Z',
			'canceled',
			'notSupported',
			Number.NaN,
			Infinity,
			-Infinity,
		];
		// Member schemas the generated ones may lack, each read as a rule of its own.
		const synthetic = [
			{ type: 'integer' },
			{ type: ['integer', 'null'], minimum: 0, maximum: 10 },
			{ type: 'number', maximum: 2 },
			{ type: ['number', 'integer'] },
			{ type: 'boolean' },
			{ type: ['boolean', 'null'] },
			{ type: 'string' },
			{ type: ['string', 'null'], format: 'edm-date-time-offset' },
			{ type: 'string', 'x-odata-integer': { type: 'Int64', min: '-9', max: '9' } },
			{ enum: ['a', null], type: ['string', 'null'] },
			{ enum: ['a', 1] },
			{ enum: ['a', 'b'], type: 'integer' },
			{ enum: [1, 2], type: 'integer', maximum: 1 },
		];
		const syntheticSchema = {
			type: 'object',
			properties: Object.fromEntries(synthetic.map((schema, index) => [`m${index}`, schema])),
			patternProperties: { '@': {} },
			additionalProperties: false,
		};
		const schemas = [...subjects.map((subject) => subject.validate.schema), syntheticSchema];
		const forms = new Set<Form>();
		for (const [index, schema] of schemas.entries()) {
			const name = subjects[index]?.name ?? 'synthetic';
			for (const rule of plainRulesOf(schema)?.values() ?? []) {
				if (rule === undefined) {
					continue;
				}
				forms.add(rule.form);
				const full: MemberRule = { ...rule, form: Form.Other };
				for (const probe of probes) {
					const label: string = `${name} ${String(rule.form)} ${JSON.stringify(probe)}`;
					assert.equal(isRuleMet(rule, probe), isRuleMet(full, probe), label);
				}
			}
		}
		for (const form of [Form.Enum, Form.Text, Form.DateTime, Form.Number, Form.Boolean]) {
			assert.ok(forms.has(form), `no rule of form ${form}`);
		}
	});

	it('reads keys in the order objects list them as a fresh lookup does', () => {
		const rules = plainRulesOf(
			subjects.find((subject) => subject.members.length > 3)!.validate.schema,
		);
		assert.ok(rules !== undefined);
		const names = [...rules.keys(), '@odata.type', 'x@odata.type', 'unknownMember', 'toString'];
		const order = new KeyOrder(rules);
		fc.assert(
			fc.property(fc.array(fc.nat(names.length - 1), { maxLength: 8 }), (picks) => {
				picks.forEach((pick, index) => {
					const key = names[pick];
					const rule = rules.get(key);
					assert.deepEqual(order.readingAt(index, key), {
						isAnnotation: key.includes('@'),
						rule,
						isPatternOnly: rule === undefined && key.includes('@') && !rules.has(key),
					});
				});
			}),
			{ numRuns: 2000 },
		);
	});

	it('reads the schemas of most types', () => {
		const read = subjects.filter((subject) => compilePlainCheck(subject.validate.schema));
		assert.ok(read.length > subjects.length / 3, `${read.length} of ${subjects.length}`);
	});
});
