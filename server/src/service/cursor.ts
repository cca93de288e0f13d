/**
 * Where the cursor stands in a document that is usually broken, because the user is typing:
 * in a property name, in a value, or in the gap where one of them goes. The tolerant tree gives
 * the containers and tokens; the text around the cursor decides what the gap is for.
 */
import type { JSONDocument, JSONNode } from '../json';
import { findNodeAtOffset, isOffsetInComment } from '../json';

/** A span of the text, in UTF-16 offsets. */
export interface Span {
	offset: number;
	length: number;
}

interface SlotBase {
	/** What an accepted proposal replaces: a whole token, a partial word, or nothing. */
	replace: Span;
	/** Whether the replaced text is a string token, its opening quote included. */
	isQuoted: boolean;
	/** A member or item follows without a comma: the proposal must end with one. */
	needsCommaAfter: boolean;
	/** The previous member ends here without a comma: one must be inserted at this offset. */
	commaBefore: number | undefined;
	/** Text that goes before the proposal: a space right after a colon. */
	prefix: string;
}

export interface KeySlot extends SlotBase {
	kind: 'key';
	object: JSONNode;
	/** The property whose key is being written; it does not count as present. */
	property: JSONNode | undefined;
	/** The property already has its colon (and maybe its value): only the name is replaced. */
	hasColon: boolean;
}

export interface ValueSlot extends SlotBase {
	kind: 'value';
	/** The object holding the property, or the array holding the item. */
	container: JSONNode;
	/** The property whose value this is; undefined for an array item. */
	property: JSONNode | undefined;
	/** The value token being replaced, if there is one. */
	node: JSONNode | undefined;
}

export type Slot = KeySlot | ValueSlot;

/** The slot at `offset`, or undefined where nothing can be written (comments, after the end). */
export function findSlot(text: string, document: JSONDocument, offset: number): Slot | undefined {
	const root = document.root;
	if (root === undefined || isOffsetInComment(document, offset)) {
		return undefined;
	}
	const node = findNodeAtOffset(root, offset, true);
	if (node === undefined) {
		return undefined;
	}
	const inToken = tokenSlot(text, document, node, offset);
	return inToken === 'gap' ? gapSlot(text, document, node, offset) : inToken;
}

/** Whether a string token has its closing quote (an unterminated one stops at the line end). */
export function isClosedString(text: string, node: JSONNode): boolean {
	const end = node.offset + node.length;
	if (node.length < 2 || text.charCodeAt(end - 1) !== 34) {
		return false;
	}
	let backslashes = 0;
	for (let i = end - 2; i > node.offset && text.charCodeAt(i) === 92; i--) {
		backslashes++;
	}
	return backslashes % 2 === 0;
}

function isLiteral(node: JSONNode): boolean {
	return node.type !== 'object' && node.type !== 'array' && node.type !== 'property';
}

/**
 * The slot of a cursor inside a token; 'gap' when the cursor is between tokens. An unterminated
 * string runs to the end of its line, over whatever the user has not retyped yet (`{ "| } }`):
 * a proposal replaces it only up to the end of the word at the cursor.
 */
function tokenSlot(
	text: string,
	document: JSONDocument,
	node: JSONNode,
	offset: number,
): Slot | 'gap' | undefined {
	if (!isLiteral(node)) {
		return 'gap';
	}
	const end = node.offset + node.length;
	const parent = node.parent;
	const isKey = parent?.type === 'property' && parent.children?.[0] === node;
	if (node.type === 'string' && offset === end && isClosedString(text, node)) {
		// Right after a complete string: nothing to propose until a separator is typed.
		return undefined;
	}
	if (parent === undefined || (isKey && offset === node.offset)) {
		return 'gap';
	}
	const replaceEnd =
		node.type === 'string' && !isClosedString(text, node)
			? wordAround(text, offset).wordEnd
			: end;
	const base = {
		replace: { offset: node.offset, length: replaceEnd - node.offset },
		isQuoted: node.type === 'string',
		needsCommaAfter: false,
		commaBefore: undefined,
		prefix: '',
	};
	if (isKey) {
		const hasColon = parent.colonOffset !== undefined;
		base.needsCommaAfter = !hasColon && isMemberNext(text, document, replaceEnd);
		const previous = previousSignificant(text, document, node.offset);
		const commaBefore = '{,'.includes(text[previous] ?? '{') ? undefined : previous + 1;
		const object = parent.parent as JSONNode;
		return { kind: 'key', object, property: parent, hasColon, ...base, commaBefore };
	}
	const isItem = parent.type === 'array';
	const container = isItem ? parent : (parent.parent as JSONNode);
	return { kind: 'value', container, property: isItem ? undefined : parent, node, ...base };
}

