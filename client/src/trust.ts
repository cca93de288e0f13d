import { commands, workspace } from 'vscode';
import type { Disposable } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';

import type { Log } from './log';
import { trustChanged, untrustedPathsIgnored } from './messages';
import type { TrustChangedParams, UntrustedPathsIgnoredParams } from './messages';
import type { Notifier } from './notifier';

/**
 * Workspace trust, both ways: the server learns when the user grants trust (it starts with the
 * trust state in its initialization options), and the user learns once when the server ignored
 * workspace settings that point outside an untrusted workspace.
 */
export function watchTrust(client: BaseLanguageClient, log: Log, notifier: Notifier): Disposable[] {
	const onGranted = workspace.onDidGrantWorkspaceTrust(async () => {
		// A server that is not running reads the trust from its next initialization options.
		if (!client.isRunning()) {
			return;
		}
		const params: TrustChangedParams = { isTrusted: true };
		try {
			await client.sendNotification(trustChanged, params);
		} catch (error) {
			log.error('Telling the server about workspace trust failed.', error);
		}
	});
	const onIgnored = client.onNotification(
		untrustedPathsIgnored,
		(params: UntrustedPathsIgnoredParams) => reportIgnoredPaths(params, log, notifier),
	);
	return [onGranted, onIgnored];
}

function reportIgnoredPaths(
	params: UntrustedPathsIgnoredParams,
	log: Log,
	notifier: Notifier,
): void {
	const paths = params.paths.join(', ');
	log.warn(`Untrusted workspace: ignored settings paths outside the workspace: ${paths}`);
	const message = `Graph Fixtures ignores workspace settings that point outside this untrusted workspace (${paths}). Trust the workspace to read them.`;
	void notifier.notify('untrusted-paths', 'information', message, {
		title: 'Manage Workspace Trust',
		run: () => commands.executeCommand('workbench.trust.manage'),
	});
}
