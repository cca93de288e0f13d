/**
 * The open document: its text, version and line index, updated in place by the client's
 * changes. It answers exactly as vscode-languageserver-textdocument's documents do (the tests
 * hold the two side by side), and differs in cost only: the line index of an 18 MB fixture is
 * found with indexOf, which the engine runs natively, in a third of the time a step per
 * character takes, and it is built only when a position is first asked for.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { firstAtOrAbove, lastAtOrBefore } from './sorted';
import type { CountedBreaks } from './json';

/** More inserted lines than this are joined by concat: spread arguments have a limit. */
const maxSpliced = 10000;

const lineFeed = 10;
const carriageReturn = 13;

export class IndexedDocument implements TextDocument {
	/** Offsets where lines start; [0] is 0. Undefined until a position or a range is needed. */
	private lineStarts: number[] | undefined = undefined;
	/** The text's length in UTF-8 bytes, once asked for; kept through edits. */
	private utf8Bytes: number | undefined = undefined;
	/** Line breaks the parser counted in this very text; dropped when the text changes. */
	private counted: CountedBreaks | undefined = undefined;

	constructor(
		readonly uri: string,
		readonly languageId: string,
		public version: number,
		private content: string,
	) {}

	getText(range?: Range): string {
		if (range === undefined) {
			return this.content;
		}
		return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
	}

	get lineCount(): number {
		return this.starts().length;
	}

	/**
	 * The text's length in UTF-8 bytes, which the size limit is about. Encoding an 18 MB text
	 * to count takes about 10 ms, so the count is kept and an edit corrects it by what it
	 * removed and inserted.
	 */
	get utf8Length(): number {
		return (this.utf8Bytes ??= Buffer.byteLength(this.content, 'utf8'));
	}

	positionAt(offset: number): Position {
		const at = Math.max(0, Math.min(offset, this.content.length));
		const starts = this.starts();
		const line = lastAtOrBefore(starts, at);
		const lineStart = starts[line];
		return { line, character: this.beforeLineBreak(at, lineStart) - lineStart };
	}

	/**
	 * Takes the line breaks a parser counted in `text` (see CountedBreaks), for positionsAt to
	 * skip those ranges; they are kept only while `text` is the document's text.
	 */
	noteCountedBreaks(text: string, counted: CountedBreaks): void {
		if (text === this.content) {
			this.counted = counted;
		}
	}

	/**
	 * The positions of many offsets at once, as positionAt gives them. Before anything has
	 * needed the line index, a text with only '\n' breaks has its lines counted forward to each
	 * offset in turn instead, taking the parser's counts for the ranges it counted whole: that
	 * costs a fraction of building the index, which waits for the first feature that needs it.
	 * The diagnostics of a fixture's first check need only these.
	 */
	positionsAt(offsets: readonly number[]): Position[] {
		const text = this.content;
		if (this.lineStarts !== undefined || text.includes('\r')) {
			return offsets.map((offset) => this.positionAt(offset));
		}
		const clamped = offsets.map((offset) => Math.max(0, Math.min(offset, text.length)));
		const order = clamped.map((_, index) => index).sort((a, b) => clamped[a] - clamped[b]);
		return countLines(text, this.counted ?? [], clamped, order);
	}

	offsetAt(position: Position): number {
		const starts = this.starts();
		if (position.line >= starts.length) {
			return this.content.length;
		}
		if (position.line < 0) {
			return 0;
		}
		const lineStart = starts[position.line];
		if (position.character <= 0) {
			return lineStart;
		}
		const next = this.nextLineStart(position.line);
		return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
	}

	getLineRange(line: number): Range {
		const starts = this.starts();
		if (line < 0) {
			return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
		}
		if (line >= starts.length) {
			const lastLine = starts.length - 1;
			const end = { line: lastLine, character: this.content.length - starts[lastLine] };
			return { start: { line: lastLine, character: 0 }, end };
		}
		const lineStart = starts[line];
		const lineEnd = this.beforeLineBreak(this.nextLineStart(line), lineStart);
		return {
			start: { line, character: 0 },
			end: { line, character: lineEnd - lineStart },
		};
	}

