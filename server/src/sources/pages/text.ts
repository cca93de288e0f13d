/**
 * Character-level clean-up shared by the page reader: line splitting, inline links and
 * markdown-to-plain-text. Every scan here is a single forward pass, because page text is
 * user-controlled and may be megabytes on one line.
 */

/** A markdown link found in a line: `[text](target)`, `[text][ref]` or `[text][]`. */
export interface InlineLink {
	start: number;
	end: number;
	text: string;
	/** The inline target, up to the first space (a title may follow it). */
	target?: string;
	/** What follows the target inside the parentheses (`collection` on one real page). */
	rest?: string;
	/** The label of a reference-style link, resolved against `[label]: url` lines. */
	label?: string;
}

const SPACE_LOOKALIKES = /[\u00A0\u202F\u200B]/g;
const LABEL_CHARS = /[[\]\\]/g;
const PARENS = /[()]/g;
const SHORTCUT_LINK = /\[([A-Za-z][\w.]*)\](?![([:])/g;
const BR_TAG = /<\/?br\s*\/?>/gi;
const ENTITIES: Record<string, string> = {
	'&nbsp;': ' ',
	'&#124;': '|',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&#39;': "'",
	'&amp;': '&',
};
const ENTITY = /&(?:nbsp|#124|lt|gt|quot|#39|amp);/g;

/** Drops a BOM, maps the space look-alikes pages contain and splits on LF, CRLF and CR. */
export function splitPageLines(text: string): string[] {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	// NBSP and U+202F stand for plain spaces in pages; U+200B hides inside names and values.
	const cleaned = body.replace(SPACE_LOOKALIKES, (char) => (char === '\u200B' ? '' : ' '));
	return cleaned.includes('\r') ? cleaned.split(/\r\n|\r|\n/) : cleaned.split('\n');
}

export function decodeEntities(text: string): string {
	return text.includes('&') ? text.replace(ENTITY, (entity) => ENTITIES[entity] ?? entity) : text;
}

/** `<br>`, `<br/>`, `<br />` and `</br>` all mean a line break in table cells. */
export function breaksToNewlines(text: string): string {
	return text.includes('<') ? text.replace(BR_TAG, '\n') : text;
}

/** Replaces every link by its text. */
export function dropLinks(text: string): string {
	const links = findLinks(text);
	if (links.length === 0) {
		return text;
	}
	let result = '';
	let position = 0;
	for (const link of links) {
		result += text.slice(position, link.start) + link.text;
		position = link.end;
	}
	return result + text.slice(position);
}

/** A description as plain text: links become their text, `<br>` a newline, entities decoded. */
export function toPlainText(markdown: string): string {
	let text = decodeEntities(breaksToNewlines(dropLinks(markdown)));
	if (text.includes('[')) {
		// Shortcut reference links (`a term [store]`) read as their text.
		text = text.replace(SHORTCUT_LINK, '$1');
	}
	if (!text.includes('\n')) {
		return text.trim();
	}
	return text
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.trim();
}

/** Strips the emphasis and code marks that wrap a whole name: `**x**`, `` `x` ``, `*x*`, `_x_`. */
export function unwrapMarks(text: string): string {
	let value = text.trim();
	for (let round = 0; round < 4; round++) {
		const inner = unwrapOnce(value);
		if (inner === value) {
			break;
		}
		value = inner;
	}
	return value;
}

function unwrapOnce(value: string): string {
	const first = value[0];
	if (first !== '*' && first !== '_' && first !== '`') {
		return value;
	}
	for (const mark of ['**', '__', '`', '*', '_']) {
		const isWrapped =
			value.length > mark.length * 2 && value.startsWith(mark) && value.endsWith(mark);
		if (isWrapped) {
			return value.slice(mark.length, value.length - mark.length).trim();
		}
	}
	return value;
}

const STATUS_WORDS = new Set(['deprecated', 'preview', 'beta']);

/** Drops a trailing `(deprecated)`, `(preview)` or `(beta)` from a name. */
export function dropStatusSuffix(text: string): string {
	const trimmed = text.trimEnd();
	const open = trimmed.lastIndexOf('(');
	if (!trimmed.endsWith(')') || open <= 0) {
		return text;
	}
	const word = trimmed
		.slice(open + 1, -1)
		.trim()
		.toLowerCase();
	return STATUS_WORDS.has(word) ? trimmed.slice(0, open).trimEnd() : text;
}

/** Drops any trailing parenthesis, such as `(deprecated)` after a title. */
export function dropTrailingParenthesis(text: string): string {
	const trimmed = text.trimEnd();
	const open = trimmed.lastIndexOf('(');
	const isTrailing =
		trimmed.endsWith(')') && open !== -1 && !trimmed.slice(open, -1).includes(')');
	return isTrailing ? trimmed.slice(0, open).trimEnd() : trimmed;
}

/** The anchor id docs sites give a heading: lower case, punctuation dropped, spaces as '-'. */
export function slugify(heading: string): string {
	return dropLinks(heading)
		.toLowerCase()
		.replace(/[^\p{L}\p{N}_ -]/gu, '')
		.replace(/ /g, '-');
}

/** Finds inline and reference-style links in one forward pass (no backtracking). */
export function findLinks(text: string): InlineLink[] {
	const links: InlineLink[] = [];
	const scan = { hasUnclosedParen: false };
	let index = text.indexOf('[');
	while (index !== -1) {
		const close = findLabelEnd(text, index + 1);
		if (close === undefined) {
			break;
		}
		if (close.isNested) {
			index = close.at;
			continue;
		}
		const link = readLinkTail(text, index, close.at, scan);
		if (link !== undefined) {
			links.push(link);
		}
		index = text.indexOf('[', link ? link.end : close.at + 1);
	}
	return links;
}

/** The `]` closing a label that starts at `from`, or the position of a nested `[`. */
function findLabelEnd(text: string, from: number): { at: number; isNested: boolean } | undefined {
	// A global pattern jumps between brackets natively instead of looping over every character.
	LABEL_CHARS.lastIndex = from;
	for (let match = LABEL_CHARS.exec(text); match; match = LABEL_CHARS.exec(text)) {
		const char = match[0];
		if (char === '\\') {
			LABEL_CHARS.lastIndex = match.index + 2;
			continue;
		}
		return { at: match.index, isNested: char === '[' };
	}
	return undefined;
}

function readLinkTail(
	text: string,
	open: number,
	close: number,
	scan: { hasUnclosedParen: boolean },
): InlineLink | undefined {
	const start = open > 0 && text[open - 1] === '!' ? open - 1 : open;
	const label = text.slice(open + 1, close);
	const next = text[close + 1];
	// Once a `(` ran to the end of the text unclosed, later ones would rescan the same tail.
	if (next === '(' && !scan.hasUnclosedParen) {
		const end = findParenEnd(text, close + 2);
		if (end === -1) {
			scan.hasUnclosedParen = true;
			return undefined;
		}
		const inner = text.slice(close + 2, end).trim();
		const space = inner.search(/\s/);
		const target = space === -1 ? inner : inner.slice(0, space);
		const rest = space === -1 ? '' : inner.slice(space).trim();
		return { start, end: end + 1, text: label, target, rest };
	}
	if (next === '[') {
		const end = findLabelEnd(text, close + 2);
		if (end === undefined || end.isNested) {
			return undefined;
		}
		const ref = text.slice(close + 2, end.at).trim();
		return { start, end: end.at + 1, text: label, label: ref === '' ? label : ref };
	}
	return undefined;
}

/** The `)` balancing the `(` before `from`; -1 when the text ends first. */
function findParenEnd(text: string, from: number): number {
	let depth = 0;
	PARENS.lastIndex = from;
	for (let match = PARENS.exec(text); match; match = PARENS.exec(text)) {
		if (match[0] === '(') {
			depth++;
		} else if (depth === 0) {
			return match.index;
		} else {
			depth--;
		}
	}
	return -1;
}
