/**
 * A small LSP client for the reliability tests. Unlike lspClient.ts it starts the bundled
 * server with `--require` preloads and an environment (the network guard, the file-read
 * recorder), sends notifications in bursts without waiting, and reads the server's memory.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import {
	StreamMessageReader,
	StreamMessageWriter,
	createMessageConnection,
} from 'vscode-jsonrpc/node';
import type {
	Diagnostic,
	InitializeResult,
	PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export interface ReliabilityStartOptions {
	/** Node options before the preloads, such as --expose-gc. */
	nodeOptions?: string[];
	preloads?: string[];
	env?: Record<string, string>;
	initializationOptions?: Record<string, unknown>;
	workspaceFolders?: string[];
}

interface Waiter {
	method: string;
	predicate: (params: unknown) => boolean;
	resolve: (params: unknown) => void;
}

export class ReliabilityClient {
	readonly logs: { type: number; message: string }[] = [];
	readonly notifications: { method: string; params: unknown }[] = [];
	/** The newest diagnostics per document URI. */
	readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
	private readonly waiters: Waiter[] = [];
	readonly exited: Promise<number | null>;
	stderr = '';

	private constructor(
		readonly child: ChildProcess,
		readonly connection: MessageConnection,
	) {
		this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
		child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
		connection.onNotification((method, params) => this.onNotification(method, params));
		connection.onRequest(() => null);
	}

	static async start(options: ReliabilityStartOptions = {}): Promise<ReliabilityClient> {
		const preloads = (options.preloads ?? []).flatMap((preload) => ['--require', preload]);
		const child = spawn(
			process.execPath,
			[...(options.nodeOptions ?? []), ...preloads, serverPath, '--stdio'],
			{
				stdio: ['pipe', 'pipe', 'pipe'],
				env: { ...process.env, ...options.env },
			},
		);
		const connection = createMessageConnection(
			new StreamMessageReader(child.stdout!),
			new StreamMessageWriter(child.stdin!),
		);
		const client = new ReliabilityClient(child, connection);
		connection.listen();
		const folders = options.workspaceFolders ?? [];
		await connection.sendRequest<InitializeResult>('initialize', {
			processId: process.pid,
			rootUri: folders.length > 0 ? URI.file(folders[0]).toString() : null,
			capabilities: {
				textDocument: { completion: { completionItem: { snippetSupport: true } } },
			},
			initializationOptions: options.initializationOptions,
			workspaceFolders: folders.map((folder) => ({
				uri: URI.file(folder).toString(),
				name: path.basename(folder),
			})),
		});
		await connection.sendNotification('initialized', {});
		return client;
	}

	private onNotification(method: string, params: unknown): void {
		if (method === 'window/logMessage') {
			this.logs.push(params as { type: number; message: string });
		} else if (method === 'textDocument/publishDiagnostics') {
			const published = params as PublishDiagnosticsParams;
			this.diagnostics.set(published.uri, published);
		} else {
			this.notifications.push({ method, params });
		}
		for (const waiter of [...this.waiters]) {
			if (waiter.method === method && waiter.predicate(params)) {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				waiter.resolve(params);
			}
		}
	}

	/** The next notification `method` that satisfies `predicate`, or a rejection at the timeout. */
	waitFor<T>(
		method: string,
		predicate: (params: T) => boolean = () => true,
		timeoutMs = 20000,
	): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const waiter: Waiter = {
				method,
				predicate: (params) => predicate(params as T),
				resolve: (params) => {
					clearTimeout(timer);
					resolve(params as T);
				},
			};
			const timer = setTimeout(() => {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${method}`));
			}, timeoutMs);
			this.waiters.push(waiter);
		});
	}

	/** Resolves when the diagnostics of `uri` at `version` arrive (or already have). */
	diagnosticsOf(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
		const known = this.diagnostics.get(uri);
		if (known?.version === version) {
			return Promise.resolve(known.diagnostics);
		}
		const published = this.waitFor<PublishDiagnosticsParams>(
			'textDocument/publishDiagnostics',
			(params) => params.uri === uri && params.version === version,
			timeoutMs,
		);
		return published.then((params) => params.diagnostics);
	}

	notify(method: string, params: unknown): Promise<void> {
		return this.connection.sendNotification(method, params);
	}

	request<R>(method: string, params: unknown): Promise<R> {
		return this.connection.sendRequest<R>(method, params);
	}

	open(uri: string, text: string, version = 1, languageId = 'json'): Promise<void> {
		return this.notify('textDocument/didOpen', {
			textDocument: { uri, languageId, version, text },
		});
	}

	close(uri: string): Promise<void> {
		return this.notify('textDocument/didClose', { textDocument: { uri } });
	}

	/** The server's resident memory in bytes, from /proc (Linux). */
	residentBytes(): number {
		const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
		const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
		return Number(kilobytes) * 1024;
	}

	/** A protocol shutdown; resolves with the exit code. */
	async stop(): Promise<number | null> {
		if (this.child.exitCode === null) {
			await this.request('shutdown', null);
			await this.notify('exit', null);
		}
		const code = await this.exited;
		this.connection.dispose();
		return code;
	}

	kill(): void {
		this.connection.dispose();
		this.child.kill();
	}
}

export function fileUri(fsPath: string): string {
	return URI.file(fsPath).toString();
}
