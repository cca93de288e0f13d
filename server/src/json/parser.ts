/**
 * Builds the document tree from jsonc-parser's scanner in one pass. The parse stack is the chain
 * of `parent` links from the innermost open container, and every state is a method that handles
 * one token, so nothing recurses on nesting depth: jsonc-parser's own parseTree and visit do,
 * and overflow the call stack near 10,000 levels.
 */
import { TokenReader, Token, messages } from './tokens';
import type { ParseOptions } from './tokens';
import { LazyItem, nextItemStart, scanItem } from './lazy';
import type { ScannedItem } from './lazy';
import { createNode } from './tree';
import type { JSONDocument, JSONNode } from './tree';

export type { ParseOptions } from './tokens';

/** What the parser expects next. */
const enum State {
	/** The document's value. */
	Value,
	/** A property name or '}', right after '{'. */
	ObjectStart,
	/** A property name after a comma. */
	ObjectKey,
	/** The ':' after a property name. */
	ObjectColon,
	/** The value after ':'. */
	ObjectValue,
	/** A comma or '}' after a property. */
	ObjectNext,
	/** An item or ']', right after '['. */
	ArrayStart,
	/** An item after a comma. */
	ArrayItem,
	/** A comma or ']' after an item. */
	ArrayNext,
	/** Tokens that cannot start a property, skipped up to the next comma or closer. */
	Skip,
	/** Nothing: the document's value is complete. */
	End,
}

/**
 * Parses JSON or JSONC into a tree, keeping every node it can after an error: a missing comma
 * still yields both properties, an unterminated object still yields its properties, and a broken
 * key does not swallow the properties after it. Offsets are UTF-16 code units.
 */
export function parseJSON(text: string, options: ParseOptions): JSONDocument {
	return new TreeParser(text, options).parse();
}

/**
 * Items nested deeper than this are built right away: the validator walks their nodes anyway
 * (it cuts deep values into parts), and JSON.parse recurses on depth.
 */
const maxLazyDepth = 64;

const lineFeed = 10;

function isValueStart(token: Token): boolean {
	switch (token) {
		case Token.OpenBrace:
		case Token.OpenBracket:
		case Token.String:
		case Token.Number:
		case Token.True:
		case Token.False:
		case Token.Null:
			return true;
		default:
			return false;
	}
}

class TreeParser extends TokenReader {
	private root: JSONNode | undefined = undefined;
	/** The innermost open object or array. */
	private current: JSONNode | undefined = undefined;
	/** The property whose colon or value comes next. */
	private property: JSONNode | undefined = undefined;
	/**
	 * The key of `property` until its value arrives: the property then gets its children array
	 * in one allocation, [key, value], or [key] once it is clear that no value follows.
	 */
	private pendingKey: JSONNode | undefined = undefined;
	private state = State.Value;
	private isKeyUnterminated = false;
	private lastCommaOffset = 0;
	private hasStrayError = false;
	private openObjects = 0;
	private openArrays = 0;
	private skipDepth = 0;
	/** Where lazy items may be tried again after one failed: not inside the failed range. */
	private lazyResumeOffset = 0;
	/** Filled by every item scan, copied into the item: one object for the whole parse. */
	private readonly itemFacts: ScannedItem = {
		memberCount: 0,
		depth: 0,
		hasOddNumbers: false,
		lineBreaks: 0,
		lastLineBreak: -1,
	};
	/** The line breaks of every lazy item and of the text up to the next item of its run. */
	private readonly countedBreaks: number[] = [];

	parse(): JSONDocument {
		// A byte order mark is an encoding detail, not content.
		if (this.text.charCodeAt(0) === 0xfeff) {
			this.scanner.setPosition(1);
		}
		this.advance();
		while (this.token !== Token.EOF) {
			this.step();
		}
		this.finish();
		return {
			text: this.text,
			root: this.root,
			syntaxErrors: this.sortedErrors(),
			comments: this.comments,
			countedBreaks: this.countedBreaks,
		};
	}

	private step(): void {
		switch (this.state) {
			case State.Value:
				return this.onDocumentValue();
			case State.ObjectStart:
				return this.onPropertyName(false);
			case State.ObjectKey:
				return this.onPropertyName(true);
			case State.ObjectColon:
				return this.onColon();
			case State.ObjectValue:
				return this.onPropertyValue();
			case State.ObjectNext:
				return this.onAfterProperty();
			case State.ArrayStart:
				return this.onArrayItem(false);
			case State.ArrayItem:
				return this.onArrayItem(true);
			case State.ArrayNext:
				return this.onAfterItem();
			case State.Skip:
				return this.onSkipped();
			case State.End:
				return this.onExtraContent();
		}
	}

