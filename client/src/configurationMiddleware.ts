import { DidChangeConfigurationNotification } from 'vscode-languageclient/node';
import type { BaseLanguageClient, WorkspaceMiddleware } from 'vscode-languageclient/node';

import { readSettings } from './clientSettings';
import { overrideConfigurationItem, settingsSection } from './settingsOverride';

/**
 * Makes both ways settings reach the server carry the client overrides: the answers to the
 * server's `workspace/configuration` requests (pull), and the `workspace/didChangeConfiguration`
 * notification (push), which the language client would otherwise fill with the raw values.
 */
export function createConfigurationMiddleware(
	getClient: () => BaseLanguageClient | undefined,
): WorkspaceMiddleware {
	return {
		configuration: async (params, token, next) => {
			const values = await next(params, token);
			if (!Array.isArray(values)) {
				return values;
			}
			return values.map((value, index) =>
				overrideConfigurationItem(params.items[index]?.section, value),
			);
		},
		didChangeConfiguration: async (sections, next) => {
			const client = getClient();
			if (sections === undefined || client === undefined) {
				return next(sections);
			}
			await client.sendNotification(DidChangeConfigurationNotification.type, {
				settings: { [settingsSection]: readSettings() },
			});
		},
	};
}
