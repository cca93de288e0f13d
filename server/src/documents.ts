/**
 * The open documents (incremental sync) and their parses: one parse per document version,
 * shared by validation, completion, hover, code actions and definition.
 */
import { TextDocuments } from 'vscode-languageserver';
import type { Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { JSONDocument } from './json';
import { parseDocument } from './service';

interface ParseEntry {
	version: number;
	json: JSONDocument;
}

export class DocumentStore {
	readonly documents = new TextDocuments(TextDocument);
	private readonly parses = new Map<string, ParseEntry>();

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