	getEOLCharacters(line: number): string {
		const starts = this.starts();
		if (line < 0 || line >= starts.length) {
			return '';
		}
		const next = this.nextLineStart(line);
		return this.content.substring(this.beforeLineBreak(next, starts[line]), next);
	}

	/** Applies the client's changes in order: ranged ones in place, whole texts replace all. */
	update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
		for (const change of changes) {
			if ('range' in change && change.range !== undefined) {
				this.replace(ordered(change.range), change.text);
			} else if (typeof change.text === 'string') {
				this.content = change.text;
				this.lineStarts = undefined;
				this.utf8Bytes = undefined;
				this.counted = undefined;
			} else {
				throw new Error('A content change has neither a range nor a whole text.');
			}
		}
		this.version = version;
	}

	private replace(range: Range, text: string): void {
		const start = this.offsetAt(range.start);
		const end = this.offsetAt(range.end);
		const old = this.content;
		if (this.utf8Bytes !== undefined) {
			this.utf8Bytes = utf8Delta(old, start, end, text, this.utf8Bytes);
		}
		this.content = old.substring(0, start) + text + old.substring(end);
		this.counted = undefined;
		this.reindex(start, end, text.length);
	}

	/**
	 * Updates the line index after [start, end) was replaced by `inserted` characters. Only the
	 * line breaks that end from one character before the change to one after it can differ
	 * ('\r' then '\n' is one break); those are read again, and the later ones move.
	 */
	private reindex(start: number, end: number, inserted: number): void {
		let starts = this.lineStarts!;
		const first = firstAtOrAbove(starts, Math.max(start, 1));
		const after = firstAtOrAbove(starts, end + 2);
		const found: number[] = [];
		const text = this.content;
		const last = Math.min(start + inserted, text.length - 1);
		for (let at = Math.max(start - 1, 0); at <= last; at++) {
			if (isBreakEnd(text, at)) {
				found.push(at + 1);
			}
		}
		// In place: a keystroke in an 18 MB fixture must not copy its half a million lines.
		if (found.length <= maxSpliced) {
			starts.splice(first, after - first, ...found);
		} else {
			starts = this.lineStarts = starts.slice(0, first).concat(found, starts.slice(after));
		}
		const delta = inserted - (end - start);
		for (let i = first + found.length; i < starts.length; i++) {
			starts[i] += delta;
		}
	}

	/** Moves an offset that falls inside a line break (or just after it) to the line's end. */
	private beforeLineBreak(offset: number, lineStart: number): number {
		let at = offset;
		while (at > lineStart && isBreakCharacter(this.content.charCodeAt(at - 1))) {
			at--;
		}
		return at;
	}

	/** Where the line after `line` starts, or the text's end after the last line. */
	private nextLineStart(line: number): number {
		const starts = this.starts();
		return line + 1 < starts.length ? starts[line + 1] : this.content.length;
	}

	private starts(): number[] {
		return (this.lineStarts ??= lineStartsOf(this.content));
	}
}

/** The document that TextDocuments keeps for each open text. */
export const indexedDocuments = {
	create(uri: string, languageId: string, version: number, content: string): IndexedDocument {
		return new IndexedDocument(uri, languageId, version, content);
	},
	update(
		document: IndexedDocument,
		changes: TextDocumentContentChangeEvent[],
		version: number,
	): IndexedDocument {
		document.update(changes, version);
		return document;
	},
};

/**
 * The positions of offsets, visited in increasing order, in a text with only '\n' breaks:
 * its breaks are counted forward from its start with indexOf, which the engine runs natively,
 * and each counted range (see CountedBreaks) that ends before the next offset is passed by
 * taking its count. Each part of the text is searched at most once. One function with local
 * state: it runs once per check, mostly before the engine has compiled it.
 */
