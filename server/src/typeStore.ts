/**
 * The loaded types and their validator: loaded at start-up, reloaded when the configured
 * sources change or a watched page or metadata file changes. A newer load aborts an older one,
 * and everyone waiting gets the newest result. Parses of unchanged files are reused.
 */
import * as path from 'node:path';
import type { Logger } from './log';
import { TypeModel } from './model/typeModel';
import type { TypesLoadedParams } from './protocol';
import { Validator, doValidation } from './service';
import { createSkeleton } from './service/skeleton';
import { MetadataCache } from './sources/csdl';
import { PageCache } from './sources/pages';
import type { LoadedTypes } from './sources/typeSources';
import {
	bundledTypesPath,
	describeLoad,
	formatSourceProblem,
	loadTypes,
} from './sources/typeSources';

export interface LoadedState {
	loaded: LoadedTypes;
	/** One per loaded model: its ajv schemas are compiled once and reused. */
	validator: Validator;
}

/** Reports the progress of one load; `done` is called exactly once. */
export interface ProgressReporter {
	report(percentage: number, message: string): void;
	done(): void;
}

export interface TypeStoreHooks {
	log: Logger;
	/** Starts a progress report in the client, when it supports one; never waits for it. */
	beginProgress: (title: string) => ProgressReporter | undefined;
	/** Called after every load that was not superseded by a newer one. */
	onLoaded: (state: LoadedState, params: TypesLoadedParams) => void;
}

export interface SourcePaths {
	docs: string[];
	metadata: string[];
	/** Folders that reading must not leave (an untrusted workspace's). */
	confineTo?: string[];
}

export class TypeStore {
	private state: LoadedState | undefined;
	private pending: Promise<LoadedState> | undefined;
	private controller: AbortController | undefined;
	private generation = 0;
	private sources: SourcePaths = { docs: [], metadata: [] };
	private readonly pageCache = new PageCache();
	private readonly metadataCache = new MetadataCache();
	/** Resolves once the sources are known, so that no one loads the types without them. */
	private readonly sourcesKnown: Promise<void>;
	private markSourcesKnown: () => void = () => undefined;

	constructor(private readonly hooks: TypeStoreHooks) {
		this.sourcesKnown = new Promise((resolve) => (this.markSourcesKnown = resolve));
	}

	/** The newest loaded types, waiting for the sources to be known and for a load in progress. */
	async ready(): Promise<LoadedState> {
		await this.sourcesKnown;
		if (this.pending) {
			return this.pending;
		}
		return this.state ?? this.reload('start-up');
	}

	/** The loaded types if a load has finished, without waiting. */
	current(): LoadedState | undefined {
		return this.state;
	}

	get paths(): SourcePaths {
		return this.sources;
	}

	/**
	 * Starts loading sources that are likely to be the ones (those the initialization options
	 * name) before they are known for sure: the client's settings are pulled only after
	 * `initialized`, and a document opened meanwhile would wait for the whole load. Nothing
	 * waits on this load until setSources confirms the sources; other sources replace it.
	 */
	preload(sources: SourcePaths): void {
		if (this.state !== undefined || this.pending !== undefined) {
			return;
		}
		this.sources = copySources(sources);
		void this.reload('start-up');
	}

	/** Sets the sources; reloads when they differ from the loaded ones. Returns whether they did. */
	setSources(sources: SourcePaths): boolean {
		const changed = JSON.stringify(sources) !== JSON.stringify(this.sources);
		this.sources = copySources(sources);
		this.markSourcesKnown();
		if (changed || (!this.state && !this.pending)) {
			void this.reload(changed ? 'the settings changed' : 'start-up');
		}
		return changed;
	}

	/** Whether a change to this file can change the types. */
	isSource(fsPath: string): boolean {
		const lower = fsPath.toLowerCase();
		if (lower.endsWith('.md')) {
			return [...this.sources.docs, bundledTypesPath()].some((entry) =>
				isWithin(entry, fsPath),
			);
		}
		return this.sources.metadata.some((entry) => path.resolve(entry) === path.resolve(fsPath));
	}

