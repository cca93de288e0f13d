/**
 * A small LSP client for the reliability tests. Unlike lspClient.ts it starts the bundled
 * server with `--require` preloads and an environment (the network guard, the file-read
 * recorder), sends notifications in bursts without waiting, and reads the server's memory.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import type { StartOptions } from './lspClient';

export { fileUri, repoRoot, serverPath } from './lspClient';

export type ReliabilityStartOptions = Pick<
	StartOptions,
	'nodeOptions' | 'preloads' | 'env' | 'initializationOptions' | 'workspaceFolders'
>;

/**
 * The protocol client as the reliability tests use it: documents are opened without waiting for
 * diagnostics (bursts), `waitFor` looks only ahead, and no workspace folder unless given.
 */
export class ReliabilityClient {
	private constructor(private readonly client: LspClient) {}

	static async start(options: ReliabilityStartOptions = {}): Promise<ReliabilityClient> {
		const client = await LspClient.start({
			...options,
			workspaceFolders: options.workspaceFolders ?? [],
			capabilities: {
				textDocument: { completion: { completionItem: { snippetSupport: true } } },
			},
		});
		return new ReliabilityClient(client);
	}

	get child(): LspClient['process'] {
		return this.client.process;
	}

	get logs(): LspClient['logs'] {
		return this.client.logs;
	}

	get notifications(): LspClient['notifications'] {
		return this.client.notifications;
	}

	get stderr(): string {
		return this.client.stderr;
	}

	/** The next notification `method` that satisfies `predicate`, or a rejection at the timeout. */
	waitFor<T>(method: string, predicate?: (params: T) => boolean, timeoutMs = 20000): Promise<T> {
		return this.client.waitForNext(method, predicate, timeoutMs);
	}

	diagnosticsOf(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
		return this.client.diagnosticsOf(uri, version, timeoutMs);
	}

	notify(method: string, params: unknown): Promise<void> {
		return this.client.notify(method, params);
	}

	request<R>(method: string, params: unknown): Promise<R> {
		return this.client.request<R>(method, params);
	}

	open(uri: string, text: string, version = 1, languageId = 'json'): Promise<void> {
		return this.notify('textDocument/didOpen', {
			textDocument: { uri, languageId, version, text },
		});
	}

	close(uri: string): Promise<void> {
		return this.client.close(uri);
	}

	residentBytes(): number {
		return this.client.residentBytes();
	}

	stop(): Promise<number | null> {
		return this.client.stop();
	}

	kill(): void {
		this.client.kill();
	}
}
