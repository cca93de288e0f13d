/**
 * Builds the document tree from jsonc-parser's scanner in one pass. The parse stack is the chain
 * of `parent` links from the innermost open container, and every state is a method that handles
 * one token, so nothing recurses on nesting depth: jsonc-parser's own parseTree and visit do,
 * and overflow the call stack near 10,000 levels.
 */
import { createScanner } from 'jsonc-parser';
import type { JSONScanner } from 'jsonc-parser';
import { createNode } from './tree';
import type { CommentRange, JSONDocument, JSONNode, SyntaxProblem } from './tree';

export interface ParseOptions {
	allowComments: boolean;
	allowTrailingComma: boolean;
}

// jsonc-parser declares these as const enums in its typings, which a bundler cannot inline from a
// .d.ts file; the numbers are the ones its scanner returns.
const enum Token {
	OpenBrace = 1,
	CloseBrace = 2,
	OpenBracket = 3,
	CloseBracket = 4,
	Comma = 5,
	Colon = 6,
	Null = 7,
	True = 8,
	False = 9,
	String = 10,
	Number = 11,
	LineComment = 12,
	BlockComment = 13,
	LineBreak = 14,
	Trivia = 15,
	Unknown = 16,
	EOF = 17,
}

const enum ScanError {
	None = 0,
	EndOfComment = 1,
	EndOfString = 2,
	EndOfNumber = 3,
	InvalidUnicode = 4,
	InvalidEscape = 5,
	InvalidCharacter = 6,
}

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

const messages = {
	emptyDocument: 'Empty document: expected a JSON value',
	valueExpected: 'Expected a value',
	propertyNameExpected: 'Expected a property name',
	colonExpected: 'Expected colon',
	commaExpected: 'Expected comma',
	trailingComma: 'Trailing comma',
	endOfFileExpected: 'Expected end of file: the document has only one value',
	braceExpected: "Expected '}'",
	bracketExpected: "Expected ']'",
	unexpectedBrace: "Unexpected '}'",
	unexpectedBracket: "Unexpected ']'",
	eofBrace: "Unexpected end of file: expected '}'",
	eofBracket: "Unexpected end of file: expected ']'",
	eofColon: "Unexpected end of file: expected ':'",
	eofValue: 'Unexpected end of file: expected a value',
	commentNotAllowed: 'Comments are not allowed in JSON',
	unterminatedComment: "Unterminated comment: expected '*/'",
	unterminatedString: 'Unterminated string',
	invalidNumber: 'Invalid number: expected digits',
	invalidUnicode: 'Invalid Unicode escape: expected four hexadecimal digits after \\u',
	invalidEscape: 'Invalid escape character in string',
	invalidCharacter: 'Control characters must be escaped in strings',
};

const scanErrorMessages: Record<number, string> = {
	[ScanError.EndOfComment]: messages.unterminatedComment,
	[ScanError.EndOfString]: messages.unterminatedString,
	[ScanError.EndOfNumber]: messages.invalidNumber,
	[ScanError.InvalidUnicode]: messages.invalidUnicode,
	[ScanError.InvalidEscape]: messages.invalidEscape,
	[ScanError.InvalidCharacter]: messages.invalidCharacter,
};

/**
 * Parses JSON or JSONC into a tree, keeping every node it can after an error: a missing comma
 * still yields both properties, an unterminated object still yields its properties, and a broken
 * key does not swallow the properties after it. Offsets are UTF-16 code units.
 */
export function parseJSON(text: string, options: ParseOptions): JSONDocument {
	return new TreeParser(text, options).parse();
}

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

