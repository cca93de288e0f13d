/**
 * Validation that leaves room for other requests. The validator runs synchronously over a whole
 * document, so a large collection response (tens of thousands of tagged objects in one array)
 * would hold the event loop for seconds. Here such an array is checked in batches of items, each
 * batch as a document of its own that shares the real nodes, with a turn of the event loop
 * between batches; completion and hover answer in between, and a newer version stops the run.
 */
import type { JSONDocument, JSONNode } from './json';
import { visitNodes } from './json';
import type { Problem, ValidationSettings, Validator } from './service';
import { ValidationCancelledError } from './service';
import { documentVersion, keyOf, readTag, tagKey } from './service/tags';

/** Below this many characters a document is checked in one go. */
const minBatchedLength = 512 * 1024;
/** Characters of array items per batch: a few milliseconds of checking. */
const batchLength = 96 * 1024;

export interface RunOptions {
	/** Polled between batches (and by the validator every 64 typed objects); true stops the run. */
	isCancelled: () => boolean;
}

/** Validates a parsed document; rejects with ValidationCancelledError when cancelled. */
export async function validateDocument(
	validator: Validator,
	json: JSONDocument,
	settings: ValidationSettings,
	options: RunOptions,
): Promise<Problem[]> {
	const checked = { ...settings, isCancelled: options.isCancelled };
	const batches = planBatches(json);
	if (batches === undefined) {
		return validator.doValidation(json, checked);
	}
	if (settings.onlyTagged && !hasTag(json.root as JSONNode)) {
		return [];
	}
	// Each batch is a document without the root's `@odata.context`: pass its version along, and
	// report syntax errors from the first batch even when that batch itself has no tag.
	const version = documentVersion(json.root, settings.apiVersion);
	const batchSettings = { ...checked, apiVersion: version, onlyTagged: false };
	const problems: Problem[] = [];
	for (const batch of batches) {
		await nextTurn();
		if (options.isCancelled()) {
			throw new ValidationCancelledError();
		}
		problems.push(...validator.doValidation(batch, batchSettings));
	}
	return problems.sort((a, b) => a.offset - b.offset);
}

function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** Whether any object in the tree has an `@odata.type` member. */
export function hasTag(root: JSONNode): boolean {
	let found = false;
	visitNodes(root, (node) => {
		if (found || node.type === 'string') {
			return false;
		}
		if (node.type === 'property' && keyOf(node) === tagKey) {
			found = true;
		}
		return !found;
	});
	return found;
}

/**
 * The batches of a large document whose items need nothing from the levels above them: a root
 * array, or the largest array member of an untagged root object (`{"value": [...]}`). Undefined
 * when the document is small or shaped otherwise; it is then checked in one go.
 */
export function planBatches(json: JSONDocument): JSONDocument[] | undefined {
	const root = json.root;
	if (root === undefined || root.length < minBatchedLength) {
		return undefined;
	}
	const target = root.type === 'array' ? root : largestArrayMember(root);
	if (target === undefined) {
		return undefined;
	}
	const groups = groupItems(target.children ?? []);
	if (groups.length < 2) {
		return undefined;
	}
	return groups.map((items, index) => ({
		root: rebuildPath(root, target, items, index === 0),
		syntaxErrors: index === 0 ? json.syntaxErrors : [],
		comments: json.comments,
	}));
}

function largestArrayMember(root: JSONNode): JSONNode | undefined {
	if (root.type !== 'object' || readTag(root) !== undefined) {
		return undefined;
	}
	let largest: JSONNode | undefined;
	for (const property of root.children ?? []) {
		const value = property.children?.[1];
		const key = keyOf(property);
		if (value?.type === 'array' && key !== undefined && !key.includes('@')) {
			if (largest === undefined || value.length > largest.length) {
				largest = value;
			}
		}
	}
	return largest;
}

function groupItems(items: JSONNode[]): JSONNode[][] {
	const groups: JSONNode[][] = [];
	let group: JSONNode[] = [];
	let length = 0;
	for (const item of items) {
		group.push(item);
		length += item.length;
		if (length >= batchLength) {
			groups.push(group);
			group = [];
			length = 0;
		}
	}
	if (group.length > 0) {
		groups.push(group);
	}
	return groups;
}

/**
 * A stand-in root holding only `items` of the target array. The first batch keeps the root's
 * other members, so that they are checked once. The items keep their real parents, so paths in
 * messages (`value[1234].actionState`) stay those of the whole document.
 */
function rebuildPath(
	root: JSONNode,
	target: JSONNode,
	items: JSONNode[],
	isFirst: boolean,
): JSONNode {
	const array = copyNode(target, items);
	if (target === root) {
		return array;
	}
	const property = target.parent as JSONNode;
	const propertyCopy = copyNode(property, [property.children![0], array]);
	const members = isFirst
		? (root.children ?? []).map((member) => (member === property ? propertyCopy : member))
		: [propertyCopy];
	return copyNode(root, members);
}

function copyNode(node: JSONNode, children: JSONNode[]): JSONNode {
	return {
		type: node.type,
		offset: node.offset,
		length: node.length,
		parent: node.parent,
		children,
		value: node.value,
		colonOffset: node.colonOffset,
		isClosed: node.isClosed,
	};
}
