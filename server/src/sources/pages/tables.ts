/** Pipe-table rows as the reference pages write them (GFM tables, with the pages' quirks). */

import { decodeEntities } from './text';

const DELIMITER_CELL = /^:?-+:?$/;
const NBSP = '&nbsp;';
const MAX_PLAIN_SPLIT = 4096;
const MAX_COLUMNS = 64;

/** A `|---|:--|` line; 8 real pages drop the leading pipe, so only a pipe somewhere is needed. */
export function isDelimiterRow(line: string): boolean {
	if (!line.includes('|') || !line.includes('-')) {
		return false;
	}
	const cells = splitOnPipes(stripOuterPipes(line));
	return cells.every((cell) => DELIMITER_CELL.test(cell.trim()));
}

/** Pipes that separate cells: every `|` not escaped with a backslash. */
export function countCellPipes(line: string): number {
	let count = 0;
	for (let i = 0; i < line.length; i++) {
		if (line[i] === '\\') {
			i++;
		} else if (line[i] === '|') {
			count++;
		}
	}
	return count;
}

/**
 * The cells of one row, cleaned, exactly `columns` long. A row with too many cells is split again
 * with pipes inside backticks protected, then the overflow joins the last cell: 13 real
 * descriptions hold a literal `|`.
 */
export function splitRow(raw: string, columns: number): string[] {
	const inner = stripOuterPipes(raw);
	let cells = splitOnPipes(inner, false, columns);
	if (columns > 0 && cells.length > columns) {
		cells = splitOnPipes(inner, true, columns);
	}
	if (columns > 0 && cells.length > columns) {
		cells = [...cells.slice(0, columns - 1), cells.slice(columns - 1).join('|')];
	}
	while (cells.length < columns) {
		cells.push('');
	}
	return cells.map(cleanCell);
}

/** Header cells: as many as the header line has, up to 64 (real tables have at most 6). */
export function splitHeader(raw: string): string[] {
	const cells = splitOnPipes(stripOuterPipes(raw), false, MAX_COLUMNS);
	const header = cells.length > MAX_COLUMNS ? cells.slice(0, MAX_COLUMNS) : cells;
	return header.map(cleanCell);
}

function stripOuterPipes(raw: string): string {
	let text = raw.trim();
	if (text.startsWith('|')) {
		text = text.slice(1);
	}
	const hasClosingPipe = text.endsWith('|') && !text.endsWith('\\|');
	return hasClosingPipe ? text.slice(0, -1) : text;
}

/**
 * Splits on unescaped pipes. With `columns`, stops after `columns` separators: the rest is
 * overflow for the caller to join, and a hostile row of a million pipes makes no huge array.
 */
function splitOnPipes(text: string, isCodeProtected = false, columns = 0): string[] {
	// Most rows are short and hold no escapes or code: the built-in split is much faster.
	const isPlain = !text.includes('\\') && !(isCodeProtected && text.includes('`'));
	if (isPlain && (columns === 0 || text.length < MAX_PLAIN_SPLIT)) {
		return text.split('|');
	}
	const cells: string[] = [];
	let start = 0;
	let isInCode = false;
	for (let i = 0; i < text.length && (columns === 0 || cells.length <= columns); i++) {
		const char = text[i];
		if (char === '\\') {
			i++;
		} else if (char === '`' && isCodeProtected) {
			isInCode = !isInCode;
		} else if (char === '|' && !isInCode) {
			cells.push(text.slice(start, i));
			start = i + 1;
		}
	}
	cells.push(text.slice(start));
	return cells;
}

/** Trims spaces, tabs and `&nbsp;`, and unescapes `\|` and `&#124;`. */
function cleanCell(cell: string): string {
	let text = trimCell(cell);
	if (text.includes('\\|')) {
		text = text.replace(/\\\|/g, '|');
	}
	return text.includes('&#124;') ? text.replace(/&#124;/g, '|') : text;
}

// Written as a loop: a regex anchored at the end would rescan long runs of spaces.
function trimCell(cell: string): string {
	if (!cell.includes(NBSP)) {
		return cell.trim();
	}
	let start = 0;
	let end = cell.length;
	for (;;) {
		if (cell[start] === ' ' || cell[start] === '\t') {
			start++;
		} else if (cell.startsWith(NBSP, start)) {
			start += NBSP.length;
		} else {
			break;
		}
	}
	for (;;) {
		if (end > start && (cell[end - 1] === ' ' || cell[end - 1] === '\t')) {
			end--;
		} else if (end - NBSP.length >= start && cell.startsWith(NBSP, end - NBSP.length)) {
			end -= NBSP.length;
		} else {
			break;
		}
	}
	return cell.slice(start, end);
}

/** A header cell reduced for comparison: lower case without `*`, spaces or `&nbsp;`. */
export function headerKey(cell: string): string {
	return decodeEntities(cell)
		.replace(/[*_`\s]/g, '')
		.toLowerCase();
}
