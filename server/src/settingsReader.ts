/**
 * Reading a settings object from a client: every value is checked (types, enum values, known
 * diagnostic codes). The usable ones are kept and each other one becomes a problem, so that a
 * typo is reported instead of silently replaced by a default.
 */
import { describeValue, isObject } from './handlers/params';
import { closestMatch } from './model/suggest';
import type { ApiVersion } from './model/types';
import type { SeverityLevel, Settings } from './protocol';
import { defaultSettings } from './protocol';
import type { DiagnosticCode } from './service';
import { allDiagnosticCodes, defaultSeverities } from './service';

export const settingsSection = 'graphFixtures';

const severityLevels = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/** A value a client sent that the server cannot use: which setting, what it was, what fits. */
export interface SettingProblem {
	/** The setting below the section (`apiVersion`, `severity.bogus`); '' for the whole object. */
	key: string;
	value: unknown;
	/** What a valid value looks like; for an unknown key, why it is unknown. */
	expected: string;
	/** The key itself is unknown (no such setting or diagnostic code): nothing stands in for it. */
	isUnknown?: boolean;
}

/** The usable part of a settings object, and a problem for every part that is not. */
export interface SettingsRead {
	settings: Partial<Settings>;
	problems: SettingProblem[];
}

type Fields = Record<string, unknown>;
type FieldReader = (value: unknown, problems: SettingProblem[]) => Partial<Settings>;

const levelNames = 'error, warning, information, hint or off';

const fieldReaders: Record<string, FieldReader> = {
	docs: (value, problems) => pathsSetting('docs', value, problems),
	metadata: (value, problems) => pathsSetting('metadata', value, problems),
	apiVersion: (value, problems) =>
		value === 'beta' || value === 'v1.0'
			? { apiVersion: value as ApiVersion }
			: reject(problems, 'apiVersion', value, '"beta" or "v1.0"'),
	validate: readValidate,
	'validate.enable': (value, problems) =>
		typeof value === 'boolean'
			? { validate: { enable: value } }
			: reject(problems, 'validate.enable', value, 'true or false'),
	severity: readSeverity,
	maxFileSize: (value, problems) =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0
			? { maxFileSize: value }
			: reject(problems, 'maxFileSize', value, 'a number of bytes, 0 or more'),
	syntaxErrors: (value, problems) =>
		typeof value === 'boolean'
			? { syntaxErrors: value }
			: reject(problems, 'syntaxErrors', value, 'true or false'),
	// `trace.server` is read by the client; `isTrusted` by `initialize` (SettingsStore).
	trace: () => ({}),
	isTrusted: () => ({}),
};

/**
 * Reads a settings object from a client, flat (`initializationOptions`) or as the section.
 * `null` for a setting means "not set", as in VS Code's settings.
 */
export function readSettings(raw: unknown): SettingsRead {
	const problems: SettingProblem[] = [];
	if (raw === undefined || raw === null) {
		return { settings: {}, problems };
	}
	if (!isObject(raw)) {
		reject(problems, '', raw, 'an object of settings');
		return { settings: {}, problems };
	}
	let settings: Partial<Settings> = {};
	for (const [key, value] of Object.entries(raw)) {
		const reader = Object.hasOwn(fieldReaders, key) ? fieldReaders[key] : undefined;
		if (reader === undefined) {
			unknownKey(problems, key, value, Object.keys(fieldReaders));
		} else if (value !== null) {
			settings = { ...settings, ...reader(value, problems) };
		}
	}
	return { settings, problems };
}

/** The log line of a problem; `settings` are the effective ones, to say what is used instead. */
export function describeSettingProblem(
	problem: SettingProblem,
	origin: string,
	settings: Settings,
): string {
	const name = problemName(problem);
	if (problem.isUnknown) {
		return `Unknown setting ${name} in ${origin}: ${problem.expected}; ignored.`;
	}
	const subject = problem.key === '' ? `Invalid ${name} settings` : `Invalid setting ${name}`;
	return `${subject} in ${origin}: ${describeValue(problem.value)}, expected ${problem.expected}; using ${usedValue(problem.key, settings)}.`;
}

