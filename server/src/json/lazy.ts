/**
 * Array items that are built only when something reads them. A large fixture is one collection
 * of tens of thousands of objects, and on open nearly all of them are only checked: building
 * nodes for every member of every item costs more than the check itself. An item that reads as
 * strict JSON is kept as its range and the value JSON.parse gave; its nodes are built from its
 * text the first time a feature asks for its children.
 */
import type { JSONNode } from './tree';
import { createNode } from './tree';

/** What one pass over an item's text tells the validator about it without building it. */
export interface ItemFacts {
	/** Members of all objects inside the item, itself included: one per ':' outside strings. */
	memberCount: number;
	/** The deepest nesting of objects and arrays inside, the item itself being 1. */
	depth: number;
	/** A number literal that is not the text String() gives for its value: 1.0, 1e3, -0, 2^63. */
	hasOddNumbers: boolean;
}

/** What the scan of an item finds besides its facts: its line breaks ('\n'). */
export interface ScannedItem extends ItemFacts {
	lineBreaks: number;
	/** The offset of the last line break in the item; -1 when it has none. */
	lastLineBreak: number;
}

/**
 * The member that names an object's OData type. An item notes whether it has one, so that a
 * collection can be asked whether any item is tagged without building its items.
 */
export const typeMember = '@odata.type';

/**
 * A validator's reading of items where no type is expected of them: one type model at one API
 * version. The parser may ask it about each item while JSON.parse's value is fresh
 * (ParseOptions.checkItem); the item keeps the answer with the check that gave it, so that a
 * later validation run under the same model and version need not read the value again.
 */
export interface ItemCheck {
	/** Whether a validation run would find nothing inside the item, where no type is expected. */
	isClean(item: LazyItem, value: unknown): boolean;
}

/**
 * An object in an array, not yet built. It keeps the text it was read from and its offset
 * there: while it is unbuilt its own text cannot have changed (an edit inside an item builds
 * it first), so an edit elsewhere only moves `offset`.
 */
export class LazyItem implements JSONNode, ItemFacts {
	readonly type = 'object';
	offset: number;
	length: number;
	parent: JSONNode | undefined;
	value: undefined = undefined;
	raw: undefined = undefined;
	colonOffset: undefined = undefined;
	isClosed = true;
	memberCount: number;
	depth: number;
	hasOddNumbers: boolean;
	/** Whether the item has a `@odata.type` member of its own (nested ones do not count). */
	readonly hasTypeMember: boolean;
	private built: JSONNode[] | undefined = undefined;
	/** The check that read the item while it was parsed, and its answer. */
	private checkedBy: ItemCheck | undefined = undefined;
	private isCheckedClean = false;

	constructor(
		offset: number,
		length: number,
		parent: JSONNode,
		private readonly source: string,
		private readonly sourceOffset: number,
		/** JSON.parse's value of the item, until the validator takes it. */
		private parsed: unknown,
		facts: ItemFacts,
	) {
		this.offset = offset;
		this.length = length;
		this.parent = parent;
		this.memberCount = facts.memberCount;
		this.depth = facts.depth;
		this.hasOddNumbers = facts.hasOddNumbers;
		this.hasTypeMember = Object.hasOwn(parsed as object, typeMember);
	}

	get children(): JSONNode[] | undefined {
		return (this.built ??= this.build());
	}

	set children(children: JSONNode[] | undefined) {
		this.built = children;
		// Nodes given from outside need not be the text's: its value no longer stands for them.
		this.parsed = undefined;
	}

	/** Whether the item's nodes exist: walks that must not build them check this first. */
	get isBuilt(): boolean {
		return this.built !== undefined;
	}

	/**
	 * Has `check` read the item now and keeps its answer. The value is not kept: a validation
	 * run under the same check takes the answer, and any other reads the value from the text.
	 */
	checkWith(check: ItemCheck): void {
		const value = this.takeValue();
		this.isCheckedClean = check.isClean(this, value);
		this.checkedBy = check;
		// An item with a problem is walked: its value is kept for the check of its members.
		if (!this.isCheckedClean) {
			this.parsed = value;
		}
	}

