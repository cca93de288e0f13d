/**
 * Loads every configured type source (the bundled page, reference page folders, CSDL
 * documents) and builds the type model. Used by the language server and the CLI alike.
 */
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TypeModel } from '../model/typeModel';
import type { SourceProblem } from '../model/types';
import { loadMetadata } from './csdl';
import type { MetadataCache } from './csdl';
import { combineSources } from './combine';
import { loadPages } from './pages';
import type { PageCache } from './pages';

export interface TypeSourceOptions {
	/** Folders or files of reference pages, absolute. */
	docs: readonly string[];
	/** CSDL documents, absolute. */
	metadata: readonly string[];
	signal?: AbortSignal;
	onProgress?: (stage: 'pages' | 'metadata', done: number, total: number) => void;
	pageCache?: PageCache;
	metadataCache?: MetadataCache;
	/**
	 * Folders that configured sources must really lie in (an untrusted workspace): a page,
	 * folder or document that a symbolic link places elsewhere is skipped with a problem.
	 */
	confineTo?: readonly string[];
}

export interface LoadedTypes {
	model: TypeModel;
	/** What the readers could not understand, and where CSDL and pages disagree. */
	problems: SourceProblem[];
	/** Sources that could not be read at all. */
	failedSources: string[];
	pageFiles: number;
	pageCount: number;
	metadataFiles: number;
	milliseconds: number;
	bundledPath: string;
	/** The configured page folders and CSDL documents, as loaded. */
	docs: readonly string[];
	metadata: readonly string[];
}

/** Where the bundled pages are, from the bundle (dist/), the compiled tree (out/) or sources. */
export function bundledTypesPath(): string {
	const candidates = [
		path.resolve(__dirname, '..', 'server', 'types'),
		path.resolve(__dirname, '..', '..', '..', '..', 'server', 'types'),
		path.resolve(__dirname, '..', '..', 'types'),
	];
	return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0];
}

export async function loadTypes(options: TypeSourceOptions): Promise<LoadedTypes> {
	const started = performance.now();
	const bundledPath = bundledTypesPath();
	const progress = options.onProgress;
	const confineTo = options.confineTo && (await realPaths(options.confineTo));
	const [bundled, pages, metadata] = await Promise.all([
		loadPages([bundledPath], { source: 'bundled', signal: options.signal }),
		loadPages([...options.docs], {
			signal: options.signal,
			cache: options.pageCache,
			confineTo,
			onProgress: progress && ((done, total) => progress('pages', done, total)),
		}),
		loadMetadata([...options.metadata], {
			signal: options.signal,
			cache: options.metadataCache,
			confineTo,
			onProgress: progress && ((done, total) => progress('metadata', done, total)),
		}),
	]);
	const combined = combineSources({
		bundled: bundled.types,
		pages: pages.types,
		csdl: metadata.types,
	});
	const problems = [
		...bundled.problems,
		...pages.problems,
		...metadata.problems,
		...combined.problems,
	];
	const failedSources = [
		...new Set(problems.filter((item) => item.severity === 'error').map((item) => item.fsPath)),
	];
	return {
		model: new TypeModel(combined.definitions),
		problems,
		failedSources,
		pageFiles: pages.files.length,
		pageCount: pages.pageCount,
		metadataFiles: metadata.files.length,
		milliseconds: Math.round(performance.now() - started),
		bundledPath,
		docs: options.docs,
		metadata: options.metadata,
	};
}

/** The real paths of folders, or the resolved path of one that cannot be resolved. */
function realPaths(folders: readonly string[]): Promise<string[]> {
	return Promise.all(folders.map((folder) => realpath(folder).catch(() => path.resolve(folder))));
}

/** One line for logs: what was loaded, from how many sources, how long it took. */
export function describeLoad(loaded: LoadedTypes): string {
	const all = loaded.model.all();
	const enums = all.filter((definition) => definition.kind === 'enum').length;
	const names = loaded.model.allNames().length;
	const where = [`the bundled page (${loaded.bundledPath})`];
	if (loaded.docs.length > 0) {
		where.push(
			`${loaded.pageCount} reference pages (${loaded.pageFiles} files read) in ${loaded.docs.join(', ')}`,
		);
	}
	if (loaded.metadata.length > 0) {
		where.push(`$metadata from ${loaded.metadata.join(', ')}`);
	}
	return (
		`Loaded ${names} types (${all.length - enums} structured and ${enums} enum definitions) ` +
		`from ${where.join('; ')} in ${loaded.milliseconds} ms; ` +
		`${loaded.problems.length} source problems.`
	);
}

export function formatSourceProblem(problem: SourceProblem): string {
	return `${problem.fsPath}:${problem.line + 1}: ${problem.message}`;
}
