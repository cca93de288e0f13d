/**
 * The Microsoft Graph reference-page reader: markdown pages → type definitions.
 * `parsePage` reads one page on its own; `loadPages` reads folders and resolves links across
 * pages. The format is described in shared/graph-docs/FORMAT.md.
 */

export { PageCache } from './cache';
export { loadPages, type PageLoadOptions, type PageLoadResult } from './loader';
export { parsePage, type ParseOptions } from './page';
export type { NamedRef, PageReference, ParsedPage, ReferenceTarget } from './pageTypes';