	/** What `check` answered for the item; undefined when it has not read it. */
	answerOf(check: ItemCheck): boolean | undefined {
		return this.checkedBy === check ? this.isCheckedClean : undefined;
	}

	/**
	 * JSON.parse's value of the item's text while the item still holds it, and from then on
	 * undefined. An item never changes: an edit inside one replaces it (see graft.ts).
	 */
	takeParsedValue(): unknown {
		const value = this.parsed;
		this.parsed = undefined;
		return value;
	}

	/** The item's value, read once more from its text when the parse-time one was taken. */
	takeValue(): unknown {
		const value = this.parsed;
		this.parsed = undefined;
		return value !== undefined ? value : JSON.parse(this.ownText());
	}

	private ownText(): string {
		return this.source.slice(this.sourceOffset, this.sourceOffset + this.length);
	}

	private build(): JSONNode[] {
		return buildStrict(this.source, this.sourceOffset, this, this.offset - this.sourceOffset);
	}
}

/**
 * The members of the strict JSON object at `start` in `text`, built as the tree parser builds
 * them, with offsets moved by `delta` and `item` as their parent. The text is known to be
 * strict JSON (JSON.parse read it), so it is read without looking for errors, several times
 * faster than the token states read it: every item with a problem is built to report it.
 */
function buildStrict(text: string, start: number, item: JSONNode, delta: number): JSONNode[] {
	return new StrictBuilder(text, item, delta).build(start);
}

class StrictBuilder {
	private readonly members: JSONNode[] = [];
	/** The open containers, innermost last; the item itself is the first. */
	private readonly open: JSONNode[];
	/** The property whose value comes next, and its key. */
	private property: JSONNode | undefined = undefined;
	private key: JSONNode | undefined = undefined;

	constructor(
		private readonly text: string,
		private readonly item: JSONNode,
		private readonly delta: number,
	) {
		this.open = [item];
	}

	build(start: number): JSONNode[] {
		const text = this.text;
		let at = start + 1;
		while (this.open.length > 0) {
			at = nextNonBlank(text, at);
			const code = text.charCodeAt(at);
			if (code === Code.Comma) {
				at++;
			} else if (code === Code.CloseBrace || code === Code.CloseBracket) {
				this.close(at + 1);
				at++;
			} else if (this.property === undefined && this.isInObject()) {
				at = this.readKey(at);
			} else {
				at = this.readValue(at, code);
			}
		}
		return this.members;
	}

	private isInObject(): boolean {
		return this.open[this.open.length - 1].type === 'object';
	}

	/** Reads a key and its colon; returns where the value starts looking. */
	private readKey(at: number): number {
		const container = this.open[this.open.length - 1];
		const end = stringEnd(this.text, at + 1) + 1;
		const offset = at + this.delta;
		const property = createNode('property', offset, end - at, container, undefined);
		this.key = createNode(
			'string',
			offset,
			end - at,
			property,
			stringValue(this.text, at, end),
		);
		this.childrenOf(container).push(property);
		const colon = nextNonBlank(this.text, end);
		property.colonOffset = colon + this.delta;
		property.length = colon + 1 + this.delta - offset;
		this.property = property;
		return colon + 1;
	}

