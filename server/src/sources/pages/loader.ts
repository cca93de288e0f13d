/**
 * Loading page folders: find the files, read and parse them with bounded concurrency (a folder
 * of 100,000 files must not exhaust file descriptors), then resolve links across pages.
 * A file that cannot be used gives one problem and the others still load.
 */

import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { SourceKind, SourceProblem, TypeDefinition } from '../../model/types';
import type { PageCache } from './cache';
import {
	describeError,
	fileProblem,
	findPageFiles,
	isInsideAny,
	mapLimit,
	outsideMessage,
	throwIfAborted,
	type PageFile,
} from './files';
import { parsePage } from './page';
import type { ParsedPage } from './pageTypes';
import { resolvePages } from './resolve';

export interface PageLoadResult {
	types: TypeDefinition[];
	/** Zero-based lines. */
	problems: SourceProblem[];
	/** Every .md file read (or attempted), in path order. */
	files: string[];
	/** Pages that defined at least one type. */
	pageCount: number;
	milliseconds: number;
}

export interface PageLoadOptions {
	/** 'page' (default) or 'bundled'. */
	source?: SourceKind;
	/** Cancellation: reading stops and the promise rejects with an error named AbortError. */
	signal?: AbortSignal;
	onProgress?: (done: number, total: number) => void;
	/** Reuses parses of unchanged files (real path + mtime + size). */
	cache?: PageCache;
	/** Real paths of folders (an untrusted workspace): a page or folder elsewhere is skipped. */
	confineTo?: readonly string[];
}

interface FileResult {
	page?: ParsedPage;
	problems: SourceProblem[];
}

const FILE_CONCURRENCY = 64;
const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const decoder = new TextDecoder('utf-8');
// The callback API reads a file in one call; fs.promises.readFile reads in chunks and is slower.
const statFile = promisify(fs.stat);
const readFile = promisify(fs.readFile);

/** Reads every .md file below each path (a folder, recursively, or a single file). */
export async function loadPages(
	paths: string[],
	options: PageLoadOptions = {},
): Promise<PageLoadResult> {
	const started = performance.now();
	const { signal } = options;
	throwIfAborted(signal);
	const problems: SourceProblem[] = [];
	const files = await findPageFiles(paths, problems, signal, options.confineTo);
	const results: FileResult[] = new Array<FileResult>(files.length);
	let done = 0;
	await mapLimit(
		files,
		FILE_CONCURRENCY,
		async (file, index) => {
			results[index] = await readPage(file, options);
			options.onProgress?.(++done, files.length);
		},
		signal,
	);
	const pages = results.flatMap((result) => (result.page === undefined ? [] : [result.page]));
	const types = resolvePages(pages);
	throwIfAborted(signal);
	for (const result of results) {
		problems.push(...result.problems, ...(result.page?.problems ?? []));
	}
	return {
		types,
		problems,
		files: files.map((file) => file.fsPath),
		pageCount: pages.filter((page) => page.types.length > 0).length,
		milliseconds: performance.now() - started,
	};
}

async function readPage(file: PageFile, options: PageLoadOptions): Promise<FileResult> {
	const source = options.source ?? 'page';
	if (!isInsideAny(file.realPath, options.confineTo)) {
		return failed(file, `Page ${outsideMessage}`);
	}
	try {
		const stat = await statFile(file.realPath);
		if (!stat.isFile()) {
			return failed(file, 'Page is not a regular file; it was skipped.');
		}
		if (stat.size > MAX_PAGE_BYTES) {
			return failed(file, `Page is larger than 5 MB (${stat.size} bytes); it was skipped.`);
		}
		const stamp = { fsPath: file.fsPath, mtimeMs: stat.mtimeMs, size: stat.size, source };
		const cached = options.cache?.get(file.realPath, stamp);
		if (cached !== undefined) {
			return { page: cached, problems: [] };
		}
		const text = decodePage(await readFile(file.realPath));
		if (typeof text !== 'string') {
			return failed(file, text.problem);
		}
		const page = parsePage(file.fsPath, text, { source });
		options.cache?.set(file.realPath, { ...stamp, page });
		return { page, problems: [] };
	} catch (error) {
		return failed(file, `Page ${describeError(error)}; it was skipped.`);
	}
}

function decodePage(buffer: Buffer): string | { problem: string } {
	if (buffer.includes(0)) {
		return { problem: 'Page is binary (it holds NUL bytes); it was skipped.' };
	}
	const text = decoder.decode(buffer);
	return text.trim() === '' ? { problem: 'Page is empty; it was skipped.' } : text;
}

function failed(file: PageFile, message: string): FileResult {
	return { problems: [fileProblem(file.fsPath, message)] };
}