	/** A string at the start of a line followed by ':' is the next property's name. */
	private isPropertyNameAhead(): boolean {
		return this.token === Token.String && this.hasLineBreakBefore && this.isColonNext();
	}

	/** After an unterminated string the missing comma is the same mistake: report it once. */
	private reportMissingComma(): void {
		if (!this.wasPreviousUnterminated) {
			this.tokenError(messages.commaExpected);
		}
	}

	private reportTrailingComma(): void {
		if (!this.options.allowTrailingComma) {
			this.error(this.lastCommaOffset, 1, messages.trailingComma);
		}
	}

	// --- nodes --------------------------------------------------------------------------------

	/** Takes the current token as the value of the slot that the state names. */
	private takeValue(): void {
		const token = this.token;
		if (token === Token.OpenBrace || token === Token.OpenBracket) {
			const isObject = token === Token.OpenBrace;
			const isLazyCandidate =
				isObject &&
				this.options.lazyItems === true &&
				this.current?.type === 'array' &&
				this.tokenOffset >= this.lazyResumeOffset;
			if (isLazyCandidate) {
				if (this.takeLazyItem()) {
					return;
				}
			}
			this.open(isObject);
			return;
		}
		this.attach(this.createLiteral(token));
		this.advance();
	}

	/**
	 * Takes an object item without building it, when its text is strict JSON: JSON.parse
	 * accepting the range is what proves that the parser would meet no error and no comment in
	 * it, and read it exactly as the value JSON.parse gives.
	 */
	private takeLazyItem(): boolean {
		let end = this.lazyItemAt(this.tokenOffset);
		if (end < 0) {
			return false;
		}
		// The items that follow are read here too, while the text goes on with `, {`: the
		// token states would do the same with them, one scanner token at a time. (The comma
		// before whatever ends the run is read again by the token states, which note it.)
		for (let next = nextItemStart(this.text, end); next >= 0;) {
			this.countBreaksBetween(end, next);
			const nextEnd = this.lazyItemAt(next);
			if (nextEnd < 0) {
				break;
			}
			end = nextEnd;
			next = nextItemStart(this.text, end);
		}
		this.scanner.setPosition(end);
		this.advance();
		return true;
	}

	/**
	 * Adds the line breaks of [from, to), the text between two items of a run, to the counted
	 * range of the item before it, which then reaches the next item: the ranges of a run follow
	 * one another, and positions pass them without searching between them.
	 */
	private countBreaksBetween(from: number, to: number): void {
		const counted = this.countedBreaks;
		const last = counted.length - 4;
		for (let at = from; at < to; at++) {
			if (this.text.charCodeAt(at) === lineFeed) {
				counted[last + 2]++;
				counted[last + 3] = at;
			}
		}
		counted[last + 1] = to;
	}

	/** Attaches the object at `start` unbuilt and returns its end; -1 when it cannot be. */
	private lazyItemAt(start: number): number {
		const facts = this.itemFacts;
		const end = scanItem(this.text, start, facts);
		// Objects nested in one that failed are not tried one by one: that would read the same
		// text again for every level.
		if (end < 0) {
			this.lazyResumeOffset = Infinity;
			return -1;
		}
		if (facts.depth > maxLazyDepth) {
			this.lazyResumeOffset = end;
			return -1;
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(this.text.slice(start, end));
		} catch {
			this.lazyResumeOffset = end;
			return -1;
		}
		const container = this.current!;
		const length = end - start;
		const item = new LazyItem(start, length, container, this.text, start, parsed, facts);
		this.attach(item);
		this.countedBreaks.push(start, end, facts.lineBreaks, facts.lastLineBreak);
		this.options.checkItem?.(item);
		return end;
	}

	private createLiteral(token: Token): JSONNode {
		const offset = this.tokenOffset;
		const length = this.tokenEnd - offset;
		switch (token) {
			case Token.String:
				return createNode(
					'string',
					offset,
					length,
					undefined,
					this.scanner.getTokenValue(),
				);
			case Token.Number: {
				// The scanner leaves a dangling exponent ("1e") out of its value; raw is the text.
				const scanned = this.scanner.getTokenValue();
				const node = createNode('number', offset, length, undefined, Number(scanned));
				node.raw =
					scanned.length === length ? scanned : this.text.slice(offset, this.tokenEnd);
				return node;
			}
			case Token.True:
				return createNode('boolean', offset, length, undefined, true);
			case Token.False:
				return createNode('boolean', offset, length, undefined, false);
			default:
				return createNode('null', offset, length, undefined, null);
		}
	}

