/** Reads `$metadata` files from disk, one after the other, with a cache of unchanged files. */
import { promises as fs } from 'node:fs';
import { sep } from 'node:path';
import type { SourceProblem, TypeDefinition } from '../../model/types';
import { parseCsdl, type CsdlParseResult } from './parse';

export interface MetadataLoadResult {
	types: TypeDefinition[];
	problems: SourceProblem[];
	/** The paths (as given) of the files that could be read, whatever their content. */
	files: string[];
	milliseconds: number;
}

export interface MetadataLoadOptions {
	/** Stops between files; the promise then rejects with the signal's reason (an AbortError). */
	signal?: AbortSignal;
	onProgress?: (done: number, total: number) => void;
	cache?: MetadataCache;
	/** Real paths of folders (an untrusted workspace): a document elsewhere is not read. */
	confineTo?: readonly string[];
}

/** Far above any real `$metadata` (beta was 4 MB in 2021), below V8's string limit. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

interface CacheEntry {
	fsPath: string;
	mtimeMs: number;
	size: number;
	result: CsdlParseResult;
}

/**
 * Parses of unchanged files, keyed by real path, modification time and size. The cached
 * definitions are shared between loads: callers must not modify them.
 */
export class MetadataCache {
	private readonly entries = new Map<string, CacheEntry>();

	lookup(
		realPath: string,
		fsPath: string,
		mtimeMs: number,
		size: number,
	): CsdlParseResult | undefined {
		const entry = this.entries.get(realPath);
		const isFresh =
			entry !== undefined &&
			entry.fsPath === fsPath &&
			entry.mtimeMs === mtimeMs &&
			entry.size === size;
		return isFresh ? entry.result : undefined;
	}

	store(realPath: string, entry: CacheEntry): void {
		this.entries.set(realPath, entry);
	}

	clear(): void {
		this.entries.clear();
	}

	get size(): number {
		return this.entries.size;
	}
}

/**
 * Reads every file in order. A file that cannot be read or parsed gives problems and the
 * others still load; a path given twice (or two paths to one real file) is read once.
 */
export async function loadMetadata(
	paths: string[],
	options: MetadataLoadOptions = {},
): Promise<MetadataLoadResult> {
	const started = performance.now();
	const result: MetadataLoadResult = { types: [], problems: [], files: [], milliseconds: 0 };
	const seen = new Set<string>();
	for (const [index, fsPath] of paths.entries()) {
		options.signal?.throwIfAborted();
		const loaded = await loadFile(fsPath, seen, options);
		options.signal?.throwIfAborted();
		if (loaded.wasRead) {
			result.files.push(fsPath);
		}
		result.types.push(...loaded.types);
		result.problems.push(...loaded.problems);
		options.onProgress?.(index + 1, paths.length);
	}
	result.milliseconds = performance.now() - started;
	return result;
}

interface LoadedFile {
	wasRead: boolean;
	types: readonly TypeDefinition[];
	problems: readonly SourceProblem[];
}

async function loadFile(
	fsPath: string,
	seen: Set<string>,
	options: MetadataLoadOptions,
): Promise<LoadedFile> {
	const cache = options.cache;
	try {
		const realPath = await fs.realpath(fsPath);
		if (seen.has(realPath)) {
			return { wasRead: false, types: [], problems: [] };
		}
		if (!isInside(realPath, options.confineTo)) {
			const reason =
				'it lies outside the workspace (a symbolic link points there), and an untrusted workspace reads only its own files';
			return { wasRead: false, types: [], problems: [unreadable(fsPath, reason)] };
		}
		seen.add(realPath);
		const stats = await fs.stat(realPath);
		const problem = checkStats(fsPath, stats);
		if (problem !== undefined) {
			return { wasRead: false, types: [], problems: [problem] };
		}
		const cached = cache?.lookup(realPath, fsPath, stats.mtimeMs, stats.size);
		const result = cached ?? parseCsdl(fsPath, decodeText(await fs.readFile(realPath)));
		if (!cached) {
			cache?.store(realPath, { fsPath, mtimeMs: stats.mtimeMs, size: stats.size, result });
		}
		return { wasRead: true, types: result.types, problems: result.problems };
	} catch (error) {
		return { wasRead: false, types: [], problems: [readProblem(fsPath, error)] };
	}
}

function isInside(realPath: string, roots: readonly string[] | undefined): boolean {
	return (
		roots === undefined ||
		roots.some(
			(root) =>
				realPath === root || realPath.startsWith(root.endsWith(sep) ? root : root + sep),
		)
	);
}

function checkStats(
	fsPath: string,
	stats: { isFile(): boolean; size: number },
): SourceProblem | undefined {
	if (!stats.isFile()) {
		return unreadable(fsPath, 'it is a folder or a device, not a file');
	}
	if (stats.size > MAX_FILE_BYTES) {
		return unreadable(
			fsPath,
			`it is ${Math.round(stats.size / 1048576)} MB, over the 256 MB limit for a $metadata document`,
		);
	}
	return undefined;
}

const READ_ERRORS: ReadonlyMap<string, string> = new Map([
	['ENOENT', 'the file does not exist'],
	['EACCES', 'permission denied'],
	['EPERM', 'permission denied'],
	['EISDIR', 'it is a folder, not a file'],
	['ELOOP', 'its symbolic links form a loop'],
]);

function readProblem(fsPath: string, error: unknown): SourceProblem {
	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
	const reason =
		READ_ERRORS.get(code) ?? (error instanceof Error ? error.message : String(error));
	return unreadable(fsPath, reason);
}

function unreadable(fsPath: string, reason: string): SourceProblem {
	return {
		fsPath,
		line: 0,
		message: `Cannot read the $metadata file: ${reason}. Check the path given in graphFixtures.metadata or --metadata.`,
		severity: 'error',
	};
}

/**
 * XML may be UTF-16 (with a byte order mark) or declare another encoding; UTF-8 otherwise. An
 * encoding TextDecoder does not know falls back to UTF-8, which keeps all the ASCII markup.
 */
export function decodeText(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		// Swapped by hand: Node builds without full ICU have no UTF-16BE decoder.
		const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
		swapped.swap16();
		return swapped.toString('utf16le');
	}
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
	const declared =
		/^(?:\ufeff|\xef\xbb\xbf)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
			head,
		)?.[1];
	try {
		return new TextDecoder(declared ?? 'utf-8').decode(bytes);
	} catch {
		return new TextDecoder('utf-8').decode(bytes);
	}
}
