import type { SourceKind } from '../../model/types';
import type { ParsedPage } from './pageTypes';

interface CacheEntry {
	fsPath: string;
	mtimeMs: number;
	size: number;
	source: SourceKind;
	page: ParsedPage;
}

/**
 * Parses of unchanged files, kept in memory between loads. Keyed by real path; an entry is used
 * only while the file's mtime and size, the path it was read under and the source kind match.
 */
export class PageCache {
	private readonly entries = new Map<string, CacheEntry>();

	get(realPath: string, stamp: Omit<CacheEntry, 'page'>): ParsedPage | undefined {
		const entry = this.entries.get(realPath);
		const isFresh =
			entry !== undefined &&
			entry.fsPath === stamp.fsPath &&
			entry.mtimeMs === stamp.mtimeMs &&
			entry.size === stamp.size &&
			entry.source === stamp.source;
		return isFresh ? entry.page : undefined;
	}

	set(realPath: string, entry: CacheEntry): void {
		this.entries.set(realPath, entry);
	}

	delete(realPath: string): void {
		this.entries.delete(realPath);
	}

	clear(): void {
		this.entries.clear();
	}

	get size(): number {
		return this.entries.size;
	}
}
