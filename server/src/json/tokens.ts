/**
 * The token level of the tree builder: jsonc-parser's scanner with blanks skipped quickly,
 * comments recorded, and syntax problems collected one per offset.
 */
import { createScanner } from 'jsonc-parser';
import type { JSONScanner } from 'jsonc-parser';
import type { LazyItem } from './lazy';
import type { CommentRange, SyntaxProblem } from './tree';

export interface ParseOptions {
	allowComments: boolean;
	allowTrailingComma: boolean;
	/**
	 * Keep objects in arrays that read as strict JSON unbuilt until something reads their
	 * children (see lazy.ts). The tree is the same either way; only the work is deferred.
	 */
	lazyItems?: boolean;
	/**
	 * Called with each lazy item as soon as it is read, while JSON.parse's value of it is
	 * fresh: the validator checks it there (LazyItem.checkWith), so that tens of thousands of
	 * values need not live until validation.
	 */
	checkItem?: (item: LazyItem) => void;
}

// jsonc-parser declares these as const enums in its typings, which a bundler cannot inline from a
// .d.ts file; the numbers are the ones its scanner returns.
export const enum Token {
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

export const enum ScanError {
	None = 0,
	EndOfComment = 1,
	EndOfString = 2,
	EndOfNumber = 3,
	InvalidUnicode = 4,
	InvalidEscape = 5,
	InvalidCharacter = 6,
}

/** The syntax messages, in one place. */
export const messages = {
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

function isBlank(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Reads tokens for the parser that extends it, and keeps the problems and comments it meets. */
export class TokenReader {
	protected readonly scanner: JSONScanner;
	protected readonly errors: SyntaxProblem[] = [];
	protected readonly comments: CommentRange[] = [];
	protected token = Token.EOF;
	protected tokenOffset = 0;
	protected tokenEnd = 0;
	protected hasLineBreakBefore = false;
	protected isTokenUnterminated = false;
	protected wasPreviousUnterminated = false;
	private lastErrorOffset = -1;
	private isErrorOrderBroken = false;

	constructor(
		protected readonly text: string,
		protected readonly options: ParseOptions,
	) {
		this.scanner = createScanner(text, false);
	}

	// --- tokens -------------------------------------------------------------------------------

	/** Moves to the next token that is not whitespace or a comment. */
	protected advance(): void {
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
	protected skipBlanks(): void {
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

	protected setToken(token: Token): void {
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

	protected addComment(token: Token): void {
		const offset = this.scanner.getTokenOffset();
		// The scanner steps one past the end of an unterminated block comment that ends in a
		// line break or right after its '/*'.
		const length = Math.min(this.scanner.getPosition(), this.text.length) - offset;
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
	protected isColonNext(): boolean {
		const text = this.text;
		let pos = this.tokenEnd;
		while (isBlank(text.charCodeAt(pos))) {
			pos++;
		}
		return text.charCodeAt(pos) === 58;
	}

	// --- errors -------------------------------------------------------------------------------

	/** Records a problem, one per offset: the first explanation at a position is the useful one. */
	protected error(offset: number, length: number, message: string): void {
		if (offset === this.lastErrorOffset) {
			return;
		}
		if (offset < this.lastErrorOffset) {
			this.isErrorOrderBroken = true;
		}
		this.lastErrorOffset = offset;
		this.errors.push({ offset, length, message });
	}

	protected tokenError(message: string): void {
		this.error(this.tokenOffset, this.tokenEnd - this.tokenOffset, message);
	}

	/** The problems in text order (a trailing comma is reported after what follows it). */
	protected sortedErrors(): SyntaxProblem[] {
		if (!this.isErrorOrderBroken) {
			return this.errors;
		}
		const sorted = this.errors.sort((a, b) => a.offset - b.offset);
		return sorted.filter(
			(error, index) => index === 0 || sorted[index - 1].offset !== error.offset,
		);
	}
}