function countLines(
	text: string,
	counted: CountedBreaks,
	offsets: readonly number[],
	order: readonly number[],
): Position[] {
	const positions = new Array<Position>(offsets.length);
	let line = 0;
	let lineStart = 0;
	// Everything before `at` is counted. `nextBreak` is the first break at or after some
	// offset up to `at` (-1: none), searched again only when it falls behind: passing counted
	// ranges that follow one another then takes no search at all.
	let at = 0;
	let nextBreak = text.indexOf('\n');
	let range = 0;
	for (const index of order) {
		const offset = offsets[index];
		for (;;) {
			while (range < counted.length && counted[range] < at) {
				range += 4;
			}
			const isPassed = range < counted.length && counted[range + 1] <= offset;
			const until = isPassed ? counted[range] : offset;
			if (until > at) {
				if (nextBreak >= 0 && nextBreak < at) {
					nextBreak = text.indexOf('\n', at);
				}
				while (nextBreak >= 0 && nextBreak < until) {
					line++;
					lineStart = nextBreak + 1;
					nextBreak = text.indexOf('\n', lineStart);
				}
			}
			if (!isPassed) {
				at = offset;
				break;
			}
			if (counted[range + 2] > 0) {
				line += counted[range + 2];
				lineStart = counted[range + 3] + 1;
			}
			at = counted[range + 1];
			range += 4;
		}
		positions[index] = { line, character: offset - lineStart };
	}
	return positions;
}

/** The positions of `offsets` in the document, found together (IndexedDocument.positionsAt). */
export function positionsIn(document: TextDocument, offsets: readonly number[]): Position[] {
	return document instanceof IndexedDocument
		? document.positionsAt(offsets)
		: offsets.map((offset) => document.positionAt(offset));
}

/** The text's UTF-8 length in the IndexedDocument's count when it has one, else counted. */
export function utf8LengthOf(document: TextDocument): number {
	return document instanceof IndexedDocument
		? document.utf8Length
		: Buffer.byteLength(document.getText(), 'utf8');
}

/**
 * The UTF-8 length after [start, end) of `old` is replaced by `inserted`, from the length
 * before; undefined (count again) when the change could split or join a surrogate pair, as
 * a lone surrogate takes 3 bytes and a pair 4.
 */
function utf8Delta(
	old: string,
	start: number,
	end: number,
	inserted: string,
	before: number,
): number | undefined {
	const edges = [
		old.charCodeAt(start - 1),
		old.charCodeAt(start),
		old.charCodeAt(end - 1),
		old.charCodeAt(end),
		inserted.charCodeAt(0),
		inserted.charCodeAt(inserted.length - 1),
	];
	if (edges.some(isSurrogate)) {
		return undefined;
	}
	const removed = Buffer.byteLength(old.substring(start, end), 'utf8');
	return before - removed + Buffer.byteLength(inserted, 'utf8');
}

function isSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdfff;
}

function lineStartsOf(text: string): number[] {
	const starts = [0];
	if (!text.includes('\r')) {
		for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
			starts.push(at + 1);
		}
		return starts;
	}
	for (let at = 0; at < text.length; at++) {
		if (isBreakEnd(text, at)) {
			starts.push(at + 1);
		}
	}
	return starts;
}

/** Whether a line break ends at `at`: '\n', or '\r' without a '\n' after it. */
function isBreakEnd(text: string, at: number): boolean {
	const code = text.charCodeAt(at);
	return code === lineFeed || (code === carriageReturn && text.charCodeAt(at + 1) !== lineFeed);
}

function isBreakCharacter(code: number): boolean {
	return code === lineFeed || code === carriageReturn;
}

function ordered(range: Range): Range {
	const { start, end } = range;
	const isReversed =
		start.line > end.line || (start.line === end.line && start.character > end.character);
	return isReversed ? { start: end, end: start } : range;
}
