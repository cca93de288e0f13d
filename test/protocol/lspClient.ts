/**
 * A small LSP client for protocol tests: spawns the bundled server over stdio, exactly as an
 * editor does, answers the server's own requests (configuration, registrations, progress), and
 * waits for notifications by condition with a timeout, never with a fixed sleep.
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
	ClientCapabilities,
	CompletionList,
	Diagnostic,
	Hover,
	InitializeResult,
	Position,
	PublishDiagnosticsParams,
	TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const sharedRoot = path.resolve(repoRoot, '..', 'shared');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

const defaultTimeoutMs = 15000;

export interface StartOptions {
	/** Node options before the preloads, such as --expose-gc. */
	nodeOptions?: string[];
	/** Modules the server process loads first (`--require`), such as a network guard. */
	preloads?: string[];
	env?: Record<string, string>;
	initializationOptions?: Record<string, unknown>;
	capabilities?: ClientCapabilities;
	workspaceFolders?: string[] | null;
	/** Answers `workspace/configuration` items; without it the client does not offer configuration. */
	configuration?: (section: string | undefined, scopeUri: string | undefined) => unknown;
}

/** A JSON-RPC response as it came over the wire. */
export interface RawResponse {
	id: string;
	result?: unknown;
	error?: { code: number; message: string };
}

interface Waiter {
	method: string;
	predicate: (params: unknown) => boolean;
	resolve: (params: unknown) => void;
}

/** How waiters for a request from the server are told from waiters for a notification. */
const requestPrefix = 'request ';

export class LspClient {
	readonly logs: { type: number; message: string }[] = [];
	readonly serverRequests: { method: string; params: unknown }[] = [];
	/** Requests the server sent before its answer to `initialize`, which LSP forbids. */
	readonly earlyRequests: string[] = [];
	readonly notifications: { method: string; params: unknown }[] = [];
	/** The newest diagnostics per document URI. */
	readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
	/** What the server wrote to stderr (read, so that a full pipe never blocks it). */
	stderr = '';
	private readonly waiters: Waiter[] = [];
	private readonly versions = new Map<string, number>();
	initializeResult: InitializeResult | undefined;
	exitCode: Promise<number | null>;
	private readonly rawTap = new RawTap();
	private rawCounter = 0;

	private constructor(
		readonly process: ChildProcess,
		readonly connection: MessageConnection,
		options: StartOptions,
	) {
		this.exitCode = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
		process.stdout!.on('data', (chunk: Buffer) => this.rawTap.push(chunk));
		process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
		connection.onNotification((method, params) => this.onNotification(method, params));
		// The JSON-RPC layer routes `$/progress` to progress handlers, not to notification handlers.
		connection.onUnhandledProgress((params) => this.onNotification('$/progress', params));
		connection.onRequest((method, params) => this.onServerRequest(method, params, options));
	}

	static async start(options: StartOptions = {}): Promise<LspClient> {
		const preloads = (options.preloads ?? []).flatMap((preload) => ['--require', preload]);
		const args = [...(options.nodeOptions ?? []), ...preloads, serverPath, '--stdio'];
		const child = spawn(process.execPath, args, {
			stdio: ['pipe', 'pipe', 'pipe'],
			env: { ...process.env, ...options.env },
		});
		const connection = createMessageConnection(
			new StreamMessageReader(child.stdout!),
			new StreamMessageWriter(child.stdin!),
		);
		const client = new LspClient(child, connection, options);
		connection.listen();
		await client.initialize(options);
		return client;
	}

