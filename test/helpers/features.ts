/**
 * Test helpers for the language features: documents with the cursor marked `|`, the shared
 * cases, ranges written as the cases write them, and the text after applying edits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Range, TextEdit } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/service';
import type { JSONDocument } from '../../server/src/json';
import { casesRoot, graphDocs } from './engine';

export { loadSources } from './engine';

const reference = path.join(graphDocs, 'api-reference');

/** Single reference pages, loaded by path: small type sets for exact expectations. */
export const pages = {
	workingHours: [
		path.join(reference, 'v1.0', 'resources', 'workinghours.md'),
		path.join(reference, 'v1.0', 'resources', 'timezonebase.md'),
	],
	quota: [path.join(reference, 'beta', 'resources', 'quota.md')],
	iosVppApp: [
		path.join(reference, 'beta', 'resources', 'intune-apps-iosvppapp.md'),
		path.join(reference, 'beta', 'resources', 'intune-shared-mobileapp.md'),
	],
	windowsPackage: [
		path.join(reference, 'beta', 'resources', 'intune-apps-windowspackageinformation.md'),
		path.join(reference, 'beta', 'resources', 'intune-apps-windowsarchitecture.md'),
	],
	all: [graphDocs],
};

export interface Parsed {
	document: TextDocument;
	json: JSONDocument;
	offset: number;
}

/** Parses a text whose single `|` marks the cursor (removed from the text). */
export function withCursor(marked: string, languageId = 'json'): Parsed {
	const offset = marked.indexOf('|');
	if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) {
		throw new Error('Mark the cursor with exactly one "|".');
	}
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	return { ...parsed(text, languageId), offset };
}

export function parsed(text: string, languageId = 'json'): Omit<Parsed, 'offset'> {
	const document = TextDocument.create(`file:///test.${languageId}`, languageId, 1, text);
	return { document, json: parseDocument(text, languageId === 'jsonc') };
}

/** A shared case file, at a position given as the cases give it. */
export function caseAt(file: string, line: number, character: number): Parsed {
	const text = fs.readFileSync(path.join(casesRoot, file), 'utf8');
	const document = parsed(text, file.endsWith('.jsonc') ? 'jsonc' : 'json');
	return { ...document, offset: document.document.offsetAt({ line, character }) };
}

/** `(line,character)-(line,character)`, as the cases write ranges. */
export function formatLspRange(range: Range): string {
	return `(${range.start.line},${range.start.character})-(${range.end.line},${range.end.character})`;
}

export function applyEdits(document: TextDocument, edits: TextEdit[]): string {
	return TextDocument.applyEdits(document, edits);
}

/** The text after accepting a completion item (its edit and any additional edits). */
export function accept(document: TextDocument, item: CompletionItem): string {
	const edit = item.textEdit;
	if (edit === undefined || !('range' in edit)) {
		throw new Error(`Item ${item.label} has no text edit with a range.`);
	}
	return applyEdits(document, [
		{ range: edit.range, newText: edit.newText },
		...(item.additionalTextEdits ?? []),
	]);
}

/** The item with this label; fails the test when there is none. */
export function itemNamed(items: CompletionItem[], label: string): CompletionItem {
	const item = items.find((candidate) => candidate.label === label);
	if (item === undefined) {
		throw new Error(
			`No item "${label}" among: ${items.map((candidate) => candidate.label).join(', ')}`,
		);
	}
	return item;
}

/** Labels in the order an editor shows them: by sort text, then label. */
export function sortedLabels(items: CompletionItem[]): string[] {
	return [...items]
		.sort(
			(a, b) =>
				(a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) ||
				a.label.localeCompare(b.label),
		)
		.map((item) => String(item.label));
}
