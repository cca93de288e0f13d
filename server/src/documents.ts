/**
 * The open documents (incremental sync) and their parses: one parse per document version,
 * shared by validation, completion, hover, code actions and definition.
 */
import { TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver';
import type {
	Connection,
	DidChangeTextDocumentParams,
	NotificationHandler,
	Position,
	TextEdit,
	WillSaveTextDocumentParams,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { registerRequest } from './handlers/guard';
import type { ParamsCheck } from './handlers/params';
import { checkDocument, describeValue, documentUri, isObject, isRange } from './handlers/params';
import type { ItemEdit, JSONDocument, ParseOptions, TextChange } from './json';
import { reparseItem } from './json';
import type { Logger } from './log';
import { parseDocument, parseOptions } from './service';
import { IndexedDocument, indexedDocuments, utf8LengthOf } from './textDocument';

/** What `TextDocuments.listen` registers its handlers on (the library does not export the type). */
type SyncConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/**
 * Documents at least this long (UTF-16 units) are updated item by item after an edit. Below
 * it a whole parse takes a few milliseconds, and one path is simpler to trust.
 */
export const incrementalMinLength = 256 * 1024;

/** Edits kept between two parses; more than that and a whole parse is as cheap. */
const maxPendingEdits = 32;

/** How a tree came from an earlier one: by re-parsing one item (see `reparseItem`). */
export interface Derivation {
	base: JSONDocument;
	edit: ItemEdit;
}

interface ParseEntry {
	version: number;
	json: JSONDocument;
	/** The size limit the parse was made under. */
	maxFileSize: number;
	/** From the previous tree first, then from older ones when every edit hit the same item. */
	derivations: Derivation[];
}

/** A single-range change between two versions, in offsets of the older text. */
interface PendingEdit extends TextChange {
	fromVersion: number;
	toVersion: number;
}

export class DocumentStore {
	readonly documents = new TextDocuments(indexedDocuments);
	private readonly parses = new Map<string, ParseEntry>();
	/** The edits since the cached parse, in order, while each is a single range. */
	private readonly edits = new Map<string, PendingEdit[]>();

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
					checked(log, 'textDocument/didChange', checkChange, changeOutcome, (params) => {
						this.noteChange(params);
						handler(params);
					}),
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
	 * document over the size limit: those are never parsed. Validation passes `checkItem`
	 * (see ParseOptions) for a parse it is about to read.
	 */
	parse(
		document: TextDocument,
		maxFileSize: number,
		checkItem?: ParseOptions['checkItem'],
	): JSONDocument | undefined {
		const uri = document.uri;
		const cached = this.parses.get(uri);
		if (cached?.version === document.version) {
			return cached.json;
		}
		const text = document.getText();
		if (isTooLarge(document, maxFileSize)) {
			this.forget(uri);
			return undefined;
		}
		const entry = (cached && this.reparseEdited(cached, document, maxFileSize)) ?? {
			version: document.version,
			json: parseDocument(text, allowsComments(document), checkItem),
			maxFileSize,
			derivations: [],
		};
		if (document instanceof IndexedDocument && entry.json.countedBreaks !== undefined) {
			document.noteCountedBreaks(entry.json.text, entry.json.countedBreaks);
		}
		this.parses.set(uri, entry);
		this.edits.delete(uri);
		return entry.json;
	}

	/**
	 * Brings the tree up to the current version when that takes only re-parsing edited items;
	 * never parses the whole text. Returns whether the current version's tree is ready.
	 */
	update(document: TextDocument): boolean {
		const uri = document.uri;
		const cached = this.parses.get(uri);
		if (cached === undefined || cached.version === document.version) {
			return cached !== undefined;
		}
		const entry = this.reparseEdited(cached, document, cached.maxFileSize);
		if (entry === undefined) {
			return false;
		}
		this.parses.set(uri, entry);
		this.edits.delete(uri);
		return true;
	}

	/** How the tree of the document's current version came from `base` by one item edit. */
	editSince(document: TextDocument, base: JSONDocument): ItemEdit | undefined {
		const entry = this.parses.get(document.uri);
		if (entry?.version !== document.version) {
			return undefined;
		}
		return entry.derivations.find((derivation) => derivation.base === base)?.edit;
	}

	forget(uri: string): void {
		this.parses.delete(uri);
		this.edits.delete(uri);
	}

	/**
	 * Records a change before `TextDocuments` applies it, while the positions still refer to
	 * the text they were made in. A change that cannot be followed item by item (several
	 * ranges, the whole text, or a gap in the versions) drops the record: the next parse is whole.
	 */
	private noteChange(params: DidChangeTextDocumentParams): void {
		const uri = params.textDocument.uri;
		const document = this.get(uri);
		const pending = this.edits.get(uri) ?? [];
		const lastVersion = pending.at(-1)?.toVersion ?? this.parses.get(uri)?.version;
		const change = params.contentChanges.length === 1 ? params.contentChanges[0] : undefined;
		const range =
			change !== undefined && TextDocumentContentChangeEvent.isIncremental(change)
				? change.range
				: undefined;
		const isFollowable =
			document !== undefined &&
			range !== undefined &&
			lastVersion === document.version &&
			pending.length < maxPendingEdits &&
			document.getText().length >= incrementalMinLength;
		if (!isFollowable) {
			this.edits.delete(uri);
			return;
		}
		// Like the text document, take the positions in either order.
		const start = document.offsetAt(range.start);
		const end = document.offsetAt(range.end);
		pending.push({
			offset: Math.min(start, end),
			end: Math.max(start, end),
			text: change!.text,
			fromVersion: document.version,
			toVersion: params.textDocument.version,
		});
		this.edits.set(uri, pending);
	}

	/** The tree of the current version from the cached one and the edits since, if all apply. */
	private reparseEdited(
		cached: ParseEntry,
		document: TextDocument,
		maxFileSize: number,
	): ParseEntry | undefined {
		const edits = this.edits.get(document.uri);
		const text = document.getText();
		const isChained =
			edits !== undefined &&
			edits[0].fromVersion === cached.version &&
			edits.at(-1)!.toVersion === document.version;
		if (!isChained || isTooLarge(document, maxFileSize)) {
			return undefined;
		}
		const options = parseOptions(allowsComments(document));
		let entry = cached;
		for (let i = 0; i < edits.length; i++) {
			const edit = edits[i];
			const previous = entry.json.text;
			const next = i === edits.length - 1 ? text : applyChange(previous, edit);
			if (next.length !== previous.length + edit.text.length - (edit.end - edit.offset)) {
				this.forget(document.uri);
				return undefined;
			}
			const result = reparseItem(entry.json, edit, next, options);
			if (result === undefined) {
				// Earlier edits may have updated the cached tree in place: it is no longer usable.
				this.forget(document.uri);
				return undefined;
			}
			const derivations = derive(entry, result.edit);
			entry = { version: edit.toVersion, json: result.document, maxFileSize, derivations };
		}
		return entry;
	}
}

/** Derivations kept per tree: one per earlier tree that validation may have results for. */
const maxDerivations = 4;

/**
 * The new tree comes from the previous one by `edit`; when the previous one came from older
 * trees by edits of the same item, the new one also comes from those by one combined edit.
 */
function derive(previous: ParseEntry, edit: ItemEdit): Derivation[] {
	const combined = previous.derivations
		.filter(
			({ edit: older }) =>
				older.oldOffset === edit.oldOffset && older.oldEnd + older.delta === edit.oldEnd,
		)
		.map(({ base, edit: older }) => ({
			base,
			edit: { ...edit, oldEnd: older.oldEnd, delta: older.delta + edit.delta },
		}));
	return [{ base: previous.json, edit }, ...combined].slice(0, maxDerivations);
}

function applyChange(text: string, change: TextChange): string {
	return text.slice(0, change.offset) + change.text + text.slice(change.end);
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

/** Whether the text is over `limit` UTF-8 bytes, counting them only when it could be. */
function isTooLarge(document: TextDocument, limit: number): boolean {
	const length = document.getText().length;
	if (length * 3 <= limit) {
		return false;
	}
	return length > limit || utf8LengthOf(document) > limit;
}

/**
 * The offset of a client position. The text document clamps a character past the line's end
 * to the end of the line's content (never between '\r' and '\n') and a line past the last to
 * the end of the text.
 */
export function offsetOf(document: TextDocument, position: Position): number {
	return document.offsetAt(position);
}
