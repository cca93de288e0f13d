/**
 * The Graph Fixtures language server: creates the connection (stdio with `--stdio`, read by
 * pipeReader.ts when stdin is a pipe; IPC when VS Code starts it), states the capabilities and
 * wires the handlers.
 */
import type {
	ClientCapabilities,
	InitializeParams,
	InitializeResult,
	WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import {
	CodeActionKind,
	DidChangeConfigurationNotification,
	MessageType,
	ShowMessageNotification,
	TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { DocumentStore } from './documents';
import { registerCodeActions } from './handlers/codeActions';
import { registerCompletion } from './handlers/completion';
import type { ClientFeatures, ServerContext } from './handlers/context';
import { registerDefinition } from './handlers/definition';
import { registerDocumentSync } from './handlers/documentSync';
import { guardNotification } from './handlers/guard';
import { registerHover } from './handlers/hover';
import { isObject } from './handlers/params';
import { registerTypeRequests } from './handlers/typeRequests';
import { WorkspaceHandlers } from './handlers/workspace';
import { Logger } from './log';
import { typesLoadedNotification } from './protocol';
import { SettingsStore, settingsSection } from './settings';
import type { ProgressReporter } from './typeStore';
import { TypeStore } from './typeStore';
import { ValidationQueue } from './validationQueue';
import { createServerConnection } from './pipeReader';

let isShutDown = false;
const connection = createServerConnection(() => isShutDown);
const log = new Logger(connection.console, connection.tracer);

process.on('uncaughtException', (error) =>
	log.error('Uncaught exception; the server keeps running.', error),
);
process.on('unhandledRejection', (reason) => log.error('Unhandled promise rejection.', reason));

const client: ClientFeatures = {
	snippetSupport: false,
	configuration: false,
	configurationRegistration: false,
	workDoneProgress: false,
	watchedFilesRegistration: false,
	relativePatterns: false,
};
const documents = new DocumentStore();
// `window/showMessage`, not the request: there is nothing to answer, so no reply to wait for.
const settings = new SettingsStore(log, (message) => {
	void connection.sendNotification(ShowMessageNotification.type, {
		type: MessageType.Warning,
		message,
	});
});
const types = new TypeStore({
	log,
	beginProgress,
	onLoaded: (_state, params) => {
		void connection.sendNotification(typesLoadedNotification, params);
		validation.scheduleAll(0);
	},
});
const validation = new ValidationQueue({
	documents,
	settings,
	types,
	log,
	publish: (uri, version, diagnostics) =>
		void connection.sendDiagnostics({ uri, version, diagnostics }),
});
const context: ServerContext = { connection, documents, settings, types, validation, log, client };
const workspace = new WorkspaceHandlers(context);

/** Resolves when the client has said `initialized`: no request may reach it before. */
let markInitialized: () => void = () => undefined;
const initialized = new Promise<void>((resolve) => (markInitialized = resolve));

/**
 * A progress report in the client, when it supports them. The report is created in the
 * background, once the client is initialized (a load may start before), and a client that
 * refuses it costs the load nothing: what was reported meanwhile is shown when it appears.
 */
function beginProgress(title: string): ProgressReporter | undefined {
	if (!client.workDoneProgress) {
		return undefined;
	}
	let shown: { report(percentage: number, message?: string): void; done(): void } | undefined;
	let latest: [number, string] | undefined;
	let isDone = false;
	initialized
		.then(async () => {
			if (isDone) {
				return;
			}
			const progress = await connection.window.createWorkDoneProgress();
			progress.begin(title, latest?.[0] ?? 0, latest?.[1], false);
			shown = progress;
			if (isDone) {
				progress.done();
			}
		})
		.catch((error: unknown) => log.warn(`The client did not show progress: ${String(error)}`));
	return {
		report: (percentage, message) => {
			latest = [percentage, message];
			shown?.report(percentage, message);
		},
		done: () => {
			isDone = true;
			shown?.done();
		},
	};
}

let hasWorkspaceFolders = false;

function readClientFeatures(capabilities: ClientCapabilities): void {
	hasWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
	const workspaceCapabilities = capabilities.workspace;
	client.snippetSupport =
		capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
	client.configuration = workspaceCapabilities?.configuration === true;
	client.configurationRegistration =
		workspaceCapabilities?.didChangeConfiguration?.dynamicRegistration === true;
	client.workDoneProgress = capabilities.window?.workDoneProgress === true;
	const watched = workspaceCapabilities?.didChangeWatchedFiles;
	client.watchedFilesRegistration = watched?.dynamicRegistration === true;
	client.relativePatterns = watched?.relativePatternSupport === true;
}

function onInitialize(params: InitializeParams): InitializeResult {
	// Without usable capabilities the client gets a server that assumes it supports nothing.
	const capabilities: ClientCapabilities = isObject(params.capabilities)
		? params.capabilities
		: {};
	if (capabilities !== params.capabilities) {
		log.warn('initialize: capabilities is not an object; assuming the client supports none.');
	}
	readClientFeatures(capabilities);
	settings.initialize(params);
	workspace
		.preloadSources()
		.catch((error: unknown) => log.error('Loading the types at start-up failed.', error));
	const encodings = capabilities.general?.positionEncodings;
	return {
		capabilities: {
			// Offsets are UTF-16 code units throughout; say so when the client asks.
			...(encodings ? { positionEncoding: 'utf-16' } : {}),
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
			completionProvider: { triggerCharacters: ['"', ':'], resolveProvider: false },
			hoverProvider: true,
			definitionProvider: true,
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
			workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
		},
		serverInfo: { name: 'graph-fixtures-language-server' },
	};
}

async function onInitialized(): Promise<void> {
	log.info(
		`Graph Fixtures language server started (Node ${process.version}); relative paths resolve against ${settings.baseDirectory()}.`,
	);
	if (client.configuration) {
		settings.useFetcher((scopeUri) =>
			connection.workspace.getConfiguration({ scopeUri, section: settingsSection }),
		);
	}
	if (client.configurationRegistration) {
		await connection.client.register(DidChangeConfigurationNotification.type, {
			section: settingsSection,
		});
	}
	if (hasWorkspaceFolders) {
		connection.workspace.onDidChangeWorkspaceFolders(
			guardNotification(
				log,
				'workspace/didChangeWorkspaceFolders',
				checkFoldersChange,
				async (event: WorkspaceFoldersChangeEvent) => {
					settings.updateFolders(event.added, event.removed);
					await workspace.refreshSources();
				},
			),
		);
	}
	if (!settings.isTrusted) {
		log.info('The workspace is not trusted: type sources outside its folders are ignored.');
	}
	await workspace.refreshSources();
}

/** The `event` of `workspace/didChangeWorkspaceFolders`: folders added and removed. */
function checkFoldersChange(event: unknown): string | undefined {
	const isFolderList = (value: unknown): boolean =>
		Array.isArray(value) &&
		value.every((folder) => isObject(folder) && typeof folder.uri === 'string');
	return isObject(event) && isFolderList(event.added) && isFolderList(event.removed)
		? undefined
		: 'event is not { added, removed } lists of folders';
}

connection.onInitialize(onInitialize);
connection.onInitialized(() => {
	markInitialized();
	onInitialized().catch((error: unknown) =>
		log.error('Start-up failed; features use the bundled types.', error),
	);
});
connection.onShutdown(() => {
	isShutDown = true;
	log.verbose('Shutting down.');
});
registerDocumentSync(context);
registerCompletion(context);
registerHover(context);
registerDefinition(context);
registerCodeActions(context);
registerTypeRequests(context);
workspace.register();
documents.listen(connection, log);
connection.listen();
