/**
 * The workspace side: configuration changes, watched page and metadata files, workspace trust
 * and folders. Each of them can change which type sources apply, and so trigger a reload.
 */
import * as path from 'node:path';
import type {
	DidChangeConfigurationParams,
	DidChangeWatchedFilesParams,
	Disposable,
	FileSystemWatcher,
} from 'vscode-languageserver';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { TrustChangedParams } from '../protocol';
import { trustChangedNotification, untrustedPathsIgnoredNotification } from '../protocol';
import type { TypeSources } from '../settings';
import type { SourcePaths } from '../typeStore';
import type { ServerContext } from './context';
import { guardNotification } from './guard';
import { checkObject, isObject } from './params';

/** Saving a folder of pages touches many files: one reload after the burst. */
const watchDebounceMs = 300;

export class WorkspaceHandlers {
	private watcherRegistration: Promise<Disposable> | undefined;
	private reloadTimer: NodeJS.Timeout | undefined;
	private lastIgnored = '';

	constructor(private readonly context: ServerContext) {}

	register(): void {
		const { connection, log } = this.context;
		connection.onDidChangeConfiguration(
			guardNotification(
				log,
				'workspace/didChangeConfiguration',
				checkObject,
				(params: DidChangeConfigurationParams) => this.onConfigurationChanged(params),
			),
		);
		connection.onDidChangeWatchedFiles(
			guardNotification(
				log,
				'workspace/didChangeWatchedFiles',
				checkWatchedFiles,
				(params: DidChangeWatchedFilesParams) => this.onFilesChanged(params),
			),
		);
		connection.onNotification(
			trustChangedNotification,
			guardNotification(
				log,
				trustChangedNotification,
				checkTrust,
				(params: TrustChangedParams) => this.onTrustChanged(params),
			),
		);
	}

	/** Starts loading the sources the initialization options name; see TypeStore.preload. */
	async preloadSources(): Promise<void> {
		const { paths } = await this.readSources();
		this.context.types.preload(paths);
	}

	/** Reads the sources from the settings and hands them to the type store. */
	async refreshSources(): Promise<void> {
		const { types, log, connection } = this.context;
		const { sources, paths } = await this.readSources();
		const ignored = sources.ignored.join('\n');
		if (sources.ignored.length > 0 && ignored !== this.lastIgnored) {
			log.warn(
				`The workspace is not trusted: ignored type sources outside its folders: ${sources.ignored.join(', ')}.`,
			);
			void connection.sendNotification(untrustedPathsIgnoredNotification, {
				paths: sources.ignored,
			});
		}
		this.lastIgnored = ignored;
		if (types.setSources(paths) || this.watcherRegistration === undefined) {
			await this.registerWatchers(paths);
		}
	}

	/** The sources the current settings name, and the paths of them the type store reads. */
	private async readSources(): Promise<{ sources: TypeSources; paths: SourcePaths }> {
		const { settings } = this.context;
		const sources = settings.typeSources(await settings.get());
		const { docs, metadata, confineTo } = sources;
		return { sources, paths: { docs, metadata, confineTo } };
	}

	private async onConfigurationChanged(params: DidChangeConfigurationParams): Promise<void> {
		this.context.settings.clear(params.settings);
		this.context.log.verbose('Configuration changed: settings will be read again.');
		await this.refreshSources();
		this.context.validation.scheduleAll();
	}

	private onFilesChanged(params: DidChangeWatchedFilesParams): void {
		const changed = params.changes
			.map((change) => URI.parse(change.uri).fsPath)
			.filter((fsPath) => this.context.types.isSource(fsPath));
		if (changed.length === 0) {
			return;
		}
		clearTimeout(this.reloadTimer);
		this.reloadTimer = setTimeout(() => {
			void this.context.types.reload(
				`${changed.length} source files changed, such as ${changed[0]}`,
			);
		}, watchDebounceMs);
	}

	private async onTrustChanged(params: TrustChangedParams): Promise<void> {
		this.context.settings.isTrusted = params.isTrusted;
		this.context.log.info(
			`Workspace trust changed: ${params.isTrusted ? 'trusted' : 'not trusted'}.`,
		);
		this.context.settings.clear();
		await this.refreshSources();
	}

	/** Asks the client to watch the source files, when it can register watchers dynamically. */
	private async registerWatchers(paths: SourcePaths): Promise<void> {
		const { client, connection } = this.context;
		if (!client.watchedFilesRegistration) {
			return;
		}
		const previous = this.watcherRegistration;
		this.watcherRegistration = connection.client.register(
			DidChangeWatchedFilesNotification.type,
			{
				watchers: watchersFor(paths, client.relativePatterns),
			},
		);
		(await previous)?.dispose();
		await this.watcherRegistration;
	}
}

/** Relative patterns on each source where the client supports them, else global globs. */
function watchersFor(paths: SourcePaths, relativePatterns: boolean): FileSystemWatcher[] {
	if (!relativePatterns) {
		return [{ globPattern: '**/*.md' }, { globPattern: '**/*.xml' }];
	}
	const watchers: FileSystemWatcher[] = paths.docs.map((entry) => ({
		globPattern: entry.toLowerCase().endsWith('.md')
			? { baseUri: URI.file(path.dirname(entry)).toString(), pattern: path.basename(entry) }
			: { baseUri: URI.file(entry).toString(), pattern: '**/*.md' },
	}));
	for (const entry of paths.metadata) {
		watchers.push({
			globPattern: {
				baseUri: URI.file(path.dirname(entry)).toString(),
				pattern: path.basename(entry),
			},
		});
	}
	return watchers;
}

function checkWatchedFiles(params: unknown): string | undefined {
	const changes = isObject(params) ? params.changes : undefined;
	return (
		checkObject(params) ??
		(Array.isArray(changes) &&
		changes.every((change) => isObject(change) && typeof change.uri === 'string')
			? undefined
			: 'changes is not an array of { uri, type }')
	);
}

function checkTrust(params: unknown): string | undefined {
	return (
		checkObject(params) ??
		(typeof (params as { isTrusted?: unknown }).isTrusted === 'boolean'
			? undefined
			: 'isTrusted is not true or false')
	);
}
