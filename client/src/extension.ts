import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { Log } from './log';
import { Notifier } from './notifier';
import { bindServerState, startServer } from './serverLifecycle';
import { StatusItem } from './statusItem';
import { watchTrust } from './trust';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
	const log = new Log();
	const notifier = new Notifier(context.globalState);
	const status = new StatusItem();
	client = createLanguageClient(context, log, notifier);
	context.subscriptions.push(
		log,
		status,
		...registerCommands(client, log),
		...watchTrust(client, log, notifier),
		...bindServerState(client, status),
	);
	await startServer(client, log, status);
}

export async function deactivate(): Promise<void> {
	if (client?.needsStop()) {
		await client.stop();
	}
	client = undefined;
}
