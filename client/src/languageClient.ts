import * as path from 'node:path';

import { workspace } from 'vscode';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

import { readInitializationOptions } from './clientSettings';
import { createConfigurationMiddleware } from './configurationMiddleware';
import { ServerErrorHandler } from './errorHandler';
import type { Log } from './log';
import type { Notifier } from './notifier';
import { settingsSection } from './settingsOverride';

/** The client id doubles as the settings prefix the client reads `trace.server` from. */
const clientId = settingsSection;
const clientName = 'Graph Fixtures';

const documentSelector = ['file', 'untitled'].flatMap((scheme) =>
	['json', 'jsonc'].map((language) => ({ scheme, language })),
);

/** The language client for the bundled server (dist/server.js), started over IPC. */
export function createLanguageClient(
	context: ExtensionContext,
	log: Log,
	notifier: Notifier,
): LanguageClient {
	const module = context.asAbsolutePath(path.join('dist', 'server.js'));
	const run = { module, transport: TransportKind.ipc };
	const serverOptions: ServerOptions = { run, debug: run };
	const errorHandler = new ServerErrorHandler(log, notifier);
	// Reference pages and CSDL documents, so the server can reload types when they change. The
	// client hooks these watchers again at every restart but never disposes of them.
	const watchers = ['**/*.md', '**/*.xml'].map((glob) => workspace.createFileSystemWatcher(glob));
	context.subscriptions.push(...watchers);
	let client: LanguageClient | undefined;
	const clientOptions: LanguageClientOptions = {
		documentSelector,
		synchronize: { configurationSection: settingsSection, fileEvents: watchers },
		// A function, so that every restart sends the settings and trust of that moment.
		initializationOptions: readInitializationOptions,
		outputChannel: log.channel,
		// The extension reveals the channel when the server fails to start, not on every error.
		revealOutputChannelOn: RevealOutputChannelOn.Never,
		errorHandler,
		// Reported once, by the extension (output channel revealed, status item), not as a bare
		// notification of the library.
		initializationFailedHandler: (error) => {
			const reason = error instanceof Error ? error.message : String(error);
			log.error(`The Graph Fixtures language server failed to initialize: ${reason}`);
			return false;
		},
		middleware: { workspace: createConfigurationMiddleware(() => client) },
	};
	client = new LanguageClient(clientId, clientName, serverOptions, clientOptions);
	errorHandler.attach(client);
	return client;
}
