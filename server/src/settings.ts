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
import type { Logger } from './log';
import { describeError } from './log';
import type { ApiVersion } from './model/types';
import type { SeverityLevel, Settings } from './protocol';
import { defaultSettings } from './protocol';

export const settingsSection = 'graphFixtures';

/** Asks the client for the section at a scope; resolves to whatever the client answers. */
export type ConfigurationFetcher = (scopeUri: string | undefined) => Promise<unknown>;

/** The type sources of the settings, as absolute paths, and the entries trust left out. */
export interface TypeSources {
	docs: string[];
	metadata: string[];
	/** Entries outside the workspace folders, ignored because the workspace is not trusted. */
	ignored: string[];
}

const severityLevels = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

export class SettingsStore {
	private initial: Partial<Settings> = {};
	private pushed: Partial<Settings> = {};
	private readonly cache = new Map<string, Promise<Settings>>();
	private folders: string[] = [];
	private rootPath: string | undefined;
	private fetcher: ConfigurationFetcher | undefined;
	/** False when the client said the workspace is not trusted. */
	isTrusted = true;

	constructor(private readonly log: Logger) {}

	initialize(params: InitializeParams): void {
		const options = params.initializationOptions as Record<string, unknown> | undefined;
		this.initial = normalizeSettings(options);
		this.isTrusted = options?.isTrusted !== false;
		this.setFolders(params.workspaceFolders ?? []);
		const root = params.rootUri
			? URI.parse(params.rootUri).fsPath
			: (params.rootPath ?? undefined);
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
		const section = (pushed as Record<string, unknown> | undefined)?.[settingsSection];
		if (section !== undefined && section !== null) {
			this.pushed = normalizeSettings(section);
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
		const base = { ...defaultSettings, ...this.initial, ...this.pushed };
		if (this.fetcher === undefined) {
			return base;
		}
		try {
			const pulled = await this.fetcher(uri);
			return { ...base, ...normalizeSettings(Array.isArray(pulled) ? pulled[0] : pulled) };
		} catch (error) {
			this.log.warnOnce(
				'configuration',
				`Could not read the ${settingsSection} settings from the client; using the initialization options.\n${describeError(error)}`,
			);
			return base;
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
		return { docs: keep(settings.docs), metadata: keep(settings.metadata), ignored };
	}

	resolvePath(entry: string): string {
		const expanded =
			entry === '~' || entry.startsWith('~/')
				? path.join(os.homedir(), entry.slice(1))
				: entry;
		return path.resolve(this.baseDirectory(), expanded);
	}

	private isInsideWorkspace(fsPath: string): boolean {
		const roots = this.folders.length > 0 ? this.folders : this.rootPath ? [this.rootPath] : [];
		return roots.some((root) => {
			const relative = path.relative(root, fsPath);
			return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
		});
	}
}

/**
 * Reads a settings object from a client, flat (`initializationOptions`) or as the section,
 * keeping only well-formed values; `validate.enable` may also come as a dotted key.
 */
export function normalizeSettings(raw: unknown): Partial<Settings> {
	if (typeof raw !== 'object' || raw === null) {
		return {};
	}
	const source = raw as Record<string, unknown>;
	const result: Partial<Settings> = {};
	const docs = stringList(source.docs);
	const metadata = stringList(source.metadata);
	if (docs) {
		result.docs = docs;
	}
	if (metadata) {
		result.metadata = metadata;
	}
	if (source.apiVersion === 'beta' || source.apiVersion === 'v1.0') {
		result.apiVersion = source.apiVersion as ApiVersion;
	}
	const enable =
		(source.validate as Record<string, unknown> | undefined)?.enable ??
		source['validate.enable'];
	if (typeof enable === 'boolean') {
		result.validate = { enable };
	}
	const severity = severityMap(source.severity);
	if (severity) {
		result.severity = severity;
	}
	if (typeof source.maxFileSize === 'number' && source.maxFileSize >= 0) {
		result.maxFileSize = source.maxFileSize;
	}
	if (typeof source.syntaxErrors === 'boolean') {
		result.syntaxErrors = source.syntaxErrors;
	}
	return result;
}

function stringList(value: unknown): string[] | undefined {
	if (typeof value === 'string') {
		return value === '' ? [] : [value];
	}
	if (!Array.isArray(value)) {
		return undefined;
	}
	return value.filter((item): item is string => typeof item === 'string' && item !== '');
}

function severityMap(value: unknown): Record<string, SeverityLevel> | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return undefined;
	}
	const result: Record<string, SeverityLevel> = {};
	for (const [code, level] of Object.entries(value)) {
		if (typeof level === 'string' && severityLevels.has(level)) {
			result[code] = level as SeverityLevel;
		}
	}
	return result;
}