	reload(reason: string): Promise<LoadedState> {
		const generation = ++this.generation;
		this.controller?.abort();
		const controller = new AbortController();
		this.controller = controller;
		this.hooks.log.verbose(`Loading types: ${reason}.`);
		const run = this.load(controller.signal).then(
			(state) => this.settle(generation, state),
			(error: unknown) => this.fail(generation, error),
		);
		this.pending = run;
		return run;
	}

	private settle(generation: number, state: LoadedState): LoadedState | Promise<LoadedState> {
		if (generation !== this.generation) {
			return this.pending ?? state;
		}
		this.state = state;
		this.pending = undefined;
		this.report(state);
		this.reportUnresolved(state.loaded.model, generation).catch((error: unknown) =>
			this.hooks.log.error('Listing the types that are not loaded failed.', error),
		);
		return state;
	}

	private fail(generation: number, error: unknown): LoadedState | Promise<LoadedState> {
		if (generation !== this.generation) {
			return this.pending ?? this.fallback();
		}
		this.hooks.log.error(
			'Could not load the types; using the types loaded before, if any.',
			error,
		);
		const state = this.state ?? this.fallback();
		this.state = state;
		this.pending = undefined;
		return state;
	}

	/** An empty model, so that every feature keeps answering when loading failed outright. */
	private fallback(): LoadedState {
		const model = new TypeModel([]);
		const loaded: LoadedTypes = {
			model,
			problems: [],
			failedSources: [],
			pageFiles: 0,
			pageCount: 0,
			metadataFiles: 0,
			milliseconds: 0,
			bundledPath: bundledTypesPath(),
			docs: [],
			metadata: [],
		};
		return { loaded, validator: new Validator(model) };
	}

	private async load(signal: AbortSignal): Promise<LoadedState> {
		const progress = this.hooks.beginProgress('Graph Fixtures: loading types');
		try {
			const loaded = await loadTypes({
				docs: this.sources.docs,
				metadata: this.sources.metadata,
				confineTo: this.sources.confineTo,
				signal,
				pageCache: this.pageCache,
				metadataCache: this.metadataCache,
				onProgress:
					progress && ((stage, done, total) => reportStage(progress, stage, done, total)),
			});
			const validator = new Validator(loaded.model);
			warmUp(validator, loaded.model);
			return { loaded, validator };
		} finally {
			progress?.done();
		}
	}

	/** One info line per load, one error line per source that could not be read. */
	private report(state: LoadedState): void {
		const { loaded } = state;
		const { log } = this.hooks;
		log.info(describeLoad(loaded));
		for (const fsPath of loaded.failedSources) {
			const problems = loaded.problems.filter(
				(item) => item.fsPath === fsPath && item.severity === 'error',
			);
			log.error(
				`Could not read types from ${fsPath}: ${failureAdvice(problems.map((item) => item.message))}`,
			);
		}
		for (const problem of loaded.problems) {
			log.verbose(formatSourceProblem(problem));
		}
		this.hooks.onLoaded(state, typesLoadedParams(loaded));
	}

	/**
	 * One info line per load on the types that pages name but no source defines: they accept
	 * any value, which a user would otherwise never learn. Resolving every property of every
	 * type finds them all (the model collects them lazily); that takes 20 to 40 ms for the 595
	 * reference pages and 250 to 400 for both full $metadata documents, so it runs in slices
	 * with the event loop free between them, and stops when a newer load replaces this one.
	 */
	private async reportUnresolved(model: TypeModel, generation: number): Promise<void> {
		const started = performance.now();
		const isCurrent = await resolveAllProperties(model, () => generation === this.generation);
		if (!isCurrent || model.unresolvedNames.size === 0) {
			return;
		}
		const names = [...model.unresolvedNames].sort();
		const shown = names.slice(0, maxUnresolvedShown).join(', ');
		const more =
			names.length > maxUnresolvedShown ? `, … (the first ${maxUnresolvedShown})` : '';
		this.hooks.log.info(
			`${names.length} referenced types are not loaded and accept any value: ${shown}${more}. Add their reference pages to graphFixtures.docs to check them.`,
		);
		this.hooks.log.verbose(
			`Unresolved types (found in ${Math.round(performance.now() - started)} ms): ${names.join(', ')}.`,
		);
	}
}

