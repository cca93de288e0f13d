import { commands } from 'vscode';
import type { Disposable } from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { BaseLanguageClient } from 'vscode-languageclient/node';

import type { TypesLoadedParams } from '../../server/src/protocol';
import { contextKeys } from './commandIds';
import type { Log } from './log';
import { typesLoaded } from './messages';
import type { StatusItem } from './statusItem';

/** Keeps the status item and the `when` context keys in step with the server. */
export function bindServerState(client: BaseLanguageClient, status: StatusItem): Disposable[] {
	void setContext(contextKeys.isActive, true);
	const onState = client.onDidChangeState(({ newState }) => {
		void setContext(contextKeys.isServerRunning, newState === State.Running);
		if (newState === State.Starting) {
			status.showStarting();
		} else if (newState === State.Stopped) {
			status.showStopped();
		}
	});
	// Registered before the start, so the client keeps the handler across restarts.
	const onTypes = client.onNotification(typesLoaded, (params: TypesLoadedParams) =>
		status.showTypesLoaded(params),
	);
	return [onState, onTypes];
}

/**
 * Starts the server without failing the activation: the commands and the output channel must
 * stay usable to find out why it did not start.
 */
export async function startServer(
	client: BaseLanguageClient,
	log: Log,
	status: StatusItem,
): Promise<void> {
	try {
		await client.start();
	} catch (error) {
		reportStartFailure(log, status, error);
		return;
	}
	// When the server exits before it answers `initialize`, language client 9.0.1 can resolve
	// `start()` instead of rejecting it; only the state tells.
	if (!client.isRunning()) {
		reportStartFailure(log, status, undefined);
	}
}

function reportStartFailure(log: Log, status: StatusItem, error: unknown): void {
	log.error('The Graph Fixtures language server could not be started.', error);
	status.showStopped();
	log.channel.show(true);
}

function setContext(key: string, value: boolean): Thenable<unknown> {
	return commands.executeCommand('setContext', key, value);
}