	private async initialize(options: StartOptions): Promise<void> {
		const folders =
			options.workspaceFolders === undefined ? [repoRoot] : options.workspaceFolders;
		const capabilities: ClientCapabilities = options.capabilities ?? {
			textDocument: { completion: { completionItem: { snippetSupport: true } } },
			workspace: { configuration: options.configuration !== undefined },
		};
		this.initializeResult = await this.connection.sendRequest<InitializeResult>('initialize', {
			processId: process.pid,
			rootUri: folders && folders.length > 0 ? URI.file(folders[0]).toString() : null,
			capabilities,
			initializationOptions: options.initializationOptions,
			workspaceFolders:
				folders?.map((folder) => ({
					uri: URI.file(folder).toString(),
					name: path.basename(folder),
				})) ?? null,
		});
		await this.connection.sendNotification('initialized', {});
	}

	private onNotification(method: string, params: unknown): void {
		if (method === 'window/logMessage') {
			this.logs.push(params as { type: number; message: string });
		} else if (method === 'textDocument/publishDiagnostics') {
			const published = params as PublishDiagnosticsParams;
			this.diagnostics.set(published.uri, published);
		}
		this.notifications.push({ method, params });
		this.settleWaiters(method, params);
	}

	private settleWaiters(method: string, params: unknown): void {
		for (const waiter of [...this.waiters]) {
			if (waiter.method === method && waiter.predicate(params)) {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				waiter.resolve(params);
			}
		}
	}

	/** Resolves with the params of the first request `method` (past or future) from the server. */
	waitForServerRequest(method: string, timeoutMs = defaultTimeoutMs): Promise<unknown> {
		const past = this.serverRequests.find((request) => request.method === method);
		if (past) {
			return Promise.resolve(past.params);
		}
		return this.waitForNext(`${requestPrefix}${method}`, () => true, timeoutMs);
	}

	private onServerRequest(method: string, params: unknown, options: StartOptions): unknown {
		this.serverRequests.push({ method, params });
		if (this.initializeResult === undefined) {
			this.earlyRequests.push(method);
		}
		this.settleWaiters(`${requestPrefix}${method}`, params);
		if (method === 'workspace/configuration' && options.configuration) {
			const items = (params as { items: { section?: string; scopeUri?: string }[] }).items;
			return items.map((item) => options.configuration!(item.section, item.scopeUri));
		}
		return null;
	}

	/** Resolves with the first notification `method` (past or future) that satisfies `predicate`. */
	waitFor<T>(
		method: string,
		predicate: (params: T) => boolean = () => true,
		timeoutMs = defaultTimeoutMs,
	): Promise<T> {
		const past = this.notifications.find(
			(item) => item.method === method && predicate(item.params as T),
		);
		if (past) {
			return Promise.resolve(past.params as T);
		}
		return this.waitForNext(method, predicate, timeoutMs);
	}