/** Unresolved type names named in the info line; the trace has them all. */
const maxUnresolvedShown = 10;

/** The longest the property resolution holds the event loop before letting requests in. */
const resolveSliceMs = 10;

/**
 * Resolves the properties of every structured type in both API versions, so that the model
 * has met every name a source refers to. Resolves to false when `isCurrent` turned false.
 */
async function resolveAllProperties(model: TypeModel, isCurrent: () => boolean): Promise<boolean> {
	let sliceStarted = performance.now();
	for (const definition of model.all()) {
		if (definition.kind !== 'structured') {
			continue;
		}
		model.propertiesOf(definition, 'beta');
		model.propertiesOf(definition, 'v1.0');
		if (performance.now() - sliceStarted > resolveSliceMs) {
			await new Promise((resolve) => setImmediate(resolve));
			if (!isCurrent()) {
				return false;
			}
			sliceStarted = performance.now();
		}
	}
	return isCurrent();
}

export function typesLoadedParams(loaded: LoadedTypes): TypesLoadedParams {
	return {
		typeCount: loaded.model.allNames().length,
		pageCount: loaded.pageCount,
		metadataCount: loaded.metadataFiles,
		problemCount: loaded.problems.length,
		failedSources: loaded.failedSources,
		milliseconds: loaded.milliseconds,
	};
}

/** The reader's reason, and what to do about it unless the reason already says. */
function failureAdvice(reasons: string[]): string {
	const reason = (reasons[0] ?? 'it could not be read').replace(/\.$/, '');
	const remedy = /\bcheck\b/i.test(reason)
		? ''
		: ' Check the path in graphFixtures.docs or graphFixtures.metadata.';
	return `${reason}.${remedy} The other sources were loaded; reload the types after fixing it.`;
}

function reportStage(
	progress: ProgressReporter,
	stage: 'pages' | 'metadata',
	done: number,
	total: number,
): void {
	const percentage = total > 0 ? Math.round((done / total) * 100) : 0;
	progress.report(
		percentage,
		`${stage === 'pages' ? 'reference pages' : '$metadata'} ${done}/${total}`,
	);
}

/** Whether `fsPath` is `entry` or inside the folder `entry`. */
function isWithin(entry: string, fsPath: string): boolean {
	const relative = path.relative(entry, fsPath);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function copySources(sources: SourcePaths): SourcePaths {
	return {
		docs: [...sources.docs],
		metadata: [...sources.metadata],
		confineTo: sources.confineTo && [...sources.confineTo],
	};
}

/**
 * Checks a skeleton of each bundled type once, right after a load: its schema is compiled and
 * the parser and validator are compiled by the JIT before the user's first document arrives,
 * instead of during it (a few milliseconds here; about a hundred on the first open otherwise).
 */
function warmUp(validator: Validator, model: TypeModel): void {
	for (const definition of model.all()) {
		if (definition.source !== 'bundled' || definition.kind !== 'structured') {
			continue;
		}
		const text = createSkeleton(model, definition.name, definition.version ?? 'beta');
		if (text !== undefined) {
			doValidation(validator, `{"value": [${text}, ${text}]}`, {
				allowComments: false,
				apiVersion: definition.version ?? 'beta',
				maxFileSize: Number.MAX_SAFE_INTEGER,
				onlyTagged: true,
				syntaxErrors: true,
			});
		}
	}
}
