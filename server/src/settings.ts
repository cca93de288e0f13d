/**
 * Settings: resolved per document and cached until the configuration changes. Layers, last wins:
 * the defaults, `initializationOptions` (editors without workspace configuration), the settings
 * pushed with `workspace/didChangeConfiguration`, and the section pulled with
 * `workspace/configuration` for the document's scope.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { InitializeParams, WorkspaceFolder } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { describeValue, isObject } from './handlers/params';
import type { Logger } from './log';
import { describeError } from './log';
import type { Settings } from './protocol';
import { defaultSettings } from './protocol';
import type { SettingsRead } from './settingsReader';
import {
	describeSettingProblem,
	problemName,
	readSettings,
	settingsSection,
} from './settingsReader';

export { settingsSection };

/** Asks the client for the section at a scope; resolves to whatever the client answers. */
export type ConfigurationFetcher = (scopeUri: string | undefined) => Promise<unknown>;

/** The type sources of the settings, as absolute paths, and the entries trust left out. */
export interface TypeSources {
	docs: string[];
	metadata: string[];
	/** Entries outside the workspace folders, ignored because the workspace is not trusted. */
	ignored: string[];
	/**
	 * In an untrusted workspace, the folders reading must stay in: a symbolic link inside the
	 * workspace must not lead the readers to files outside it.
	 */
	confineTo?: string[];
}

/** Where a settings object came from, as the log names it. */
const origins = {
	initial: 'the initialization options',
	pushed: 'workspace/didChangeConfiguration',
	pulled: 'the workspace configuration',
};

/** Shows a message to the user (`window/showMessage`), for those who never open the log. */
export type SettingsNotifier = (message: string) => void;

export class SettingsStore {
	private initial: SettingsRead = { settings: {}, problems: [] };
	private pushed: SettingsRead = { settings: {}, problems: [] };
	private readonly cache = new Map<string, Promise<Settings>>();
	private folders: string[] = [];
	private rootPath: string | undefined;
	private fetcher: ConfigurationFetcher | undefined;
	/** False when the client said the workspace is not trusted. */
	isTrusted = true;

	constructor(
		private readonly log: Logger,
		private readonly notify?: SettingsNotifier,
	) {}

	/** Reads the initialization options, folders and root; malformed ones count as absent. */
	initialize(params: Partial<InitializeParams>): void {
		const options: unknown = params.initializationOptions;
		this.initial = readSettings(options);
		this.isTrusted = !isObject(options) || options.isTrusted !== false;
		const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders : [];
		this.setFolders(
			folders.filter((folder) => isObject(folder) && typeof folder.uri === 'string'),
		);
		const root =
			typeof params.rootUri === 'string'
				? URI.parse(params.rootUri).fsPath
				: typeof params.rootPath === 'string'
					? params.rootPath
					: undefined;
		this.rootPath = root || undefined;
	}

	/** Pull configuration from the client from now on (it supports `workspace/configuration`). */
	useFetcher(fetcher: ConfigurationFetcher): void {
		this.fetcher = fetcher;
		this.cache.clear();
	}

	setFolders(folders: readonly WorkspaceFolder[]): void {
		this.folders = folders.map((folder) => URI.parse(folder.uri).fsPath);
	}

	updateFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
		const gone = new Set(removed.map((folder) => URI.parse(folder.uri).fsPath));
		const kept = this.folders.filter((folder) => !gone.has(folder));
		this.folders = [...kept, ...added.map((folder) => URI.parse(folder.uri).fsPath)];
		this.cache.clear();
	}

	/** Drops every cached value; `pushed` is what `didChangeConfiguration` carried, if anything. */
	clear(pushed?: unknown): void {
		// Clients that want the section pulled again send `settings: null` or another section.
		const section = isObject(pushed) ? pushed[settingsSection] : undefined;
		if (section !== undefined && section !== null) {
			this.pushed = readSettings(section);
		}
		this.cache.clear();
	}

	/** The settings of a document (or of the workspace when `uri` is undefined). */
	get(uri?: string): Promise<Settings> {
		const key = uri ?? '';
		let settings = this.cache.get(key);
		if (settings === undefined) {
			settings = this.resolve(uri);
			this.cache.set(key, settings);
		}
		return settings;
	}

	private async resolve(uri: string | undefined): Promise<Settings> {
		const base = { ...defaultSettings, ...this.initial.settings, ...this.pushed.settings };
		const layers: [origin: string, read: SettingsRead][] = [
			[origins.initial, this.initial],
			[origins.pushed, this.pushed],
		];
		const pulled = await this.pull(uri);
		layers.push([origins.pulled, pulled]);
		const settings = { ...base, ...pulled.settings };
		this.report(layers, settings);
		return settings;
	}

	/** The section for a scope, read from the client; nothing when it offers no configuration. */
	private async pull(uri: string | undefined): Promise<SettingsRead> {
		if (this.fetcher === undefined) {
			return { settings: {}, problems: [] };
		}
		try {
			const pulled = await this.fetcher(uri);
			return readSettings(Array.isArray(pulled) ? pulled[0] : pulled);
		} catch (error) {
			this.log.warnOnce(
				'configuration',
				`Could not read the ${settingsSection} settings from the client; using the initialization options.\n${describeError(error)}`,
			);
			return { settings: {}, problems: [] };
		}
	}

	/**
	 * One warning per distinct problem (origin, setting and value), however often the settings
	 * are resolved, and one message to the user per batch of new problems.
	 */
	private report(layers: readonly [string, SettingsRead][], settings: Settings): void {
		const fresh: { name: string; message: string }[] = [];
		for (const [origin, { problems }] of layers) {
			for (const problem of problems) {
				const cause = `setting|${origin}|${problem.key}|${describeValue(problem.value)}`;
				const message = describeSettingProblem(problem, origin, settings);
				if (this.log.warnOnce(cause, message)) {
					fresh.push({ name: problemName(problem), message });
				}
			}
		}
		if (fresh.length === 1) {
			this.notify?.(fresh[0].message);
		} else if (fresh.length > 1) {
			const names = [...new Set(fresh.map((item) => item.name))].join(', ');
			this.notify?.(
				`${fresh.length} Graph Fixtures settings could not be used (${names}); the language server log says what each one expects and what is used instead.`,
			);
		}
	}

	/** Where relative paths start: the first workspace folder, else the root, else the cwd. */
	baseDirectory(): string {
		return this.folders[0] ?? this.rootPath ?? process.cwd();
	}

	/** Resolves the source paths; in an untrusted workspace, drops those outside its folders. */
	typeSources(settings: Settings): TypeSources {
		const ignored: string[] = [];
		const keep = (entries: readonly string[]): string[] => {
			const kept: string[] = [];
			for (const entry of entries) {
				const resolved = this.resolvePath(entry);
				if (this.isTrusted || this.isInsideWorkspace(resolved)) {
					kept.push(resolved);
				} else {
					ignored.push(resolved);
				}
			}
			return [...new Set(kept)];
		};
		const docs = keep(settings.docs);
		const metadata = keep(settings.metadata);
		return this.isTrusted
			? { docs, metadata, ignored }
			: { docs, metadata, ignored, confineTo: this.workspaceRoots() };
	}

	resolvePath(entry: string): string {
		const expanded =
			entry === '~' || entry.startsWith('~/')
				? path.join(os.homedir(), entry.slice(1))
				: entry;
		return path.resolve(this.baseDirectory(), expanded);
	}

	private workspaceRoots(): string[] {
		return this.folders.length > 0 ? this.folders : this.rootPath ? [this.rootPath] : [];
	}

	private isInsideWorkspace(fsPath: string): boolean {
		return this.workspaceRoots().some((root) => {
			const relative = path.relative(root, fsPath);
			return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
		});
	}
}