	/** Reads a value at `at` into the open container; returns where it ends. */
	private readValue(at: number, code: number): number {
		const container = this.open[this.open.length - 1];
		const parent = this.property ?? container;
		const offset = at + this.delta;
		let node: JSONNode;
		let end: number;
		if (code === Code.OpenBrace || code === Code.OpenBracket) {
			node = createNode(
				code === Code.OpenBrace ? 'object' : 'array',
				offset,
				1,
				parent,
				undefined,
			);
			node.children = [];
			node.isClosed = false;
			end = at + 1;
		} else if (code === Code.Quote) {
			end = stringEnd(this.text, at + 1) + 1;
			node = createNode('string', offset, end - at, parent, stringValue(this.text, at, end));
		} else if (code === Code.Minus || (code >= Code.Zero && code <= Code.Nine)) {
			end = numberEnd(this.text, at + 1);
			const raw = this.text.slice(at, end);
			node = createNode('number', offset, end - at, parent, Number(raw));
			node.raw = raw;
		} else if (code === Code.LowerN) {
			end = at + 4;
			node = createNode('null', offset, 4, parent, null);
		} else {
			end = at + (code === Code.LowerT ? 4 : 5);
			node = createNode('boolean', offset, end - at, parent, code === Code.LowerT);
		}
		const property = this.property;
		if (property !== undefined) {
			property.children = [this.key!, node];
			property.length = end + this.delta - property.offset;
			this.property = undefined;
		} else {
			this.childrenOf(container).push(node);
		}
		if (node.children !== undefined) {
			this.open.push(node);
		}
		return end;
	}

	/** Closes the innermost container at `end` (past its bracket). */
	private close(end: number): void {
		const node = this.open.pop()!;
		if (node === this.item) {
			return;
		}
		const moved = end + this.delta;
		node.length = moved - node.offset;
		node.isClosed = true;
		if (node.parent?.type === 'property') {
			node.parent.length = moved - node.parent.offset;
		}
	}

	private childrenOf(container: JSONNode): JSONNode[] {
		return container === this.item ? this.members : container.children!;
	}
}

/** The value of the string literal at [start, end): JSON.parse only where it has escapes. */
function stringValue(text: string, start: number, end: number): string {
	const inner = text.slice(start + 1, end - 1);
	return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

export function isUnbuilt(node: JSONNode): node is LazyItem {
	return node instanceof LazyItem && !node.isBuilt;
}

/** The children a node has now, without building a lazy item's. */
export function builtChildren(node: JSONNode): JSONNode[] | undefined {
	return isUnbuilt(node) ? undefined : node.children;
}

/** Moves a node and all nodes below it by `delta`, with an explicit stack and no building. */
export function shiftSubtree(top: JSONNode, delta: number): void {
	const stack = [top];
	while (stack.length > 0) {
		const node = stack.pop()!;
		node.offset += delta;
		if (node.colonOffset !== undefined) {
			node.colonOffset += delta;
		}
		const children = builtChildren(node);
		if (children !== undefined) {
			for (let i = 0; i < children.length; i++) {
				stack.push(children[i]);
			}
		}
	}
}

const enum Code {
	Tab = 9,
	LineFeed = 10,
	CarriageReturn = 13,
	Space = 32,
	Comma = 44,
	Quote = 34,
	Backslash = 92,
	OpenBrace = 123,
	CloseBrace = 125,
	OpenBracket = 91,
	CloseBracket = 93,
	Colon = 58,
	Slash = 47,
	Minus = 45,
	Zero = 48,
	Nine = 57,
	LowerN = 110,
	LowerT = 116,
}

/**
 * Finds the end of the object that starts at `start` (the offset past its closing brace), or
 * -1 when the text ends first, and writes what the validator needs to know of it, and its
 * line breaks, to `facts`. The pass only pairs brackets and skips strings and comments:
 * whether the range really is strict JSON is JSON.parse's to say afterwards.
 */
export function scanItem(text: string, start: number, facts: ScannedItem): number {
	let depth = 0;
	let maxDepth = 0;
	let members = 0;
	let hasOddNumbers = false;
	let lineBreaks = 0;
	let lastLineBreak = -1;
	const length = text.length;
	for (let i = start; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code <= Code.Space) {
			// Whitespace (or a control character, which JSON.parse refuses). Line breaks are
			// only here in an item that JSON.parse accepts: not in strings, nor in comments.
			if (code === Code.LineFeed) {
				lineBreaks++;
				lastLineBreak = i;
			}
			continue;
		}
		if (code === Code.Quote) {
			i = stringEnd(text, i + 1);
			if (i < 0) {
				return -1;
			}
		} else if (code === Code.OpenBrace || code === Code.OpenBracket) {
			if (++depth > maxDepth) {
				maxDepth = depth;
			}
		} else if (code === Code.CloseBrace || code === Code.CloseBracket) {
			if (--depth === 0) {
				facts.memberCount = members;
				facts.depth = maxDepth;
				facts.hasOddNumbers = hasOddNumbers;
				facts.lineBreaks = lineBreaks;
				facts.lastLineBreak = lastLineBreak;
				return i + 1;
			}
		} else if (code === Code.Colon) {
			members++;
		} else if (code === Code.Slash) {
			// Not strict JSON: JSON.parse will refuse the item, but its end is still worth
			// finding, so that the items after it can be lazy.
			i = commentEnd(text, i);
			if (i < 0) {
				return -1;
			}
		} else if (code === Code.Minus || (code >= Code.Zero && code <= Code.Nine)) {
			const end = numberEnd(text, i + 1);
			hasOddNumbers ||= isOddNumber(text, i, end);
			i = end - 1;
		}
	}
	return -1;
}

