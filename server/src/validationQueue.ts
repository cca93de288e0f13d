/**
 * When documents are validated: debounced after edits, at once when opened or when the types or
 * settings change, and abandoned as soon as a newer version (or a newer run) exists.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStore } from './documents';
import { allowsComments, isTooLarge } from './documents';
import { toDiagnostics } from './handlers/diagnostics';
import type { Logger } from './log';
import type { Settings } from './protocol';
import type { CheckSettings, Problem, Validator } from './service';
import { ValidationCancelledError, doValidation } from './service';
import type { SettingsStore } from './settings';
import type { TypeStore } from './typeStore';
import { validateDocument } from './validationRunner';

/** Pause after the last edit before validating: typing bursts give one run, not one per key. */
export const editDebounceMs = 150;

export interface ValidationQueueDeps {
	documents: DocumentStore;
	settings: SettingsStore;
	types: TypeStore;
	log: Logger;
	publish: (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => void;
}

export class ValidationQueue {
	private readonly timers = new Map<string, NodeJS.Timeout>();
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
		if (isTooLarge(text, settings.maxFileSize)) {
			// Gives the `not-checked` note without parsing.
			return doValidation(validator, text, checkSettings);
		}
		const json = this.deps.documents.parse(document, settings.maxFileSize);
		return json ? validateDocument(validator, json, checkSettings, { isCancelled }) : [];
	}
}