/** Characters of an unquoted word being typed (`tru`, `do`, `@od`). */
function isWordChar(code: number): boolean {
	return (
		(code >= 48 && code <= 57) ||
		(code >= 65 && code <= 90) ||
		(code >= 97 && code <= 122) ||
		code === 95 || // _
		code === 45 || // -
		code === 46 || // .
		code === 64 || // @
		code === 35 || // #
		code === 43 // +
	);
}

/** The slot of a cursor between tokens: after ':' a value, after '{' or ',' a key or an item. */
function gapSlot(
	text: string,
	document: JSONDocument,
	node: JSONNode,
	offset: number,
): Slot | undefined {
	const { wordStart, wordEnd } = wordAround(text, offset);
	const container = enclosingContainer(node, offset);
	if (container === undefined) {
		return undefined;
	}
	const previous = previousSignificant(text, document, wordStart);
	const base = {
		replace: { offset: wordStart, length: wordEnd - wordStart },
		isQuoted: false,
		needsCommaAfter: isMemberNext(text, document, wordEnd),
		commaBefore: undefined as number | undefined,
		prefix: '',
	};
	const previousChar = previous < 0 ? '' : text[previous];
	if (container.type === 'object') {
		if (previousChar === ':') {
			const property = container.children?.find((item) => item.colonOffset === previous);
			// A value already follows the colon (`"a": |{...}`): a second one would break it.
			if (property === undefined || property.children?.[1] !== undefined) {
				return undefined;
			}
			base.prefix = wordStart === previous + 1 ? ' ' : '';
			return { kind: 'value', container, property, node: undefined, ...base };
		}
		if (previousChar !== '{' && previousChar !== ',') {
			base.commaBefore = previous + 1;
		}
		return { kind: 'key', object: container, property: undefined, hasColon: false, ...base };
	}
	if (previousChar !== '[' && previousChar !== ',') {
		base.commaBefore = previous + 1;
	}
	return { kind: 'value', container, property: undefined, node: undefined, ...base };
}

/** The unquoted word the cursor is in (`tru`, `do`), possibly empty. */
function wordAround(text: string, offset: number): { wordStart: number; wordEnd: number } {
	let wordStart = offset;
	while (wordStart > 0 && isWordChar(text.charCodeAt(wordStart - 1))) {
		wordStart--;
	}
	let wordEnd = offset;
	while (wordEnd < text.length && isWordChar(text.charCodeAt(wordEnd))) {
		wordEnd++;
	}
	return { wordStart, wordEnd };
}

/** The innermost object or array whose inside holds `offset`. */
function enclosingContainer(node: JSONNode, offset: number): JSONNode | undefined {
	for (let current: JSONNode | undefined = node; current; current = current.parent) {
		if (current.type !== 'object' && current.type !== 'array') {
			continue;
		}
		const end = current.offset + current.length;
		if (offset > current.offset && (offset < end || !current.isClosed)) {
			return current;
		}
	}
	return undefined;
}

/** The offset of the last character before `offset` that is neither blank nor in a comment. */
export function previousSignificant(text: string, document: JSONDocument, offset: number): number {
	let position = offset;
	for (;;) {
		while (position > 0 && isBlank(text.charCodeAt(position - 1))) {
			position--;
		}
		const comment = commentEndingAt(document, position);
		if (comment === undefined) {
			return position - 1;
		}
		position = comment;
	}
}

/** The offset of the first character at or after `offset` that is neither blank nor a comment. */
export function nextSignificant(text: string, document: JSONDocument, offset: number): number {
	let position = offset;
	for (;;) {
		while (position < text.length && isBlank(text.charCodeAt(position))) {
			position++;
		}
		const end = commentStartingAt(document, position);
		if (end === undefined) {
			return position;
		}
		position = end;
	}
}

/** Whether what follows `offset` is another member or item, so a comma must separate them. */
function isMemberNext(text: string, document: JSONDocument, offset: number): boolean {
	const next = nextSignificant(text, document, offset);
	if (next >= text.length) {
		return false;
	}
	return '"{[-0123456789tfn'.includes(text[next]);
}

function isBlank(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The start of the comment that ends exactly at `offset`, if any. */
function commentEndingAt(document: JSONDocument, offset: number): number | undefined {
	const index = lastCommentBefore(document, offset);
	const comment = index < 0 ? undefined : document.comments[index];
	if (comment && comment.offset + comment.length === offset) {
		return comment.offset;
	}
	return undefined;
}

/** The end of the comment that starts exactly at `offset`, if any. */
function commentStartingAt(document: JSONDocument, offset: number): number | undefined {
	const index = lastCommentBefore(document, offset + 1);
	const comment = index < 0 ? undefined : document.comments[index];
	return comment && comment.offset === offset ? comment.offset + comment.length : undefined;
}

/** The index of the last comment starting before `offset` (comments are in text order). */
function lastCommentBefore(document: JSONDocument, offset: number): number {
	const comments = document.comments;
	let low = 0;
	let high = comments.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		if (comments[middle].offset < offset) {
			found = middle;
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}
	return found;
}