function isBlank(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

class TreeParser {
	private readonly scanner: JSONScanner;
	private readonly errors: SyntaxProblem[] = [];
	private readonly comments: CommentRange[] = [];
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
	private token = Token.EOF;
	private tokenOffset = 0;
	private tokenEnd = 0;
	private hasLineBreakBefore = false;
	private isTokenUnterminated = false;
	private wasPreviousUnterminated = false;
	private isKeyUnterminated = false;
	private lastCommaOffset = 0;
	private lastErrorOffset = -1;
	private isErrorOrderBroken = false;
	private hasStrayError = false;
	private openObjects = 0;
	private openArrays = 0;
	private skipDepth = 0;

	constructor(
		private readonly text: string,
		private readonly options: ParseOptions,
	) {
		this.scanner = createScanner(text, false);
	}

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
		if (this.isErrorOrderBroken) {
			this.errors.sort((a, b) => a.offset - b.offset);
		}
		return { root: this.root, syntaxErrors: this.errors, comments: this.comments };
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

	// --- tokens -------------------------------------------------------------------------------

	/** Moves to the next token that is not whitespace or a comment. */
	private advance(): void {
		this.hasLineBreakBefore = false;
		this.wasPreviousUnterminated = this.isTokenUnterminated;
		for (;;) {
			this.skipBlanks();
			const token: Token = this.scanner.scan() as number;
			if (token === Token.LineComment || token === Token.BlockComment) {
				this.addComment(token);
			} else if (token === Token.LineBreak) {
				this.hasLineBreakBefore = true;
			} else if (token !== Token.Trivia) {
				this.setToken(token);
				return;
			}
		}
	}

	/**
	 * Skips whitespace here rather than in the scanner, which builds a string of every run of
	 * whitespace it returns: in indented documents that is most of the scanning time.
	 */
	private skipBlanks(): void {
		const text = this.text;
		let pos = this.scanner.getPosition();
		let code = text.charCodeAt(pos);
		if (!isBlank(code)) {
			return;
		}
		do {
			if (code === 10 || code === 13) {
				this.hasLineBreakBefore = true;
			}
			code = text.charCodeAt(++pos);
		} while (isBlank(code));
		this.scanner.setPosition(pos);
	}

	private setToken(token: Token): void {
		this.token = token;
		this.tokenOffset = this.scanner.getTokenOffset();
		this.tokenEnd = this.scanner.getPosition();
		this.isTokenUnterminated = false;
		const scanError: ScanError = this.scanner.getTokenError() as number;
		if (scanError !== ScanError.None) {
			this.isTokenUnterminated = scanError === ScanError.EndOfString;
			this.tokenError(scanErrorMessages[scanError]);
		}
	}

	private addComment(token: Token): void {
		const offset = this.scanner.getTokenOffset();
		const length = this.scanner.getPosition() - offset;
		const scanError: ScanError = this.scanner.getTokenError() as number;
		const isUnterminated = scanError === ScanError.EndOfComment;
		const isEndInside = token === Token.LineComment || isUnterminated;
		this.comments.push({ offset, length, isEndInside });
		if (isUnterminated) {
			this.error(offset, length, messages.unterminatedComment);
		}
		if (!this.options.allowComments) {
			this.error(offset, length, messages.commentNotAllowed);
		}
	}

	/** True when the next non-blank character after the current token is ':'. */
	private isColonNext(): boolean {
		const text = this.text;
		let pos = this.tokenEnd;
		while (isBlank(text.charCodeAt(pos))) {
			pos++;
		}
		return text.charCodeAt(pos) === 58;
	}

	/** A string at the start of a line followed by ':' is the next property's name. */
	private isPropertyNameAhead(): boolean {
		return this.token === Token.String && this.hasLineBreakBefore && this.isColonNext();
	}

	// --- errors -------------------------------------------------------------------------------

	/** Records a problem, one per offset: the first explanation at a position is the useful one. */
	private error(offset: number, length: number, message: string): void {
		if (offset === this.lastErrorOffset) {
			return;
		}
		if (offset < this.lastErrorOffset) {
			this.isErrorOrderBroken = true;
		}
		this.lastErrorOffset = offset;
		this.errors.push({ offset, length, message });
	}

	private tokenError(message: string): void {
		this.error(this.tokenOffset, this.tokenEnd - this.tokenOffset, message);
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
			this.open(token === Token.OpenBrace);
			return;
		}
		this.attach(this.createLiteral(token));
		this.advance();
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
				const raw = this.scanner.getTokenValue();
				const node = createNode('number', offset, length, undefined, Number(raw));
				node.raw = raw;
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
	private readonly strings = new Map<string, string>();
	private intern(value: string): string {
		const known = this.strings.get(value);
		if (known !== undefined) {
			return known;
		}
		this.strings.set(value, value);
		return value;
	}

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
		const key = createNode('string', offset, length, property, this.intern(this.scanner.getTokenValue()));
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
