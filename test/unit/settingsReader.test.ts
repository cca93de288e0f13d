import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/protocol';
import type { Settings } from '../../server/src/protocol';
import { describeSettingProblem, readSettings } from '../../server/src/settingsReader';

describe('readSettings', () => {
	it('keeps every valid setting, flat or as the section', () => {
		const raw = {
			docs: ['pages'],
			metadata: [],
			apiVersion: 'v1.0',
			validate: { enable: false },
			severity: { 'unknown-property': 'off' },
			maxFileSize: 0,
			syntaxErrors: false,
			trace: { server: 'verbose' },
			isTrusted: true,
		};
		const { settings, problems } = readSettings(raw);
		assert.deepEqual(problems, []);
		assert.deepEqual(settings, {
			docs: ['pages'],
			metadata: [],
			apiVersion: 'v1.0',
			validate: { enable: false },
			severity: { 'unknown-property': 'off' },
			maxFileSize: 0,
			syntaxErrors: false,
		});
	});

	it('reads nothing, and reports nothing, from null or an absent object, or null values', () => {
		for (const raw of [undefined, null, { apiVersion: null, validate: { enable: null } }]) {
			assert.deepEqual(readSettings(raw), { settings: {}, problems: [] });
		}
	});

	const invalid: [raw: Record<string, unknown>, key: string, kept: Partial<Settings>][] = [
		[{ apiVersion: 'v9' }, 'apiVersion', {}],
		[{ docs: 'pages' }, 'docs', {}],
		[{ metadata: ['a.xml', 5, ''] }, 'metadata', { metadata: ['a.xml'] }],
		[{ validate: true }, 'validate', {}],
		[{ validate: { enable: 'yes' } }, 'validate.enable', {}],
		[{ validate: { enabled: false } }, 'validate.enabled', {}],
		[{ 'validate.enable': 1 }, 'validate.enable', {}],
		[{ severity: 'error' }, 'severity', {}],
		[
			{ severity: { bogus: 'off', 'syntax-error': 'hint' } },
			'severity.bogus',
			{ severity: { 'syntax-error': 'hint' } },
		],
		[{ severity: { 'syntax-error': 'loud' } }, 'severity.syntax-error', { severity: {} }],
		[{ maxFileSize: 'big' }, 'maxFileSize', {}],
		[{ maxFileSize: -1 }, 'maxFileSize', {}],
		[{ syntaxErrors: 'no' }, 'syntaxErrors', {}],
		[{ maxfilesize: 10 }, 'maxfilesize', {}],
	];
	for (const [raw, key, kept] of invalid) {
		it(`reports ${JSON.stringify(raw)} as a problem of ${key} and keeps the rest`, () => {
			const { settings, problems } = readSettings(raw);
			assert.deepEqual(
				problems.map((problem) => problem.key),
				[key],
			);
			assert.deepEqual(settings, kept);
		});
	}

	it('reports a settings value that is no object', () => {
		const { problems } = readSettings(5);
		const message = describeSettingProblem(
			problems[0],
			'the initialization options',
			defaultSettings,
		);
		assert.equal(
			message,
			'Invalid graphFixtures settings in the initialization options: 5, expected an object of settings; using the other settings and the defaults.',
		);
	});

	it('says what is used instead: the default, or the value of another layer', () => {
		const [problem] = readSettings({ apiVersion: 'v9' }).problems;
		const origin = 'the workspace configuration';
		const effective: Settings = { ...defaultSettings, apiVersion: 'v1.0' };
		assert.match(
			describeSettingProblem(problem, origin, defaultSettings),
			/using the default, "beta"\.$/,
		);
		assert.match(describeSettingProblem(problem, origin, effective), /using "v1.0"\.$/);
	});

	it('suggests the closest setting for an unknown key', () => {
		const [problem] = readSettings({ maxfilesize: 10 }).problems;
		assert.equal(
			describeSettingProblem(problem, 'the initialization options', defaultSettings),
			'Unknown setting graphFixtures.maxfilesize in the initialization options: "maxfilesize" is not a setting (did you mean maxFileSize?); ignored.',
		);
	});
});
