/**
 * Test helpers over document trees and edits: a flat picture of a tree to compare two trees
 * with, and one edit applied the way the server applies it (item by item when it can).
 */
import type { JSONDocument, JSONNode, TextChange } from '../../server/src/json';
import { reparseItem } from '../../server/src/json';
import type { Problem, ValidationSettings, Validator } from '../../server/src/service';
import { parseDocument, parseOptions, revalidateItem } from '../../server/src/service';

/**
 * Every node with its fields and whether its children link back to it, in document order,
 * building lazy items on the way. Flat and without recursion: case files nest 10,000 deep.
 */
export function treeShape(top: JSONNode | undefined): string[] {
	const lines: string[] = [];
	const stack: [JSONNode, number][] = top ? [[top, 0]] : [];
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		const { type, offset, length, value, raw, colonOffset, isClosed, children } = node;
		const parentOk = (children ?? []).every((child) => child.parent === node);
		const fields = [type, offset, length, value, raw, colonOffset, isClosed, parentOk];
		lines.push(`${depth} ${JSON.stringify(fields)} ${children?.length ?? '-'}`);
		for (let i = (children?.length ?? 0) - 1; i >= 0; i--) {
			stack.push([children![i], depth + 1]);
		}
	}
	return lines;
}

/** A document being edited: its tree, its problems, and how many edits went item by item. */
export interface EditSession {
	json: JSONDocument;
	problems: Problem[];
	incremental: number;
}

/** Applies one edit: item by item when possible, else a whole parse and validation. */
export function applyEdit(
	validator: Validator,
	session: EditSession,
	change: TextChange,
	settings: ValidationSettings,
	allowComments: boolean,
): void {
	const previous = session.json.text;
	const text = previous.slice(0, change.offset) + change.text + previous.slice(change.end);
	const result = reparseItem(session.json, change, text, parseOptions(allowComments));
	const problems =
		result &&
		revalidateItem(validator, result.document, result.edit, session.problems, settings);
	if (result && problems) {
		session.json = result.document;
		session.problems = problems;
		session.incremental++;
		return;
	}
	session.json = result?.document ?? parseDocument(text, allowComments);
	session.problems = validator.doValidation(session.json, settings);
}
