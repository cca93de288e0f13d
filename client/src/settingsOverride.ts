/**
 * What the VS Code client changes in the settings the server receives. Kept free of `vscode`
 * imports so it can be tested without an editor.
 */
import type { Settings } from '../../server/src/protocol';

export const settingsSection = 'graphFixtures';

/**
 * Values the server always receives from this client, whatever the user configured: VS Code's
 * JSON support already reports syntax errors and duplicate keys, so the server must not repeat
 * them.
 */
export const clientOverrides = { syntaxErrors: false } satisfies Partial<Settings>;

export type ClientSettings = Partial<Settings> & typeof clientOverrides;

/** The settings section as VS Code holds it, with the client overrides applied. */
export function withClientOverrides(section: unknown): ClientSettings {
	const settings = isObject(section) ? section : {};
	return { ...settings, ...clientOverrides };
}

/**
 * Applies the client overrides to one answer of a `workspace/configuration` request, whether the
 * server asked for the whole configuration, the `graphFixtures` section or a single setting.
 */
export function overrideConfigurationItem(
	section: string | null | undefined,
	value: unknown,
): unknown {
	if (section === undefined || section === null || section === '') {
		if (!isObject(value) || !isObject(value[settingsSection])) {
			return value;
		}
		return { ...value, [settingsSection]: withClientOverrides(value[settingsSection]) };
	}
	if (section === settingsSection) {
		return isObject(value) ? withClientOverrides(value) : value;
	}
	for (const [key, forced] of Object.entries(clientOverrides)) {
		if (section === `${settingsSection}.${key}`) {
			return forced;
		}
	}
	return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
