/**
 * Re-validation after an edit inside one item of a collection: the previous problems outside
 * the item stay (those after it moved by the change in length) and the item is checked again
 * on its own. The result must equal a whole-document run, so anything that could make the
 * item matter beyond itself gives up (undefined) and the caller validates the whole document.
 */
import type { ItemEdit, JSONDocument, JSONNode } from '../json';
import { isUnbuilt } from '../json';
import type { Problem } from './problems';
import { readTag } from './tags';
import type { ValidationSettings, Validator } from './validation';

/**
 * The problems of `document` given `previous`, the problems of the text before `edit` under
 * the same settings; undefined when the item cannot be checked on its own.
 */
export function revalidateItem(
	validator: Validator,
	document: JSONDocument,
	edit: ItemEdit,
	previous: readonly Problem[],
	settings: ValidationSettings,
): Problem[] | undefined {
	const { item } = edit;
	if (!isUntypedItem(item) || !hasTaggedSibling(item)) {
		return undefined;
	}
	const kept = keptProblems(previous, edit);
	if (kept === undefined) {
		return undefined;
	}
	const inside = validator.validateUntypedObject(document, item, settings);
	return [...kept.before, ...inside, ...kept.after];
}

/**
 * Whether no object around the item has a tag: its context is then untyped, no ajv part
 * around it reads its value, and checking it alone finds what a whole run finds inside it.
 */
function isUntypedItem(item: JSONNode): boolean {
	for (let node = item.parent; node !== undefined; node = node.parent) {
		if (node.type === 'object' && readTag(node) !== undefined) {
			return false;
		}
	}
	return true;
}

/**
 * Whether another item of the same array is tagged. Whether the document has a tag at all
 * decides whether anything is reported; a tagged sibling settles it without reading the item.
 */
function hasTaggedSibling(item: JSONNode): boolean {
	for (const sibling of item.parent!.children!) {
		if (sibling !== item && sibling.type === 'object' && isTagged(sibling)) {
			return true;
		}
	}
	return false;
}

/** Whether an object has a tag, asked of an unbuilt item without building it. */
function isTagged(object: JSONNode): boolean {
	return isUnbuilt(object) ? object.hasTypeMember : readTag(object) !== undefined;
}

interface KeptProblems {
	before: Problem[];
	after: Problem[];
}

/**
 * The previous problems that lie wholly before or wholly after the item (moved). One that
 * spans the item or reaches into it came from outside the item yet depends on it: give up.
 */
function keptProblems(previous: readonly Problem[], edit: ItemEdit): KeptProblems | undefined {
	const { oldOffset, oldEnd, delta } = edit;
	const before: Problem[] = [];
	const after: Problem[] = [];
	for (const problem of previous) {
		const end = problem.offset + problem.length;
		const fixes = problem.fixes ?? [];
		if (problem.offset >= oldEnd && fixes.every((fix) => fix.offset >= oldEnd)) {
			after.push(moved(problem, delta));
		} else if (end <= oldOffset && problem.offset < oldOffset) {
			if (fixes.some((fix) => fix.offset + fix.length > oldOffset)) {
				return undefined;
			}
			before.push(problem);
		} else if (problem.offset < oldOffset || end > oldEnd || problem.length === 0) {
			return undefined;
		}
	}
	return { before, after };
}

function moved(problem: Problem, delta: number): Problem {
	const copy = { ...problem, offset: problem.offset + delta };
	if (problem.fixes !== undefined) {
		copy.fixes = problem.fixes.map((fix) => ({ ...fix, offset: fix.offset + delta }));
	}
	return copy;
}
