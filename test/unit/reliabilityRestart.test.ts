/**
 * The client side of a crash: the VS Code client restarts a server that stopped unexpectedly
 * and tells the user once, gives up (and says so) after too many crashes, and does not loop on
 * a server that dies while starting. The client's error handler runs here with the real restart
 * policy of vscode-languageclient; only the `vscode` module is a stand-in, since no editor runs.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import ts from 'typescript';
import { repoRoot } from './reliabilitySupport';

interface Notice {
	cause: string;
	level: string;
	text: string;
}

interface ErrorHandlerLike {
	attach(client: unknown): void;
	error(
		error: Error,
		message: unknown,
		count: number | undefined,
	): Promise<{ action: number; message?: string }>;
	closed(): Promise<{ action: number; message?: string }>;
}

type HandlerClass = new (log: unknown, notifier: unknown) => ErrorHandlerLike;

interface LanguageClientModule {
	CloseAction: { Restart: number; DoNotRestart: number };
	ErrorAction: { Continue: number; Shutdown: number };
	State: { Starting: number; Running: number };
	BaseLanguageClient: { prototype: { createDefaultErrorHandler(this: unknown): unknown } };
}

/** Any property, call or construction of the stand-in gives another stand-in. */
function standIn(): unknown {
	return new Proxy(function standInFunction() {}, {
		get: (_target, key) =>
			key === 'prototype' ? {} : key === Symbol.toPrimitive ? () => '' : standIn(),
		apply: () => standIn(),
		construct: () => standIn() as object,
	});
}

/** Loads a module with `vscode` replaced by the stand-in. */
function withoutEditor<T>(load: () => T): T {
	const moduleLoader = Module as unknown as {
		_load: (request: string, ...rest: unknown[]) => unknown;
	};
	const original = moduleLoader._load;
	const vscode = standIn();
	moduleLoader._load = function (request: string, ...rest: unknown[]) {
		return request === 'vscode' ? vscode : original.call(this, request, ...rest);
	};
	try {
		return load();
	} finally {
		moduleLoader._load = original;
	}
}

let client: LanguageClientModule;
let ServerErrorHandler: HandlerClass;

before(() => {
	client = withoutEditor(() => require('vscode-languageclient/node') as LanguageClientModule);
	const file = path.join(repoRoot, 'client', 'src', 'errorHandler.ts');
	const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
		},
	});
	const compiled = new Module(file) as Module & { _compile(code: string, name: string): void };
	compiled.filename = file;
	compiled.paths = (
		Module as unknown as { _nodeModulePaths(from: string): string[] }
	)._nodeModulePaths(path.dirname(file));
	withoutEditor(() => compiled._compile(outputText, file));
	ServerErrorHandler = (compiled.exports as { ServerErrorHandler: HandlerClass })
		.ServerErrorHandler;
});

function setUp(state: number) {
	const notices: Notice[] = [];
	const notifier = {
		notify: (cause: string, level: string, text: string) => {
			notices.push({ cause, level, text });
			return Promise.resolve();
		},
	};
	const log = { channel: { show: () => undefined } };
	const handler = new ServerErrorHandler(log, notifier);
	const languageClient = {
		name: 'Graph Fixtures',
		state,
		createDefaultErrorHandler(): unknown {
			return client.BaseLanguageClient.prototype.createDefaultErrorHandler.call(this);
		},
	};
	handler.attach(languageClient);
	return { handler, notices };
}

describe('reliability: the client after a server crash', () => {
	it('restarts a server that stopped unexpectedly and tells the user', async () => {
		const { handler, notices } = setUp(client.State.Running);
		const result = await handler.closed();
		assert.equal(result.action, client.CloseAction.Restart);
		assert.match(result.message ?? '', /stopped unexpectedly and is being restarted/);
		assert.deepEqual(
			notices.map((notice) => [notice.cause, notice.level]),
			[['server-restarted', 'warning']],
		);
	});

	it('gives up after five crashes in three minutes, and says so', async () => {
		const { handler, notices } = setUp(client.State.Running);
		const actions: number[] = [];
		for (let crash = 0; crash < 5; crash++) {
			actions.push((await handler.closed()).action);
		}
		const { Restart, DoNotRestart } = client.CloseAction;
		assert.deepEqual(actions, [Restart, Restart, Restart, Restart, DoNotRestart]);
		assert.equal(notices[notices.length - 1].cause, 'server-gave-up');
		assert.match(notices[notices.length - 1].text, /will not be restarted/);
	});

	it('does not restart a server that exits while starting', async () => {
		const { handler } = setUp(client.State.Starting);
		const result = await handler.closed();
		assert.equal(result.action, client.CloseAction.DoNotRestart);
		assert.match(result.message ?? '', /exited while starting/);
	});

	it('keeps the connection through a few errors and stops it, with a notice, when they persist', async () => {
		const { handler, notices } = setUp(client.State.Running);
		assert.equal(
			(await handler.error(new Error('write EPIPE'), undefined, 1)).action,
			client.ErrorAction.Continue,
		);
		assert.equal(notices.length, 0);
		assert.equal(
			(await handler.error(new Error('write EPIPE'), undefined, 4)).action,
			client.ErrorAction.Shutdown,
		);
		assert.equal(notices[0].cause, 'connection-failing');
	});
});