	/** Links a value into the open container: as the current property's value, or as an item. */
	private attach(node: JSONNode): void {
		const container = this.current;
		if (container === undefined) {
			this.root = node;
			this.state = State.End;
		} else if (container.type === 'array') {
			node.parent = container;
			container.children!.push(node);
			this.state = State.ArrayNext;
		} else {
			const property = this.property!;
			node.parent = property;
			property.children = [this.pendingKey!, node];
			this.pendingKey = undefined;
			property.length = node.offset + node.length - property.offset;
			this.state = State.ObjectNext;
		}
	}

	private open(isObject: boolean): void {
		const node = createNode(
			isObject ? 'object' : 'array',
			this.tokenOffset,
			1,
			undefined,
			undefined,
		);
		node.children = [];
		node.isClosed = false;
		this.attach(node);
		this.current = node;
		if (isObject) {
			this.openObjects++;
			this.state = State.ObjectStart;
		} else {
			this.openArrays++;
			this.state = State.ArrayStart;
		}
		this.advance();
	}

	/** Ends the innermost container at `end` and resumes the one around it. */
	private close(end: number, isClosed: boolean): void {
		this.settleKey();
		const node = this.current!;
		node.length = end - node.offset;
		node.isClosed = isClosed;
		if (node.type === 'object') {
			this.openObjects--;
		} else {
			this.openArrays--;
		}
		let parent = node.parent;
		if (parent !== undefined && parent.type === 'property') {
			parent.length = end - parent.offset;
			parent = parent.parent;
		}
		this.current = parent;
		if (parent === undefined) {
			this.state = State.End;
		} else {
			this.state = parent.type === 'object' ? State.ObjectNext : State.ArrayNext;
		}
	}

	private closeWithToken(): void {
		this.close(this.tokenEnd, true);
		this.advance();
	}

	/**
	 * Ends the innermost container without its closer, before the current token, which is then
	 * read again in the container around it.
	 */
	private closeUnfinished(): void {
		this.tokenError(
			this.current!.type === 'object' ? messages.braceExpected : messages.bracketExpected,
		);
		this.close(this.tokenOffset, false);
	}

	/** Gives a property that ended without a value its children: [key]. */
	private settleKey(): void {
		if (this.pendingKey !== undefined) {
			this.property!.children = [this.pendingKey];
			this.pendingKey = undefined;
		}
	}

	private startProperty(): void {
		this.settleKey();
		const object = this.current!;
		const offset = this.tokenOffset;
		const length = this.tokenEnd - offset;
		const property = createNode('property', offset, length, object, undefined);
		const key = createNode('string', offset, length, property, this.scanner.getTokenValue());
		this.pendingKey = key;
		object.children!.push(property);
		this.property = property;
		this.isKeyUnterminated = this.isTokenUnterminated;
		this.state = State.ObjectColon;
		this.advance();
	}

	// --- states -------------------------------------------------------------------------------

	private onDocumentValue(): void {
		if (isValueStart(this.token)) {
			this.takeValue();
			return;
		}
		if (!this.hasStrayError) {
			this.hasStrayError = true;
			this.tokenError(messages.valueExpected);
		}
		this.advance();
	}

	private onExtraContent(): void {
		if (!this.hasStrayError) {
			this.hasStrayError = true;
			this.tokenError(messages.endOfFileExpected);
		}
		this.advance();
	}

	private onPropertyName(isAfterComma: boolean): void {
		switch (this.token) {
			case Token.String:
				return this.startProperty();
			case Token.CloseBrace:
				if (isAfterComma) {
					this.reportTrailingComma();
				}
				return this.closeWithToken();
			case Token.CloseBracket:
				return this.onWrongCloser();
			case Token.Comma:
				this.tokenError(messages.propertyNameExpected);
				this.lastCommaOffset = this.tokenOffset;
				this.state = State.ObjectKey;
				return this.advance();
			default:
				this.tokenError(messages.propertyNameExpected);
				return this.startSkipping();
		}
	}

	private onColon(): void {
		const token = this.token;
		if (token === Token.Colon) {
			const property = this.property!;
			property.colonOffset = this.tokenOffset;
			property.length = this.tokenEnd - property.offset;
			this.state = State.ObjectValue;
			return this.advance();
		}
		// After an unterminated key the missing colon is the same mistake: report it once.
		if (!this.isKeyUnterminated) {
			this.tokenError(messages.colonExpected);
		}
		if (token === Token.String && (this.hasLineBreakBefore || this.isColonNext())) {
			return this.startProperty();
		}
		if (isValueStart(token)) {
			return this.takeValue();
		}
		if (token === Token.Unknown) {
			// Something like `"a" = 1`: the symbol stands where the colon belongs.
			this.state = State.ObjectValue;
			return this.advance();
		}
		this.state = State.ObjectNext;
	}

