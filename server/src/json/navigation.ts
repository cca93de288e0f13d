/**
 * Walks over the document tree. All of them loop with an explicit stack or a parent chain:
 * documents nest deeper than the call stack allows.
 */
import type { JSONDocument, JSONNode } from './tree';

export type JSONPath = (string | number)[];

/**
 * The innermost node whose range holds `offset`. With `includeRightBound`, an offset right
 * after a node's last character also counts as inside it (the cursor at the end of a word).
 */
export function findNodeAtOffset(
	root: JSONNode,
	offset: number,
	includeRightBound = false,
): JSONNode | undefined {
	if (!contains(root, offset, includeRightBound)) {
		return undefined;
	}
	let node = root;
	for (;;) {
		const child = findChildAt(node, offset, includeRightBound);
		if (child === undefined) {
			return node;
		}
		node = child;
	}
}

function contains(node: JSONNode, offset: number, includeRightBound: boolean): boolean {
	const end = node.offset + node.length;
	return offset >= node.offset && (offset < end || (includeRightBound && offset === end));
}

/** Children are ordered by offset and do not overlap, so a binary search finds the candidate. */
function findChildAt(
	node: JSONNode,
	offset: number,
	includeRightBound: boolean,
): JSONNode | undefined {
	const children = node.children;
	if (children === undefined) {
		return undefined;
	}
	const index = lastStartingAtOrBefore(children, offset);
	if (index < 0) {
		return undefined;
	}
	// With the right bound included, the previous child can end exactly where this one starts.
	if (index > 0 && contains(children[index - 1], offset, includeRightBound)) {
		return children[index - 1];
	}
	return contains(children[index], offset, includeRightBound) ? children[index] : undefined;
}

/** The index of the last node (in offset order) that starts at or before `offset`, else -1. */
export function lastStartingAtOrBefore(nodes: JSONNode[], offset: number): number {
	let low = 0;
	let high = nodes.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		if (nodes[middle].offset <= offset) {
			found = middle;
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}
	return found;
}

/**
 * The property names and item indexes from the root down to `node`. A property node contributes
 * nothing itself; its key and its value both carry the property's name.
 */
export function getNodePath(node: JSONNode): JSONPath {
	return getNodePathTail(node, Infinity).path;
}

/**
 * The last `count` segments of a node's path, without walking further up: messages name the
 * path of every problem, and a full path per problem costs quadratic time at great depth.
 */
export function getNodePathTail(
	node: JSONNode,
	count: number,
): { path: JSONPath; isComplete: boolean } {
	const path: JSONPath = [];
	let child = node;
	let parent = node.parent;
	while (parent !== undefined) {
		const segment = segmentOf(parent, child);
		if (segment !== undefined) {
			if (path.length >= count) {
				return { path: path.reverse(), isComplete: false };
			}
			path.push(segment);
		}
		child = parent;
		parent = parent.parent;
	}
	return { path: path.reverse(), isComplete: true };
}

function segmentOf(parent: JSONNode, child: JSONNode): string | number | undefined {
	if (parent.type === 'property') {
		return parent.children![0].value as string;
	}
	if (parent.type === 'array') {
		const index = indexOfChild(parent, child);
		return index >= 0 ? index : undefined;
	}
	return undefined;
}

function indexOfChild(parent: JSONNode, child: JSONNode): number {
	const children = parent.children!;
	const index = lastStartingAtOrBefore(children, child.offset);
	return index >= 0 && children[index] === child ? index : -1;
}

/**
 * Whether `offset` lies inside a comment: after its first character, and before its end, or at
 * its end for a line comment (typing there still writes into the comment).
 */
export function isOffsetInComment(document: JSONDocument, offset: number): boolean {
	const comments = document.comments;
	let low = 0;
	let high = comments.length - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const comment = comments[middle];
		const end = comment.offset + comment.length;
		if (offset <= comment.offset) {
			high = middle - 1;
		} else if (offset > end) {
			low = middle + 1;
		} else {
			return offset < end || comment.isEndInside;
		}
	}
	return false;
}

/**
 * Calls `visit` on every node in document order (a node before its children). Returning false
 * from `visit` skips that node's children.
 */
export function visitNodes(root: JSONNode, visit: (node: JSONNode) => void | boolean): void {
	const stack: JSONNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (visit(node) === false) {
			continue;
		}
		const children = node.children;
		if (children !== undefined) {
			for (let i = children.length - 1; i >= 0; i--) {
				stack.push(children[i]);
			}
		}
	}
}

/**
 * The value node at `path` below `root`, taking the first property of a name as the validator
 * does; undefined when a step is missing.
 */
export function findNodeAtLocation(root: JSONNode, path: JSONPath): JSONNode | undefined {
	let node: JSONNode | undefined = root;
	for (const segment of path) {
		if (node === undefined || node.children === undefined) {
			return undefined;
		}
		if (typeof segment === 'number') {
			node = node.type === 'array' ? node.children[segment] : undefined;
		} else {
			node = node.type === 'object' ? getPropertyValue(node, segment) : undefined;
		}
	}
	return node;
}

/** The value of the first property named `name` in an object node. */
export function getPropertyValue(object: JSONNode, name: string): JSONNode | undefined {
	for (const property of object.children ?? []) {
		const children = property.children!;
		if (children[0].value === name) {
			return children[1];
		}
	}
	return undefined;
}

type Container = Record<string, unknown> | unknown[];

interface PendingValue {
	node: JSONNode;
	target: Container;
	key: string | number;
}

/**
 * The plain JavaScript value of a node, as JSON.parse would give it (a later duplicate key wins,
 * and a `__proto__` key becomes an own property instead of replacing the prototype). Properties
 * without a value are left out.
 */
export function getNodeValue(root: JSONNode): unknown {
	const holder: unknown[] = [];
	const stack: PendingValue[] = [{ node: root, target: holder, key: 0 }];
	while (stack.length > 0) {
		const { node, target, key } = stack.pop()!;
		const value = createValue(node);
		setMember(target, key, value);
		if (node.type === 'object') {
			pushProperties(stack, node, value as Container);
		} else if (node.type === 'array') {
			const items = node.children!;
			for (let i = items.length - 1; i >= 0; i--) {
				stack.push({ node: items[i], target: value as Container, key: i });
			}
		}
	}
	return holder[0];
}

function pushProperties(stack: PendingValue[], object: JSONNode, target: Container): void {
	const properties = object.children!;
	for (let i = properties.length - 1; i >= 0; i--) {
		const [key, value] = properties[i].children!;
		if (value !== undefined) {
			stack.push({ node: value, target, key: key.value as string });
		}
	}
}

function createValue(node: JSONNode): unknown {
	switch (node.type) {
		case 'object':
			return {};
		case 'array':
			return [];
		default:
			return node.value;
	}
}

function setMember(target: Container, key: string | number, value: unknown): void {
	if (key === '__proto__') {
		Object.defineProperty(target, key, {
			value,
			writable: true,
			enumerable: true,
			configurable: true,
		});
	} else {
		(target as Record<string | number, unknown>)[key] = value;
	}
}
