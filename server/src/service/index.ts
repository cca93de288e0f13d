/**
 * The service facade: pure language features over a document text and a type model. No LSP
 * connection and no file system here; the server and the CLI supply both.
 */
import type { JSONDocument } from '../json';
import { parseJSON } from '../json';
import { messages } from './messages';
import type { Problem } from './problems';
import { DiagnosticCode, applySeverities } from './problems';
import type { ValidationSettings } from './validation';
import { Validator } from './validation';

export { Validator, ValidationCancelledError } from './validation';
export type { ValidationSettings } from './validation';
export type { Fix, Problem, Severity, SeverityLevel } from './problems';
export { DiagnosticCode, allDiagnosticCodes, defaultSeverities } from './problems';
export { exportSchema } from './schema';

export interface CheckSettings extends ValidationSettings {
	/** Comments and trailing commas are allowed (JSONC). */
	allowComments: boolean;
	/** Documents over this many UTF-8 bytes get one `not-checked` note. */
	maxFileSize: number;
}

/** Parses a document the way every feature expects: JSONC rules when comments are allowed. */
export function parseDocument(text: string, allowComments: boolean): JSONDocument {
	return parseJSON(text, { allowComments, allowTrailingComma: allowComments });
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
		const note: Problem = {
			offset: 0,
			length: Math.min(1, text.length),
			code: DiagnosticCode.notChecked,
			severity: 'information',
			message: messages.notChecked(size, settings.maxFileSize),
		};
		return applySeverities([note], settings.severity);
	}
	return validator.doValidation(document ?? parseDocument(text, settings.allowComments), settings);
}

/** The UTF-8 length of a text, counting no further than just past `limit`. */
function utf8Length(text: string, limit: number): number {
	if (text.length * 3 <= limit) {
		return text.length;
	}
	return Buffer.byteLength(text, 'utf8');
}
