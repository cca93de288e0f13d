/**
 * What a property's description says beyond prose: enum members ("Possible values are: `a`,
 * `b`."), an Intune integer range ("Valid values 0 to 100") and nullability.
 */

/** The phrases that introduce a list of values, in the spellings measured on real pages. */
const VALUES_PHRASE =
	/(?:(?:possible|valid|supported|allowed|accepted)\s+values(?:\s+for\s+[^.:`]{1,60}?\s+(?:are|include|is)|\s+(?:are|include|is))?|must\s+be\s+one\s+of)\s*:?/gi;
const RANGE = /\bvalid values (?:are |from )?(-?\d+) to (-?\d+)/i;
const NOT_NULLABLE = /\bnot nullable\b/i;
const REQUIRED = /\bRequired\b/g;
const MAX_PHRASES = 20;

type ItemStyle = 'code' | 'strong' | 'emphasis' | 'quote' | 'plain';

interface ListItem {
	value: string;
	style: ItemStyle;
	end: number;
}

/** The values a description lists, or undefined when it lists none. */
export function findDescriptionEnum(description: string): string[] | undefined {
	// A plain substring test first: most descriptions name no values at all.
	if (!description.includes('alues') && !description.includes('one of')) {
		return undefined;
	}
	VALUES_PHRASE.lastIndex = 0;
	for (let round = 0; round < MAX_PHRASES; round++) {
		const match = VALUES_PHRASE.exec(description);
		if (match === null) {
			return undefined;
		}
		const values = readValueList(description, match.index + match[0].length);
		if (values !== undefined) {
			return values;
		}
	}
	return undefined;
}

/** An inclusive range from "Valid values 0 to 4294967295", as written (BigInt keeps 64 bits). */
export function findRange(description: string): { min: bigint; max: bigint } | undefined {
	const match = description.includes('alues') ? RANGE.exec(description) : null;
	if (match === null) {
		return undefined;
	}
	const min = BigInt(match[1]);
	const max = BigInt(match[2]);
	return min <= max ? { min, max } : undefined;
}

/** "Not nullable", or "Required" standing as its own sentence or list item ("Required."). */
export function isMarkedNotNullable(description: string): boolean {
	const mentionsNullable = description.includes('ullable') || description.includes('ULLABLE');
	if (mentionsNullable && NOT_NULLABLE.test(description)) {
		return true;
	}
	if (!description.includes('Required')) {
		return false;
	}
	REQUIRED.lastIndex = 0;
	for (let match = REQUIRED.exec(description); match; match = REQUIRED.exec(description)) {
		const before = description.slice(Math.max(0, match.index - 4), match.index).toLowerCase();
		const end = match.index + match[0].length;
		const after = description.slice(end, end + 8).trimStart();
		const isAtEnd = after === '' && end + 8 >= description.length;
		const isStandalone = isAtEnd || /^[.;,)]/.test(after);
		if (isStandalone && !before.endsWith('not ')) {
			return true;
		}
	}
	return false;
}

function readValueList(text: string, start: number): string[] | undefined {
	const items: ListItem[] = [];
	let position = start;
	for (;;) {
		const item = readItem(text, skipSpaces(text, position));
		if (item === undefined || (items.length > 0 && item.style !== items[0].style)) {
			break;
		}
		items.push(item);
		const next = skipSeparator(text, skipParenthetical(text, item.end));
		if (next === undefined) {
			break;
		}
		position = next;
	}
	if (items.length === 0) {
		return undefined;
	}
	const last = items[items.length - 1];
	// Plain words only count when the sentence ends with them ("Valid values are described...").
	if (
		items[0].style === 'plain' &&
		!/^\s*(?:[.;)\n]|$)/.test(text.slice(last.end, last.end + 2))
	) {
		return undefined;
	}
	const values = items.map((item) => item.value).filter((value) => value !== 'null');
	return values.length > 0 ? [...new Set(values)] : undefined;
}

const WRAPPERS: [string, string, ItemStyle][] = [
	['`', '`', 'code'],
	['**', '**', 'strong'],
	['*', '*', 'emphasis'],
	['_', '_', 'emphasis'],
	['"', '"', 'quote'],
	['\u201C', '\u201D', 'quote'],
	["'", "'", 'quote'],
];
const PLAIN_WORD = /^[A-Za-z0-9][\w-]*(?:\.[\w-]+)*/;
const MAX_ITEM = 200;

function readItem(text: string, at: number): ListItem | undefined {
	for (const [open, close, style] of WRAPPERS) {
		if (!text.startsWith(open, at)) {
			continue;
		}
		const end = text.indexOf(close, at + open.length);
		const value = end === -1 ? '' : text.slice(at + open.length, end).trim();
		const isItem = value !== '' && value.length <= MAX_ITEM && !value.includes('\n');
		return isItem ? { value, style, end: end + close.length } : undefined;
	}
	const word = PLAIN_WORD.exec(text.slice(at, at + MAX_ITEM));
	return word === null ? undefined : { value: word[0], style: 'plain', end: at + word[0].length };
}

function skipSpaces(text: string, at: number): number {
	let i = at;
	while (text[i] === ' ' || text[i] === '\t') {
		i++;
	}
	return i;
}

/** Skips a short "(default)" after a value. */
function skipParenthetical(text: string, at: number): number {
	const open = skipSpaces(text, at);
	if (text[open] !== '(') {
		return at;
	}
	const close = text.indexOf(')', open);
	return close !== -1 && close - open < 100 ? close + 1 : at;
}

/** The start of the next item after `,`, `and`, `or` or `, and/or`; undefined at a list's end. */
function skipSeparator(text: string, at: number): number | undefined {
	let i = skipSpaces(text, at);
	const hasComma = text[i] === ',';
	if (hasComma) {
		i = skipSpaces(text, i + 1);
	}
	const conjunction = /^(?:and\/or|and|or)[ \t]/i.exec(text.slice(i, i + 7));
	if (conjunction !== null) {
		return skipSpaces(text, i + conjunction[0].length);
	}
	return hasComma ? i : undefined;
}