/**
 * Where the next object item starts when the text after an item's end goes on with `, {`
 * (whitespace aside); -1 otherwise.
 */
export function nextItemStart(text: string, end: number): number {
	const comma = nextNonBlank(text, end);
	if (text.charCodeAt(comma) !== Code.Comma) {
		return -1;
	}
	const next = nextNonBlank(text, comma + 1);
	return text.charCodeAt(next) === Code.OpenBrace ? next : -1;
}

/** The offset of the first character at or after `from` that is not JSON whitespace. */
function nextNonBlank(text: string, from: number): number {
	let at = from;
	for (;;) {
		const code = text.charCodeAt(at);
		const isBlank =
			code === Code.Space ||
			code === Code.LineFeed ||
			code === Code.CarriageReturn ||
			code === Code.Tab;
		if (!isBlank) {
			return at;
		}
		at++;
	}
}

/** The offset of the quote that closes a string whose text starts at `from`; -1 if none. */
function stringEnd(text: string, from: number): number {
	let at = from;
	for (;;) {
		const quote = text.indexOf('"', at);
		if (quote < 0) {
			return -1;
		}
		let backslashes = 0;
		while (text.charCodeAt(quote - 1 - backslashes) === Code.Backslash) {
			backslashes++;
		}
		if (backslashes % 2 === 0) {
			return quote;
		}
		at = quote + 1;
	}
}

/**
 * The last offset of a comment starting at `start`, or -1 when it runs to the end of the text.
 * A '/' that starts no comment counts as one character.
 */
function commentEnd(text: string, start: number): number {
	const next = text.charCodeAt(start + 1);
	if (next === Code.Slash) {
		const lineEnd = text.indexOf('\n', start);
		return lineEnd < 0 ? -1 : lineEnd;
	}
	if (next === 42) {
		const close = text.indexOf('*/', start + 2);
		return close < 0 ? -1 : close + 1;
	}
	return start;
}

/** The end of a run of characters that can belong to a number literal. */
function numberEnd(text: string, from: number): number {
	let i = from;
	for (;;) {
		const code = text.charCodeAt(i);
		const isNumberPart =
			(code >= Code.Zero && code <= Code.Nine) ||
			code === 46 || // .
			code === 101 || // e
			code === 69 || // E
			code === 43 || // +
			code === Code.Minus;
		if (!isNumberPart) {
			return i;
		}
		i++;
	}
}

/**
 * Whether a literal's text differs from String() of its value, as the validator asks of every
 * number node. Short literals of digits that do not start with 0 are canonical as they are.
 */
function isOddNumber(text: string, start: number, end: number): boolean {
	const first = text.charCodeAt(start);
	if (end - start <= 15 && first !== Code.Zero && first !== Code.Minus) {
		let isDigits = true;
		for (let i = start + 1; i < end && isDigits; i++) {
			const code = text.charCodeAt(i);
			isDigits = code >= Code.Zero && code <= Code.Nine;
		}
		if (isDigits) {
			return false;
		}
	}
	const literal = text.slice(start, end);
	return String(Number(literal)) !== literal;
}
