/**
 * The open documents (incremental sync) and their parses: one parse per document version,
 * shared by validation, completion, hover, code actions and definition.
 */
import { TextDocuments } from 'vscode-languageserver';
import type {
	Connection,
	NotificationHandler,
	Position,
	TextEdit,
	WillSaveTextDocumentParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerRequest } from './handlers/guard';
import type { ParamsCheck } from './handlers/params';
import { checkDocument, describeValue, documentUri, isObject, isRange } from './handlers/params';
import type { JSONDocument } from './json';
import type { Logger } from './log';
import { parseDocument } from './service';

/** What `TextDocuments.listen` registers its handlers on (the library does not export the type). */
type SyncConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

interface ParseEntry {
	version: number;
	json: JSONDocument;
}

export class DocumentStore {
	readonly documents = new TextDocuments(TextDocument);
	private readonly parses = new Map<string, ParseEntry>();

	/**
	 * Keeps the open documents in step with the client. Malformed messages never reach
	 * `TextDocuments`: it would store a document whose text is null, or apply part of a change
	 * list before throwing on a bad entry, leaving a text that matches no version. Each is one
	 * warning naming the method and the document, and the document stays as it was.
	 */
	listen(connection: Connection, log: Logger): void {
		const changeOutcome =
			'the change was ignored, so diagnostics may not match the editor until the document is reopened';
		const sync: SyncConnection = {
			onDidOpenTextDocument: (handler) =>
				connection.onDidOpenTextDocument(
					checked(
						log,
						'textDocument/didOpen',
						checkOpen,
						'the document was ignored',
						handler,
					),
				),
			onDidChangeTextDocument: (handler) =>
				connection.onDidChangeTextDocument(
					checked(log, 'textDocument/didChange', checkChange, changeOutcome, handler),
				),
			onDidCloseTextDocument: (handler) =>
				connection.onDidCloseTextDocument(
					checked(log, 'textDocument/didClose', checkDocument, 'ignored', handler),
				),
			onWillSaveTextDocument: (handler) =>
				connection.onWillSaveTextDocument(
					checked(log, 'textDocument/willSave', checkDocument, 'ignored', handler),
				),
			onDidSaveTextDocument: (handler) =>
				connection.onDidSaveTextDocument(
					checked(log, 'textDocument/didSave', checkDocument, 'ignored', handler),
				),
			onWillSaveTextDocumentWaitUntil: (handler) =>
				registerRequest(
					connection,
					log,
					{ method: 'textDocument/willSaveWaitUntil', empty: [], check: checkDocument },
					async (params: WillSaveTextDocumentParams, token) =>
						(await handler(params, token)) as TextEdit[] | null | undefined,
				),
		};
		this.documents.listen(sync);
	}

	/** An open JSON or JSONC document; other languages an editor may send are left alone. */
	get(uri: string): TextDocument | undefined {
		const document = this.documents.get(uri);
		return document && isJsonDocument(document) ? document : undefined;
	}

	all(): TextDocument[] {
		return this.documents.all().filter(isJsonDocument);
	}

	/** Whether `document` is still open at `version`; a newer version makes older work moot. */
	isCurrent(uri: string, version: number): boolean {
		return this.documents.get(uri)?.version === version;
	}

	/**
	 * The tree of the document's current version, parsed on first use. Undefined for a
	 * document over the size limit: those are never parsed.
	 */
	parse(document: TextDocument, maxFileSize: number): JSONDocument | undefined {
		const cached = this.parses.get(document.uri);
		if (cached?.version === document.version) {
			return cached.json;
		}
		const text = document.getText();
		if (isTooLarge(text, maxFileSize)) {
			this.parses.delete(document.uri);
			return undefined;
		}
		const json = parseDocument(text, allowsComments(document));
		this.parses.set(document.uri, { version: document.version, json });
		return json;
	}

	forget(uri: string): void {
		this.parses.delete(uri);
	}
}

/** A document notification handler that runs only on params that pass `check`. */
function checked<P>(
	log: Logger,
	method: string,
	check: ParamsCheck,
	outcome: string,
	handler: NotificationHandler<P>,
): NotificationHandler<P> {
	return (params) => {
		const fault = check(params);
		if (fault === undefined) {
			handler(params);
			return;
		}
		const uri = documentUri(params) ?? 'a document without a URI';
		log.warnOnce(`${method} ${uri}: ${fault}`, `${method} for ${uri}: ${fault}; ${outcome}.`);
	};
}

/** `DidOpenTextDocumentParams`: a whole `TextDocumentItem`. */
function checkOpen(params: unknown): string | undefined {
	const fault = checkDocument(params);
	if (fault !== undefined) {
		return fault;
	}
	const item = (params as { textDocument: Record<string, unknown> }).textDocument;
	if (typeof item.text !== 'string') {
		return `text is ${describeValue(item.text)}, not a string`;
	}
	if (typeof item.languageId !== 'string') {
		return `languageId is ${describeValue(item.languageId)}, not a string`;
	}
	return Number.isInteger(item.version) ? undefined : 'version is not an integer';
}

/** `DidChangeTextDocumentParams`: a version and changes that each replace a range or the text. */
function checkChange(params: unknown): string | undefined {
	const fault = checkDocument(params);
	if (fault !== undefined) {
		return fault;
	}
	const { textDocument, contentChanges } = params as Record<string, unknown>;
	if (!Number.isInteger((textDocument as Record<string, unknown>).version)) {
		return 'textDocument.version is not an integer';
	}
	if (!Array.isArray(contentChanges)) {
		return 'contentChanges is not an array';
	}
	const index = contentChanges.findIndex((change) => checkContentChange(change) !== undefined);
	return index < 0
		? undefined
		: `contentChanges[${index}] ${checkContentChange(contentChanges[index])}`;
}

function checkContentChange(change: unknown): string | undefined {
	if (!isObject(change)) {
		return `is ${describeValue(change)}, not an object`;
	}
	if (typeof change.text !== 'string') {
		return `has text ${describeValue(change.text)}, not a string`;
	}
	if (change.range === undefined) {
		// A change without a range replaces the whole text; `rangeLength` alone is meaningless.
		return change.rangeLength === undefined ? undefined : 'has a rangeLength but no range';
	}
	if (!isRange(change.range)) {
		return 'has a range that is not { start, end } positions';
	}
	const length = change.rangeLength;
	return length === undefined || typeof length === 'number'
		? undefined
		: 'has a rangeLength that is not a number';
}

/** Whether the server handles the document: the `json` and `jsonc` languages, or such a file. */
export function isJsonDocument(document: TextDocument): boolean {
	const languageId = document.languageId;
	if (languageId === 'json' || languageId === 'jsonc') {
		return true;
	}
	return /\.jsonc?$/i.test(document.uri);
}

/** JSONC rules (comments, trailing commas) for the `jsonc` language and `.jsonc` files. */
export function allowsComments(document: TextDocument): boolean {
	return document.languageId === 'jsonc' || document.uri.toLowerCase().endsWith('.jsonc');
}

/** Whether the text is over `limit` UTF-8 bytes, without encoding it when it cannot be. */
export function isTooLarge(text: string, limit: number): boolean {
	if (text.length * 3 <= limit) {
		return false;
	}
	return text.length > limit || Buffer.byteLength(text, 'utf8') > limit;
}

/**
 * The offset of a client position. The text document clamps a character past the line's end
 * to the end of the line's content (never between '\r' and '\n') and a line past the last to
 * the end of the text.
 */
export function offsetOf(document: TextDocument, position: Position): number {
	return document.offsetAt(position);
}
