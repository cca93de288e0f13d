import { workspace } from 'vscode';

import { settingsSection, withClientOverrides } from './settingsOverride';
import type { ClientSettings } from './settingsOverride';

/** The `initialize` request's options: the settings, flat, and the workspace trust. */
export type InitializationOptions = ClientSettings & { isTrusted: boolean };

/**
 * The `graphFixtures` section as the server would pull it (VS Code already leaves out workspace
 * values of restricted settings in an untrusted workspace), with the client overrides applied.
 */
export function readSettings(): ClientSettings {
	const section = workspace.getConfiguration().get<unknown>(settingsSection);
	const settings: ClientSettings & { trace?: unknown } = withClientOverrides(section);
	// `trace.server` belongs to the language client, which sends it with `$/setTrace`.
	delete settings.trace;
	return settings;
}

export function readInitializationOptions(): InitializationOptions {
	return { ...readSettings(), isTrusted: workspace.isTrusted };
}