/** The setting a problem is about, as users write it: `graphFixtures.apiVersion`. */
export function problemName(problem: SettingProblem): string {
	return problem.key === '' ? settingsSection : `${settingsSection}.${problem.key}`;
}

function reject(
	problems: SettingProblem[],
	key: string,
	value: unknown,
	expected: string,
): Partial<Settings> {
	problems.push({ key, value, expected });
	return {};
}

/** A key that names nothing: `what` it should have been, and the closest known one. */
function unknownKey(
	problems: SettingProblem[],
	key: string,
	value: unknown,
	known: readonly string[],
	what: { prefix: string; noun: string } = { prefix: '', noun: 'setting' },
): void {
	const closest = closestMatch(key, known);
	const hint = closest ? `did you mean ${closest}?` : `known: ${known.join(', ')}`;
	problems.push({
		key: `${what.prefix}${key}`,
		value,
		expected: `"${key}" is not a ${what.noun} (${hint})`,
		isUnknown: true,
	});
}

/** Paths: an array of non-empty strings. Other items are dropped; the strings are kept. */
function pathsSetting(
	key: 'docs' | 'metadata',
	value: unknown,
	problems: SettingProblem[],
): Partial<Settings> {
	const expected = 'an array of paths (non-empty strings)';
	if (!Array.isArray(value)) {
		return reject(problems, key, value, expected);
	}
	const paths = value.filter((item): item is string => typeof item === 'string' && item !== '');
	if (paths.length < value.length) {
		reject(problems, key, value, expected);
	}
	return { [key]: paths };
}

function readValidate(value: unknown, problems: SettingProblem[]): Partial<Settings> {
	if (!isObject(value)) {
		return reject(problems, 'validate', value, '{ "enable": true or false }');
	}
	let result: Partial<Settings> = {};
	for (const [key, item] of Object.entries(value)) {
		if (key !== 'enable') {
			unknownKey(problems, `validate.${key}`, item, ['validate.enable']);
		} else if (item !== null) {
			result = fieldReaders['validate.enable'](item, problems);
		}
	}
	return result;
}

/** Severity overrides: known codes to known levels; the others are reported and left out. */
function readSeverity(value: unknown, problems: SettingProblem[]): Partial<Settings> {
	if (!isObject(value)) {
		return reject(problems, 'severity', value, `an object from diagnostic code to level`);
	}
	const severity: Record<string, SeverityLevel> = {};
	for (const [code, level] of Object.entries(value)) {
		if (!(allDiagnosticCodes as readonly string[]).includes(code)) {
			const what = { prefix: 'severity.', noun: 'diagnostic code' };
			unknownKey(problems, code, level, allDiagnosticCodes, what);
		} else if (typeof level === 'string' && severityLevels.has(level)) {
			severity[code] = level as SeverityLevel;
		} else {
			reject(problems, `severity.${code}`, level, levelNames);
		}
	}
	return { severity };
}

/** The value in effect for a key, marked when it is the default. */
function usedValue(key: string, settings: Settings): string {
	if (key === '') {
		return 'the other settings and the defaults';
	}
	const code = key.startsWith('severity.') ? key.slice('severity.'.length) : undefined;
	const fallback =
		code === undefined
			? valueAt(defaultSettings, key)
			: defaultSeverities[code as DiagnosticCode];
	const value = valueAt(settings, key) ?? fallback;
	const text = describeValue(value);
	return JSON.stringify(value) === JSON.stringify(fallback) ? `the default, ${text}` : text;
}

function valueAt(root: unknown, key: string): unknown {
	let value = root;
	for (const part of key.split('.')) {
		value = isObject(value) && Object.hasOwn(value, part) ? (value as Fields)[part] : undefined;
	}
	return value;
}
