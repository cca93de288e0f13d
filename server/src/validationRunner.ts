/**
 * Validation that leaves room for other requests: the validator works in slices of a few
 * milliseconds with a turn of the event loop between them, so completion and hover answer
 * while a large collection is checked, and a newer document version stops the run.
 */
import type { JSONDocument } from './json';
import type { Problem, ValidationSettings, Validator } from './service';

export interface RunOptions {
	/** Polled between slices; true stops the run with ValidationCancelledError. */
	isCancelled: () => boolean;
}

/** Validates a parsed document; rejects with ValidationCancelledError when cancelled. */
export function validateDocument(
	validator: Validator,
	json: JSONDocument,
	settings: ValidationSettings,
	options: RunOptions,
): Promise<Problem[]> {
	return validator.doValidationAsync(json, { ...settings, isCancelled: options.isCancelled });
}
