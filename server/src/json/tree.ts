/**
 * The document tree that every feature reads: nodes with exact UTF-16 offsets, the syntax
 * problems found while building it and the comments it skipped.
 */

export type NodeKind = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

export interface JSONNode {
	type: NodeKind;
	/** UTF-16 offset into the text (a JS string index). */
	offset: number;
	/** Strings include their quotes; a property spans its key start to its value end. */
	length: number;
	parent: JSONNode | undefined;
	/** Object: property nodes; array: items; property: [key, value?]. */
	children: JSONNode[] | undefined;
	/** String: unescaped text (also for keys); number: Number(raw); boolean; null. */
	value: string | number | boolean | null | undefined;
	/** Numbers only: the literal's exact text, for range checks beyond 2^53. */
	raw?: string;
	/** Property only: the offset of ':' when there is one. */
	colonOffset?: number;
	/** Object and array only: whether the closing bracket was found. */
	isClosed?: boolean;
}

export interface SyntaxProblem {
	offset: number;
	length: number;
	message: string;
}

export interface CommentRange {
	offset: number;
	length: number;
	/**
	 * Whether typing at the comment's end still writes inside it: true for line comments and for
	 * a block comment that runs to the end of the file without its closing `*\/`.
	 */
	isEndInside: boolean;
}

export interface JSONDocument {
	/** The text the tree was built from. */
	text: string;
	root: JSONNode | undefined;
	syntaxErrors: SyntaxProblem[];
	/** In text order. */
	comments: CommentRange[];
	/** Line breaks counted while the text was read, when the parser counted any. */
	countedBreaks?: CountedBreaks;
}

/**
 * Line breaks ('\n') counted in ranges of a text while it was read, so that positions in it
 * can be found without reading those ranges again. Four numbers per range, in text order:
 * its start, its end, how many breaks it holds, and the offset of the last one (-1 if none).
 */
export type CountedBreaks = readonly number[];

/**
 * Creates a node with every field, always in the same order, so that V8 gives all nodes one
 * hidden class and reads stay monomorphic. An object literal rather than a class: V8 tracks the
 * literal's allocation site, sees that parse trees survive, and allocates them in old space
 * directly instead of copying every node through the young generation.
 */
export function createNode(
	type: NodeKind,
	offset: number,
	length: number,
	parent: JSONNode | undefined,
	value: string | number | boolean | null | undefined,
): JSONNode {
	return {
		type,
		offset,
		length,
		parent,
		children: undefined,
		value,
		raw: undefined,
		colonOffset: undefined,
		isClosed: undefined,
	};
}