	private onPropertyValue(): void {
		const token = this.token;
		if (this.isPropertyNameAhead()) {
			// `"a":` with no value yet, and the next property on the following line.
			this.tokenError(messages.valueExpected);
			return this.startProperty();
		}
		if (isValueStart(token)) {
			return this.takeValue();
		}
		this.tokenError(messages.valueExpected);
		if (token === Token.Colon) {
			return this.advance();
		}
		this.state = State.ObjectNext;
		if (token === Token.Unknown) {
			this.advance();
		}
	}

	private onAfterProperty(): void {
		switch (this.token) {
			case Token.Comma:
				this.lastCommaOffset = this.tokenOffset;
				this.state = State.ObjectKey;
				return this.advance();
			case Token.CloseBrace:
				return this.closeWithToken();
			case Token.CloseBracket:
				return this.onWrongCloser();
			case Token.String:
				this.reportMissingComma();
				return this.startProperty();
			default:
				this.reportMissingComma();
				return this.startSkipping();
		}
	}

	private startSkipping(): void {
		this.skipDepth = 0;
		this.state = State.Skip;
	}

	/** Skips what cannot be a property, keeping brackets balanced, up to a comma or a closer. */
	private onSkipped(): void {
		const token = this.token;
		if (token === Token.OpenBrace || token === Token.OpenBracket) {
			this.skipDepth++;
		} else if (
			token === Token.CloseBrace ||
			token === Token.CloseBracket ||
			token === Token.Comma
		) {
			if (this.skipDepth === 0) {
				this.state = State.ObjectNext;
				return;
			}
			if (token !== Token.Comma) {
				this.skipDepth--;
			}
		} else if (this.skipDepth === 0 && this.isPropertyNameAhead()) {
			return this.startProperty();
		}
		this.advance();
	}

	private onArrayItem(isAfterComma: boolean): void {
		const token = this.token;
		if (this.openObjects > 0 && this.isPropertyNameAhead()) {
			return this.closeUnfinished();
		}
		if (isValueStart(token)) {
			return this.takeValue();
		}
		switch (token) {
			case Token.CloseBracket:
				if (isAfterComma) {
					this.reportTrailingComma();
				}
				return this.closeWithToken();
			case Token.CloseBrace:
				return this.onWrongCloser();
			case Token.Comma:
				this.tokenError(messages.valueExpected);
				this.lastCommaOffset = this.tokenOffset;
				this.state = State.ArrayItem;
				return this.advance();
			default:
				this.tokenError(messages.valueExpected);
				if (token === Token.Unknown) {
					this.state = State.ArrayNext;
				}
				return this.advance();
		}
	}

	private onAfterItem(): void {
		const token = this.token;
		switch (token) {
			case Token.Comma:
				this.lastCommaOffset = this.tokenOffset;
				this.state = State.ArrayItem;
				return this.advance();
			case Token.CloseBracket:
				return this.closeWithToken();
			case Token.CloseBrace:
				return this.onWrongCloser();
		}
		if (this.openObjects > 0 && this.isPropertyNameAhead()) {
			return this.closeUnfinished();
		}
		this.reportMissingComma();
		if (isValueStart(token)) {
			return this.takeValue();
		}
		this.advance();
	}

	/** A '}' where an array is open, or a ']' where an object is open. */
	private onWrongCloser(): void {
		const isBrace = this.token === Token.CloseBrace;
		if (isBrace ? this.openObjects > 0 : this.openArrays > 0) {
			this.closeUnfinished();
			return;
		}
		this.tokenError(isBrace ? messages.unexpectedBrace : messages.unexpectedBracket);
		this.advance();
	}

	/** Reports what the end of the file interrupted and ends every open container there. */
	private finish(): void {
		const end = this.text.length;
		const message = this.endOfFileMessage();
		if (message !== undefined) {
			this.error(message === messages.emptyDocument ? 0 : end, 0, message);
		}
		while (this.current !== undefined) {
			this.close(end, false);
		}
	}

	private endOfFileMessage(): string | undefined {
		switch (this.state) {
			case State.Value:
				return this.hasStrayError ? undefined : messages.emptyDocument;
			case State.End:
				return undefined;
			case State.ObjectColon:
				return this.isKeyUnterminated ? messages.eofBrace : messages.eofColon;
			case State.ObjectValue:
				return messages.eofValue;
			case State.ArrayStart:
			case State.ArrayItem:
			case State.ArrayNext:
				return messages.eofBracket;
			default:
				return messages.eofBrace;
		}
	}
}
