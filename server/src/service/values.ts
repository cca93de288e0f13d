/**
 * Plain values for ajv, built from the document tree without recursion. Objects have no
 * prototype, so keys such as `__proto__` stay ordinary data and pollute nothing.
 */
import type { JSONNode } from '../json';
import { tagKey } from './tags';

export interface BuiltValue {
	value: unknown;
	/** Every container built, mapped to its node (ajv keywords read raw literals through it). */
	nodes: WeakMap<object, JSONNode>;
}

/**
 * Builds the value of `root`. A nested node for which `isBoundary` holds is validated on its
 * own, so here it becomes a stand-in that the parent's schema accepts: an object with just its
 * tag, or an empty container.
 */
export function buildValue(root: JSONNode, isBoundary: (node: JSONNode) => boolean): BuiltValue {
	const nodes = new WeakMap<object, JSONNode>();
	const rootValue = emptyContainer(root);
	if (rootValue === undefined) {
		return { value: scalarValue(root), nodes };
	}
	nodes.set(rootValue, root);
	const stack: [JSONNode, Record<string, unknown> | unknown[]][] = [[root, rootValue]];
	while (stack.length > 0) {
		const [node, target] = stack.pop() as [JSONNode, Record<string, unknown> | unknown[]];
		for (const child of node.children ?? []) {
			const isProperty = child.type === 'property';
			const valueNode = isProperty ? child.children?.[1] : child;
			if (!valueNode) {
				continue;
			}
			let value: unknown;
			if (valueNode.type !== 'object' && valueNode.type !== 'array') {
				value = scalarValue(valueNode);
			} else if (isBoundary(valueNode)) {
				value = standIn(valueNode);
			} else {
				const container = emptyContainer(valueNode) as Record<string, unknown> | unknown[];
				nodes.set(container, valueNode);
				stack.push([valueNode, container]);
				value = container;
			}
			if (Array.isArray(target)) {
				target.push(value);
			} else {
				const key = child.children?.[0]?.value;
				target[String(key)] = value;
			}
		}
	}
	return { value: rootValue, nodes };
}

function emptyContainer(node: JSONNode): Record<string, unknown> | unknown[] | undefined {
	if (node.type === 'object') {
		return Object.create(null) as Record<string, unknown>;
	}
	return node.type === 'array' ? [] : undefined;
}

function standIn(node: JSONNode): Record<string, unknown> | unknown[] {
	if (node.type === 'array') {
		return [];
	}
	const value = Object.create(null) as Record<string, unknown>;
	for (const property of node.children ?? []) {
		const [key, tag] = property.children ?? [];
		if (key?.value === tagKey) {
			value[tagKey] = tag ? scalarValue(tag) : null;
			break;
		}
	}
	return value;
}

function scalarValue(node: JSONNode): unknown {
	return node.type === 'null' ? null : node.value;
}
