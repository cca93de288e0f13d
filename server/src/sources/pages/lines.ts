/**
 * The first pass over a page: marks each line as code (inside a fence), comment (inside an HTML
 * comment) or text, and collects the comments' bodies. Fences and comments hide each other:
 * whichever opens first wins until it closes.
 */

/** What a line is: plain text, inside a fence, or inside an HTML comment. */
export const TEXT = 0;
export const CODE = 1;
export const COMMENT = 2;

export interface PageComment {
	/** The line holding `<!--`. */
	line: number;
	body: string;
}

/** Per-line arrays rather than one object per line: pages have tens of thousands of lines. */
export interface MarkedPage {
	kinds: Uint8Array;
	/** The text outside comments, for text lines; '' for the others. */
	texts: string[];
	comments: PageComment[];
}

interface Fence {
	char: string;
	length: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** Marks the lines from `start` on; `lines` is taken over (code and comment lines become ''). */
export function markLines(lines: string[], start: number): MarkedPage {
	const page: MarkedPage = {
		kinds: new Uint8Array(lines.length),
		texts: lines,
		comments: [],
	};
	let fence: Fence | undefined;
	let open: PageComment | undefined;
	for (let i = start; i < lines.length; i++) {
		let line = lines[i];
		if (fence !== undefined) {
			fence = closesFence(line, fence) ? undefined : fence;
			mark(page, i, CODE);
			continue;
		}
		if (open !== undefined) {
			const end = line.indexOf('-->');
			open.body += end === -1 ? line + '\n' : line.slice(0, end);
			if (end === -1) {
				mark(page, i, COMMENT);
				continue;
			}
			page.comments.push(open);
			open = undefined;
			line = line.slice(end + 3);
		}
		fence = opensFence(line);
		if (fence !== undefined) {
			mark(page, i, CODE);
			continue;
		}
		open = readVisible(page, i, line);
	}
	if (open !== undefined) {
		page.comments.push(open);
	}
	return page;
}

function mark(page: MarkedPage, line: number, kind: number): void {
	page.kinds[line] = kind;
	page.texts[line] = '';
}

/** Records the line's text outside comments; returns a comment left open at its end. */
function readVisible(page: MarkedPage, index: number, line: string): PageComment | undefined {
	const hadComment = line !== page.texts[index];
	if (!hadComment && !line.includes('<!--')) {
		return undefined;
	}
	const visible = stripComments(line, index, page.comments);
	if (visible.text.trim() === '') {
		mark(page, index, COMMENT);
	} else {
		page.texts[index] = visible.text;
	}
	return visible.open;
}

function opensFence(line: string): Fence | undefined {
	// Only lines starting with a space, a backtick or a tilde can open a fence.
	const first = line.charCodeAt(0);
	if (first !== 32 && first !== 96 && first !== 126) {
		return undefined;
	}
	const match = FENCE_OPEN.exec(line);
	if (match === null) {
		return undefined;
	}
	const marker = match[1];
	// CommonMark: a backtick fence's info string holds no backtick (else it is inline code).
	if (marker[0] === '`' && match[2].includes('`')) {
		return undefined;
	}
	return { char: marker[0], length: marker.length };
}

function closesFence(line: string, fence: Fence): boolean {
	const match = FENCE_CLOSE.exec(line);
	return match !== null && match[1][0] === fence.char && match[1].length >= fence.length;
}

interface VisibleText {
	text: string;
	/** A comment that opens on this line and does not close on it. */
	open?: PageComment;
}

function stripComments(line: string, index: number, comments: PageComment[]): VisibleText {
	let text = '';
	let position = 0;
	for (;;) {
		const start = line.indexOf('<!--', position);
		if (start === -1) {
			return { text: text + line.slice(position) };
		}
		text += line.slice(position, start);
		const end = line.indexOf('-->', start + 4);
		if (end === -1) {
			const open = { line: index, body: line.slice(start + 4) + '\n' };
			return { text, open };
		}
		comments.push({ line: index, body: line.slice(start + 4, end) });
		position = end + 3;
	}
}
