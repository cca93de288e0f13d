/**
 * The second pass over a page: headings, paragraphs and pipe tables, from the lines the first
 * pass left visible. Reference-style link definitions are collected on the way.
 */

import { TEXT, type MarkedPage } from './lines';
import { countCellPipes, isDelimiterRow, splitHeader, splitRow } from './tables';

export interface HeadingBlock {
	kind: 'heading';
	line: number;
	level: number;
	text: string;
}

export interface ParagraphBlock {
	kind: 'paragraph';
	line: number;
	lines: string[];
}

export interface TableRow {
	line: number;
	cells: string[];
}

export interface TableBlock {
	kind: 'table';
	line: number;
	header: string[];
	rows: TableRow[];
}

/** Where code or a comment stood: it ends paragraphs and tables. */
export interface BreakBlock {
	kind: 'break';
	line: number;
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock | BreakBlock;

export interface PageBlocks {
	blocks: Block[];
	/** `[label]: url` definitions, by lower-case label. */
	definitions: Map<string, string>;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const DEFINITION = /^ {0,3}\[([^\]]+)\]:[ \t]*(\S+)/;

export function readBlocks(lines: MarkedPage, start: number): PageBlocks {
	const blocks: Block[] = [];
	const definitions = new Map<string, string>();
	let paragraph: ParagraphBlock | undefined;
	let i = start;
	while (i < lines.texts.length) {
		const text = lines.texts[i];
		const isProse = lines.kinds[i] === TEXT && !isBlank(text) && !isHeadingLine(text);
		if (isProse && !isTableStart(lines, i) && !readDefinition(text, definitions)) {
			paragraph = paragraph ?? pushBlock(blocks, { kind: 'paragraph', line: i, lines: [] });
			paragraph.lines.push(text);
			i++;
			continue;
		}
		paragraph = undefined;
		i = readOther(lines, i, blocks);
	}
	return { blocks, definitions };
}

/** Reads the non-paragraph construct at `i` and returns the next line to look at. */
function readOther(lines: MarkedPage, i: number, blocks: Block[]): number {
	const text = lines.texts[i];
	if (lines.kinds[i] !== TEXT) {
		const previous = blocks[blocks.length - 1];
		if (previous === undefined || previous.kind !== 'break') {
			blocks.push({ kind: 'break', line: i });
		}
		return i + 1;
	}
	const heading = isHeadingLine(text) ? HEADING.exec(text) : null;
	if (heading !== null) {
		const title = (heading[2] ?? '').replace(/[ \t]#+[ \t]*$/, '').trim();
		blocks.push({ kind: 'heading', line: i, level: heading[1].length, text: title });
		return i + 1;
	}
	if (isTableStart(lines, i)) {
		return readTable(lines, i, blocks);
	}
	return i + 1;
}

function pushBlock<T extends Block>(blocks: Block[], block: T): T {
	blocks.push(block);
	return block;
}

// The checks below look at the first character before running a pattern: they run on every
// line of every page, and most lines start with a letter or a pipe.
const SPACE = 32;
const TAB = 9;

function firstCode(text: string): number {
	let i = 0;
	while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) {
		i++;
	}
	return i < text.length ? text.charCodeAt(i) : -1;
}

function isBlank(text: string): boolean {
	return firstCode(text) === -1;
}

function isHeadingLine(text: string): boolean {
	return firstCode(text) === 35 /* # */ && HEADING.test(text);
}

function isDefinitionLine(text: string): boolean {
	return firstCode(text) === 91 /* [ */ && DEFINITION.test(text);
}

function readDefinition(text: string, definitions: Map<string, string>): boolean {
	const match = firstCode(text) === 91 /* [ */ ? DEFINITION.exec(text) : null;
	if (match === null || match[1].startsWith('!')) {
		return false;
	}
	const label = match[1].trim().toLowerCase();
	if (!definitions.has(label)) {
		definitions.set(label, match[2]);
	}
	return true;
}

function isTableStart(lines: MarkedPage, i: number): boolean {
	return (
		lines.texts[i].includes('|') &&
		i + 1 < lines.texts.length &&
		lines.kinds[i] === TEXT &&
		lines.kinds[i + 1] === TEXT &&
		isDelimiterRow(lines.texts[i + 1])
	);
}

/** A table ends at a blank line, a heading, a fence, a comment or a link definition. */
function readTable(lines: MarkedPage, start: number, blocks: Block[]): number {
	const header = splitHeader(lines.texts[start]);
	const columns = header.length;
	const raws: { line: number; text: string }[] = [];
	let i = start + 2;
	for (; i < lines.texts.length; i++) {
		const text = lines.texts[i];
		const first = firstCode(text);
		const isEnd =
			lines.kinds[i] !== TEXT ||
			first === -1 ||
			isHeadingLine(text) ||
			isDefinitionLine(text);
		if (isEnd) {
			break;
		}
		const isNewRow =
			first === 124 /* | */ || countCellPipes(text) >= columns - 1 || raws.length === 0;
		if (isNewRow) {
			raws.push({ line: i, text });
		} else {
			// Intune descriptions run over several lines; the extra lines belong to the last cell.
			raws[raws.length - 1].text += '\n' + text;
		}
	}
	const rows = raws.map((raw) => ({ line: raw.line, cells: splitRow(raw.text, columns) }));
	blocks.push({ kind: 'table', line: start, header, rows });
	return i;
}