	/** Resolves with the next notification `method` from now on that satisfies `predicate`. */
	waitForNext<T>(
		method: string,
		predicate: (params: T) => boolean = () => true,
		timeoutMs = defaultTimeoutMs,
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

	request<R>(method: string, params?: unknown): Promise<R> {
		return this.connection.sendRequest<R>(method, params);
	}

	notify(method: string, params?: unknown): Promise<void> {
		return this.connection.sendNotification(method, params);
	}

	/**
	 * Sends a request exactly as given, past the JSON-RPC layer, which would turn `params: null`
	 * into `[null]` and refuse to leave params out: `params` undefined sends none at all.
	 */
	rawRequest(method: string, params?: unknown): Promise<RawResponse> {
		const id = `raw-${++this.rawCounter}`;
		const response = this.rawTap.responseTo(id);
		this.writeRaw({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
		return response;
	}

	/** Sends a notification exactly as given, as `rawRequest` does. */
	rawNotify(method: string, params?: unknown): void {
		this.writeRaw({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
	}

	private writeRaw(message: object): void {
		const body = Buffer.from(JSON.stringify(message), 'utf8');
		// One write, so that no message of the connection's own writer lands inside it.
		this.process.stdin!.write(
			Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]),
		);
	}

	/** Opens a document and resolves with its first diagnostics. */
	async open(uri: string, text: string, languageId = 'json'): Promise<Diagnostic[]> {
		this.versions.set(uri, 1);
		const published = this.diagnosticsFor(uri, 1);
		await this.notify('textDocument/didOpen', {
			textDocument: { uri, languageId, version: 1, text },
		});
		return published;
	}

	/** Applies changes and resolves with the diagnostics of the new version. */
	async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
		const version = (this.versions.get(uri) ?? 1) + 1;
		const published = this.diagnosticsFor(uri, version);
		await this.sendChange(uri, changes);
		return published;
	}

	/** Sends a change without waiting for anything; resolves with the new version. */
	async sendChange(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
		const version = (this.versions.get(uri) ?? 1) + 1;
		this.versions.set(uri, version);
		await this.notify('textDocument/didChange', {
			textDocument: { uri, version },
			contentChanges: changes,
		});
		return version;
	}

	close(uri: string): Promise<void> {
		return this.notify('textDocument/didClose', { textDocument: { uri } });
	}

	diagnosticsFor(
		uri: string,
		version?: number,
		timeoutMs = defaultTimeoutMs,
	): Promise<Diagnostic[]> {
		return this.waitForNext<PublishDiagnosticsParams>(
			'textDocument/publishDiagnostics',
			(params) => params.uri === uri && (version === undefined || params.version === version),
			timeoutMs,
		).then((params) => params.diagnostics);
	}

	/** Resolves when the newest diagnostics of `uri` are those of `version` (now or later). */
	diagnosticsOf(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
		const known = this.diagnostics.get(uri);
		if (known?.version === version) {
			return Promise.resolve(known.diagnostics);
		}
		return this.diagnosticsFor(uri, version, timeoutMs);
	}

	/** The server's resident memory in bytes, from /proc (Linux). */
	residentBytes(): number {
		const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
		const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
		return Number(kilobytes) * 1024;
	}

	complete(uri: string, position: Position): Promise<CompletionList | null> {
		return this.request('textDocument/completion', { textDocument: { uri }, position });
	}

	hover(uri: string, position: Position): Promise<Hover | null> {
		return this.request('textDocument/hover', { textDocument: { uri }, position });
	}

	/** Shuts the server down and resolves with its exit code. */
	async stop(): Promise<number | null> {
		if (this.process.exitCode === null) {
			await this.request('shutdown');
			await this.notify('exit');
		}
		const code = await this.exitCode;
		this.connection.dispose();
		return code;
	}

	/** Ends the server without the protocol, for tests that already failed. */
	kill(): void {
		this.connection.dispose();
		this.process.kill();
	}
}

export function fileUri(fsPath: string): string {
	return URI.file(fsPath).toString();
}

/** Reads the server's output a second time, to find the responses to raw requests. */
class RawTap {
	private buffer = Buffer.alloc(0);
	private readonly waiting = new Map<string, (response: RawResponse) => void>();

	responseTo(id: string): Promise<RawResponse> {
		return new Promise((resolve) => this.waiting.set(id, resolve));
	}

	push(chunk: Buffer): void {
		this.buffer = Buffer.concat([this.buffer, chunk]);
		for (;;) {
			const headerEnd = this.buffer.indexOf('\r\n\r\n');
			const length = /Content-Length: (\d+)/i.exec(
				this.buffer.subarray(0, Math.max(0, headerEnd)).toString('ascii'),
			);
			if (headerEnd < 0 || !length || this.buffer.length < headerEnd + 4 + +length[1]) {
				return;
			}
			const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + +length[1]);
			this.buffer = this.buffer.subarray(headerEnd + 4 + +length[1]);
			this.take(body);
		}
	}

	private take(body: Buffer): void {
		if (this.waiting.size === 0) {
			return;
		}
		const message = JSON.parse(body.toString('utf8')) as Partial<RawResponse>;
		const resolve = typeof message.id === 'string' ? this.waiting.get(message.id) : undefined;
		if (resolve && ('result' in message || 'error' in message)) {
			this.waiting.delete(message.id!);
			resolve(message as RawResponse);
		}
	}
}
