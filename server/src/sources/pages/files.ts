/**
 * Finding page files below the given paths: folders are walked level by level (no recursion),
 * with bounded concurrency, following symbolic links but never entering a real folder twice,
 * so link loops end. Only names ending in `.md` are pages.
 */

import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SourceProblem } from '../../model/types';

export interface PageFile {
	/** The path as found (given path, or folder path joined with entry names). */
	fsPath: string;
	/** The real path: the cache key, and how the same file reached twice is read once. */
	realPath: string;
}

interface Walk {
	files: Map<string, PageFile>;
	visited: Set<string>;
	problems: SourceProblem[];
	signal?: AbortSignal;
	confineTo?: readonly string[];
}

const FOLDER_CONCURRENCY = 16;

export function abortError(): Error {
	const error = new Error('Loading the reference pages was cancelled.');
	error.name = 'AbortError';
	return error;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw abortError();
	}
}

/** Runs `worker` over `items` with at most `limit` calls in flight; stops early on abort. */
export async function mapLimit<T>(
	items: T[],
	limit: number,
	worker: (item: T, index: number) => Promise<void>,
	signal?: AbortSignal,
): Promise<void> {
	let next = 0;
	const run = async (): Promise<void> => {
		while (next < items.length && !signal?.aborted) {
			const index = next++;
			await worker(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
	throwIfAborted(signal);
}

/** With `confineTo` (real paths), folders whose real path lies elsewhere are not listed. */
export async function findPageFiles(
	paths: string[],
	problems: SourceProblem[],
	signal?: AbortSignal,
	confineTo?: readonly string[],
): Promise<PageFile[]> {
	const walk: Walk = { files: new Map(), visited: new Set(), problems, signal, confineTo };
	let level: string[] = [];
	for (const input of paths) {
		const fsPath = path.resolve(input);
		if (await addInput(fsPath, walk)) {
			level.push(fsPath);
		}
	}
	while (level.length > 0) {
		const next: string[] = [];
		await mapLimit(
			level,
			FOLDER_CONCURRENCY,
			(folder) => readFolder(folder, walk, next),
			signal,
		);
		level = next;
	}
	return [...walk.files.values()].sort((a, b) =>
		a.fsPath < b.fsPath ? -1 : a.fsPath > b.fsPath ? 1 : 0,
	);
}

/** Adds a given file; returns true for a folder to walk. A missing path is one problem. */
async function addInput(fsPath: string, walk: Walk): Promise<boolean> {
	let isFolder: boolean;
	try {
		isFolder = (await fs.stat(fsPath)).isDirectory();
	} catch (error) {
		walk.problems.push(
			fileProblem(fsPath, `Path ${describeError(error)}; nothing was read from it.`),
		);
		return false;
	}
	if (isFolder && !isPageName(fsPath)) {
		return true;
	}
	await addFile(fsPath, walk);
	return false;
}

async function readFolder(folder: string, walk: Walk, next: string[]): Promise<void> {
	let realFolder: string;
	let entries: Dirent[];
	try {
		realFolder = await fs.realpath(folder);
		if (walk.visited.has(realFolder)) {
			const message = 'Folder was reached again through a symbolic link; it was read once.';
			walk.problems.push({ ...fileProblem(folder, message), severity: 'warning' });
			return;
		}
		walk.visited.add(realFolder);
		if (!isInsideAny(realFolder, walk.confineTo)) {
			walk.problems.push(fileProblem(folder, `Folder ${outsideMessage}`));
			return;
		}
		entries = await fs.readdir(folder, { withFileTypes: true });
	} catch (error) {
		walk.problems.push(fileProblem(folder, `Folder ${describeError(error)}; it was skipped.`));
		return;
	}
	for (const entry of entries) {
		await readEntry(entry, folder, realFolder, walk, next);
	}
}

async function readEntry(
	entry: Dirent,
	folder: string,
	realFolder: string,
	walk: Walk,
	next: string[],
): Promise<void> {
	const fsPath = path.join(folder, entry.name);
	const isPage = isPageName(entry.name);
	if (entry.isSymbolicLink()) {
		await readLink(fsPath, isPage, walk, next);
	} else if (entry.isDirectory() && !isPage) {
		next.push(fsPath);
	} else if (isPage) {
		// Directories, pipes and sockets named *.md are pages that cannot be read: one problem each.
		addKnownFile(fsPath, path.join(realFolder, entry.name), walk);
	}
}

async function readLink(
	fsPath: string,
	isPage: boolean,
	walk: Walk,
	next: string[],
): Promise<void> {
	try {
		const stat = await fs.stat(fsPath);
		if (stat.isDirectory() && !isPage) {
			next.push(fsPath);
			return;
		}
	} catch {
		// A broken or looping link: a page name still gets its read problem below, others are skipped.
	}
	if (isPage) {
		await addFile(fsPath, walk);
	}
}

async function addFile(fsPath: string, walk: Walk): Promise<void> {
	let realPath = fsPath;
	try {
		realPath = await fs.realpath(fsPath);
	} catch {
		// Unresolvable (a broken link): reading it later reports the problem.
	}
	addKnownFile(fsPath, realPath, walk);
}

function addKnownFile(fsPath: string, realPath: string, walk: Walk): void {
	if (!walk.files.has(realPath)) {
		walk.files.set(realPath, { fsPath, realPath });
	}
}

/** Why a path outside the confining folders is skipped; starts after "Folder" or "Page". */
export const outsideMessage =
	'lies outside the workspace (a symbolic link points there); an untrusted workspace reads only its own files, so it was skipped.';

/** Whether a real path lies in one of `roots` (real paths); true when there are no roots. */
export function isInsideAny(realPath: string, roots: readonly string[] | undefined): boolean {
	if (roots === undefined) {
		return true;
	}
	return roots.some(
		(root) =>
			realPath === root ||
			realPath.startsWith(root.endsWith(path.sep) ? root : root + path.sep),
	);
}

function isPageName(name: string): boolean {
	return name.toLowerCase().endsWith('.md');
}

export function describeError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code === 'ENOENT') {
		return 'does not exist';
	}
	if (code === 'EACCES' || code === 'EPERM') {
		return 'cannot be read (permission denied)';
	}
	if (code === 'ELOOP') {
		return 'cannot be read (a symbolic link loop)';
	}
	return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

export function fileProblem(fsPath: string, message: string): SourceProblem {
	return { fsPath, line: 0, message, severity: 'error' };
}
