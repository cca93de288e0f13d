/**
 * When documents are validated: debounced after edits, at once when opened or when the types or
 * settings change, and abandoned as soon as a newer version (or a newer run) exists.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStore } from './documents';
import { allowsComments } from './documents';
import { toDiagnostics } from './handlers/diagnostics';
import type { Logger } from './log';
import type { Settings } from './protocol';
import type { JSONDocument } from './json';
import type { CheckSettings, Problem, Validator } from './service';
import { ValidationCancelledError, doValidation, revalidateItem } from './service';
import type { SettingsStore } from './settings';
import type { TypeStore } from './typeStore';
import { validateDocument } from './validationRunner';

/** Pause after the last edit before validating: typing bursts give one run, not one per key. */
export const editDebounceMs = 150;

/**
 * The pause when the edit can be re-validated item by item: that costs a few milliseconds, so
 * a run per key is cheap, and the short pause still merges the changes of one keystroke.
 */
export const itemEditDebounceMs = 20;

export interface ValidationQueueDeps {
	documents: DocumentStore;
	settings: SettingsStore;
	types: TypeStore;
	log: Logger;
	publish: (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => void;
}

/** The problems of one tree under settings that produce the same problems (`resultKey`). */
interface ValidationResult {
	validator: Validator;
	json: JSONDocument;
	key: string;
	problems: Problem[];
}

export class ValidationQueue {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	/** The last complete result per document: an item edit re-validates from it. */
	private readonly results = new Map<string, ValidationResult>();
	/** The newest run per document; an older run that sees a newer number stops. */
	private readonly runs = new Map<string, number>();
	private runCounter = 0;

	constructor(private readonly deps: ValidationQueueDeps) {}

	schedule(uri: string, delayMs = editDebounceMs): void {
		clearTimeout(this.timers.get(uri));
		// A new version or run supersedes any run in progress right away.
		this.runs.set(uri, ++this.runCounter);
		const timer = setTimeout(() => {
			this.timers.delete(uri);
			void this.run(uri);
		}, delayMs);
		this.timers.set(uri, timer);
	}

	/**
	 * Schedules the run after an edit: soon when the new tree came from the validated one by
	 * re-parsing one item, else after the full pause.
	 */
	scheduleEdit(document: TextDocument): void {
		const { documents } = this.deps;
		const result = this.results.get(document.uri);
		const isItemEdit =
			result !== undefined &&
			documents.update(document) &&
			documents.editSince(document, result.json) !== undefined;
		this.schedule(document.uri, isItemEdit ? itemEditDebounceMs : editDebounceMs);
	}

	scheduleAll(delayMs = 0): void {
		for (const document of this.deps.documents.all()) {
			this.schedule(document.uri, delayMs);
		}
	}

	/** Stops any pending or running validation and clears the document's diagnostics. */
	close(uri: string): void {
		clearTimeout(this.timers.get(uri));
		this.timers.delete(uri);
		this.runs.delete(uri);
		this.results.delete(uri);
		this.deps.publish(uri, undefined, []);
	}

	private async run(uri: string): Promise<void> {
		const { documents, log } = this.deps;
		const document = documents.get(uri);
		const run = this.runs.get(uri);
		if (document === undefined || run === undefined) {
			return;
		}
		const version = document.version;
		const isCancelled = (): boolean =>
			this.runs.get(uri) !== run || !documents.isCurrent(uri, version);
		try {
			const settings = await this.deps.settings.get(uri);
			const { validator } = await this.deps.types.ready();
			if (isCancelled()) {
				return;
			}
			const started = performance.now();
			const problems = settings.validate.enable
				? await this.check(document, settings, validator, isCancelled)
				: [];
			if (!isCancelled()) {
				log.verbose(
					`Validated ${uri} (version ${version}) in ${Math.round(performance.now() - started)} ms: ${problems.length} problems.`,
				);
				this.deps.publish(uri, version, toDiagnostics(document, problems));
			}
		} catch (error) {
			if (!(error instanceof ValidationCancelledError)) {
				log.error(
					`Validation of ${uri} failed; its diagnostics were left as they were.`,
					error,
				);
			}
		}
	}

	private check(
		document: TextDocument,
		settings: Settings,
		validator: Validator,
		isCancelled: () => boolean,
	): Promise<Problem[]> | Problem[] {
		const text = document.getText();
		const checkSettings: CheckSettings = {
			apiVersion: settings.apiVersion,
			syntaxErrors: settings.syntaxErrors,
			onlyTagged: true,
			severity: settings.severity,
			allowComments: allowsComments(document),
			maxFileSize: settings.maxFileSize,
		};
		const uri = document.uri;
		// Undefined over the size limit: such a document is never parsed.
		const json = this.deps.documents.parse(
			document,
			settings.maxFileSize,
			validator.itemChecker(settings.apiVersion),
		);
		if (json === undefined) {
			this.results.delete(uri);
			// Gives the `not-checked` note without parsing.
			return doValidation(validator, text, checkSettings);
		}
		const key = resultKey(checkSettings);
		const previous = this.results.get(uri);
		const isComparable = previous?.key === key && previous.validator === validator;
		const edit = isComparable
			? this.deps.documents.editSince(document, previous.json)
			: undefined;
		const problems =
			edit && revalidateItem(validator, json, edit, previous!.problems, checkSettings);
		if (problems) {
			this.results.set(uri, { validator, json, key, problems });
			return problems;
		}
		return this.checkWhole(uri, json, validator, checkSettings, isCancelled);
	}

	private async checkWhole(
		uri: string,
		json: JSONDocument,
		validator: Validator,
		settings: CheckSettings,
		isCancelled: () => boolean,
	): Promise<Problem[]> {
		this.results.delete(uri);
		const problems = await validateDocument(validator, json, settings, { isCancelled });
		this.results.set(uri, { validator, json, key: resultKey(settings), problems });
		return problems;
	}
}

/** What the problems of a tree depend on besides the tree (the validator is the same). */
function resultKey(settings: CheckSettings): string {
	const { apiVersion, syntaxErrors, onlyTagged, severity } = settings;
	return JSON.stringify([apiVersion, syntaxErrors, onlyTagged, severity ?? {}]);
}
