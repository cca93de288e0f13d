/**
 * Re-parsing only the array item that an edit falls into: a large collection is one object
 * holding tens of thousands of items, and a keystroke changes one of them. The new item is
 * parsed on its own and grafted into the tree; every node after it moves by the change in
 * length. Anything unusual gives up (undefined), and the caller parses the whole text.
 */
import { shiftSubtree } from './lazy';
import { lastStartingAtOrBefore } from './navigation';
import { parseJSON } from './parser';
import type { ParseOptions } from './parser';
import type { JSONDocument, JSONNode } from './tree';

/** One replacement in the previous text: `[offset, end)` became `text`. */
export interface TextChange {
	offset: number;
	end: number;
	text: string;
}

/** Where the tree changed: one array item was replaced, and what followed it moved. */
export interface ItemEdit {
	/** The item's range in the previous text. */
	oldOffset: number;
	oldEnd: number;
	/** New length minus old length: what every later offset moved by. */
	delta: number;
	/** The new item node, in the new tree. */
	item: JSONNode;
}

export interface ItemReparse {
	document: JSONDocument;
	edit: ItemEdit;
}

/**
 * The tree of `text` (the previous text with `change` applied), built from `previous` by
 * re-parsing one array item. The previous tree's nodes are updated in place, so `previous`
 * must not be read afterwards: copying a million nodes per keystroke would cost more than the
 * parse it saves, and a parent-linked tree cannot share unchanged subtrees.
 */
export function reparseItem(
	previous: JSONDocument,
	change: TextChange,
	text: string,
	options: ParseOptions,
): ItemReparse | undefined {
	const item = previous.root && editedItem(previous.root, change);
	if (item === undefined || touchesMarks(previous, item)) {
		return undefined;
	}
	const oldOffset = item.offset;
	const oldEnd = oldOffset + item.length;
	const delta = change.text.length - (change.end - change.offset);
	const slice = text.slice(oldOffset, oldEnd + delta);
	const parsed = parseJSON(slice, options);
	const root = parsed.root;
	// The slice must read as one closed object and nothing else, exactly as in its place: then
	// the parser meets the same tokens in the same states there as it does here.
	const isWhole =
		root?.type === 'object' && root.isClosed === true && root.length === slice.length;
	if (!isWhole || parsed.syntaxErrors.length > 0 || parsed.comments.length > 0) {
		return undefined;
	}
	graft(item, root, delta);
	const document: JSONDocument = {
		text,
		root: previous.root,
		syntaxErrors: shiftAfter(previous.syntaxErrors, oldEnd, delta),
		comments: shiftAfter(previous.comments, oldEnd, delta),
	};
	return { document, edit: { oldOffset, oldEnd, delta, item: root } };
}

/**
 * The outermost object in an array whose brackets the change leaves alone: an item of the
 * collection rather than an object nested in it, so that the whole item is re-checked.
 */
function editedItem(root: JSONNode, change: TextChange): JSONNode | undefined {
	let found: JSONNode | undefined;
	let node: JSONNode | undefined = deepestAt(root, change.offset);
	for (; node !== undefined; node = node.parent) {
		const end = node.offset + node.length;
		const isInside = change.offset > node.offset && change.end < end;
		if (!isInside) {
			continue;
		}
		if (node.type === 'object' && node.parent?.type === 'array' && node.isClosed) {
			found = node;
		}
	}
	return found;
}

/** The innermost node at `offset`, found by binary search over ordered children. */
function deepestAt(root: JSONNode, offset: number): JSONNode {
	let node = root;
	for (;;) {
		const children = node.children;
		const child = children && children[lastStartingAtOrBefore(children, offset)];
		if (child === undefined || offset >= child.offset + child.length) {
			return node;
		}
		node = child;
	}
}

/**
 * Whether a syntax error or a comment touches the item: the parser recovered there, or skipped
 * text there, and a re-parse of the item alone might not retrace either.
 */
function touchesMarks(document: JSONDocument, item: JSONNode): boolean {
	const start = item.offset;
	const end = start + item.length;
	const touches = (mark: { offset: number; length: number }): boolean =>
		mark.offset <= end && mark.offset + mark.length >= start;
	return document.syntaxErrors.some(touches) || document.comments.some(touches);
}

/** Replaces `item` by `replacement` (offsets from 0) and moves everything after it. */
function graft(item: JSONNode, replacement: JSONNode, delta: number): void {
	shiftSubtree(replacement, item.offset);
	const parent = item.parent!;
	replacement.parent = parent;
	const siblings = parent.children!;
	const index = lastStartingAtOrBefore(siblings, item.offset);
	siblings[index] = replacement;
	if (delta === 0) {
		return;
	}
	let child: JSONNode = replacement;
	for (let node = child.parent; node !== undefined; node = node.parent) {
		node.length += delta;
		const children = node.children!;
		const at = child === replacement ? index : children.indexOf(child);
		for (let i = at + 1; i < children.length; i++) {
			shiftSubtree(children[i], delta);
		}
		child = node;
	}
}

/** Copies of the ranges, those at or after `from` moved by `delta` (none lie inside the item). */
function shiftAfter<T extends { offset: number }>(ranges: T[], from: number, delta: number): T[] {
	return ranges.map((range) =>
		range.offset >= from ? { ...range, offset: range.offset + delta } : range,
	);
}
