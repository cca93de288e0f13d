/**
 * The first pass over a page: marks each line as code (inside a fence), comment (inside an HTML
 * comment) or text, and collects the comments' bodies. Fences and comments hide each other:
 * whichever opens first wins until it closes.
 */

export type LineKind = 'text' | 'code' | 'comment';

export interface MarkedLine {
	kind: LineKind;
	/** The text outside comments, for `text` lines. */
	text: string;
}

export interface PageComment {
	/** The line holding `<!--`. */
	line: number;
	body: string;
}

export interface MarkedPage {
	lines: MarkedLine[];
	comments: PageComment[];
}

interface Fence {
	char: string;
	length: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

export function markLines(lines: string[], start: number): MarkedPage {
	const marked: MarkedLine[] = lines.map(() => ({ kind: 'text', text: '' }));
	const comments: PageComment[] = [];
	let fence: Fence | undefined;
	let open: PageComment | undefined;
	for (let i = start; i < lines.length; i++) {
		let line = lines[i];
		if (fence !== undefined) {
			marked[i].kind = 'code';
			fence = closesFence(line, fence) ? undefined : fence;
			continue;
		}
		if (open !== undefined) {
			const end = line.indexOf('-->');
			if (end === -1) {
				open.body += line + '\n';
				marked[i].kind = 'comment';
				continue;
			}
			open.body += line.slice(0, end);
			comments.push(open);
			open = undefined;
			line = line.slice(end + 3);
			if (line.trim() === '') {
				marked[i].kind = 'comment';
				continue;
			}
		}
		fence = opensFence(line);
		if (fence !== undefined) {
			marked[i].kind = 'code';
			continue;
		}
		const visible = stripComments(line, i, comments);
		open = visible.open;
		const isOnlyComment = visible.text.trim() === '' && visible.hadComment;
		marked[i] = { kind: isOnlyComment ? 'comment' : 'text', text: visible.text };
	}
	if (open !== undefined) {
		comments.push(open);
	}
	return { lines: marked, comments };
}

function opensFence(line: string): Fence | undefined {
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
	hadComment: boolean;
	/** A comment that opens on this line and does not close on it. */
	open?: PageComment;
}

function stripComments(line: string, index: number, comments: PageComment[]): VisibleText {
	let text = '';
	let position = 0;
	let hadComment = false;
	for (;;) {
		const start = line.indexOf('<!--', position);
		if (start === -1) {
			return { text: text + line.slice(position), hadComment };
		}
		hadComment = true;
		text += line.slice(position, start);
		const end = line.indexOf('-->', start + 4);
		if (end === -1) {
			const open = { line: index, body: line.slice(start + 4) + '\n' };
			return { text, hadComment, open };
		}
		comments.push({ line: index, body: line.slice(start + 4, end) });
		position = end + 3;
	}
}
