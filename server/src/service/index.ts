/**
 * The service facade: pure language features over a document text and a type model. No LSP
 * connection and no file system here; the server and the CLI supply both.
 */
import type { JSONDocument, ParseOptions } from '../json';
import { parseJSON } from '../json';
import { messages } from './messages';
import type { Problem } from './problems';
import { DiagnosticCode, applySeverities } from './problems';
import type { ValidationSettings, Validator } from './validation';

export { Validator, ValidationCancelledError } from './validation';
export type { ValidationSettings } from './validation';
export type { Fix, Problem, Severity, SeverityLevel } from './problems';
export { DiagnosticCode, allDiagnosticCodes, defaultSeverities } from './problems';
export { exportSchema } from './schema';
export { revalidateItem } from './incremental';

export interface CheckSettings extends ValidationSettings {
	/** Comments and trailing commas are allowed (JSONC). */
	allowComments: boolean;
	/** Documents over this many UTF-8 bytes get one `not-checked` note. */
	maxFileSize: number;
}

/**
 * Parses a document the way every feature expects: JSONC rules when comments are allowed.
 * A parse that validation will read may check its collection items as it goes
 * (`checkItem`, from Validator.itemChecker).
 */
export function parseDocument(
	text: string,
	allowComments: boolean,
	checkItem?: ParseOptions['checkItem'],
): JSONDocument {
	return parseJSON(text, { ...parseOptions(allowComments), checkItem });
}

/**
 * The parser options of a document: JSONC allows comments and trailing commas alike. Items of
 * collections stay unbuilt until read: the validator checks them from JSON.parse's values.
 */
export function parseOptions(allowComments: boolean): ParseOptions {
	return { allowComments, allowTrailingComma: allowComments, lazyItems: true };
}

/**
 * Validates a document text: the size limit first (a huge file is noted, not parsed), then
 * the parse, then the checks. `document` may pass a parse the caller already has.
 */
export function doValidation(
	validator: Validator,
	text: string,
	settings: CheckSettings,
	document?: JSONDocument,
): Problem[] {
	const size = utf8Length(text, settings.maxFileSize);
	if (size > settings.maxFileSize) {
		return notCheckedProblems(text, size, settings);
	}
	const checkItem = validator.itemChecker(settings.apiVersion);
	return validator.doValidation(
		document ?? parseDocument(text, settings.allowComments, checkItem),
		settings,
	);
}

/**
 * The one note for a document over the size limit, on its first character; `start` needs to
 * hold only the first few characters, so a caller can note a file without reading all of it.
 */
export function notCheckedProblems(
	start: string,
	size: number,
	settings: Pick<CheckSettings, 'maxFileSize' | 'severity'>,
): Problem[] {
	const note: Problem = {
		offset: 0,
		length: firstCharacterLength(start),
		code: DiagnosticCode.notChecked,
		severity: 'information',
		message: messages.notChecked(size, settings.maxFileSize),
	};
	return applySeverities([note], settings.severity);
}

/**
 * The length of the text's first character: a surrogate pair or a CRLF is one character, and a
 * range that ended inside either would not be a position an editor can show.
 */
function firstCharacterLength(text: string): number {
	if (text.length < 2) {
		return text.length;
	}
	const first = text.charCodeAt(0);
	const second = text.charCodeAt(1);
	const isPair = first >= 0xd800 && first <= 0xdbff && second >= 0xdc00 && second <= 0xdfff;
	return isPair || (first === 13 && second === 10) ? 2 : 1;
}

/** The UTF-8 length of a text, exact whenever it could exceed `limit` (else a lower bound). */
function utf8Length(text: string, limit: number): number {
	if (text.length * 3 <= limit) {
		return text.length;
	}
	return Buffer.byteLength(text, 'utf8');
}
