/**
 * What every handler gets: the connection, the documents, the settings, the types, the
 * validation queue and the logger, and the one step that every feature starts with.
 */
import type { Connection, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStore } from '../documents';
import type { JSONDocument } from '../json';
import type { Logger } from '../log';
import type { TypeModel } from '../model/typeModel';
import type { Settings } from '../protocol';
import type { SettingsStore } from '../settings';
import type { TypeStore } from '../typeStore';
import type { ValidationQueue } from '../validationQueue';

/** What the client said it can do, read once from `initialize`. */
export interface ClientFeatures {
	snippetSupport: boolean;
	configuration: boolean;
	configurationRegistration: boolean;
	workDoneProgress: boolean;
	watchedFilesRegistration: boolean;
	relativePatterns: boolean;
}

export interface ServerContext {
	connection: Connection;
	documents: DocumentStore;
	settings: SettingsStore;
	types: TypeStore;
	validation: ValidationQueue;
	log: Logger;
	client: ClientFeatures;
}

/** A document ready for a language feature: its text, its tree and the model to read. */
export interface FeatureInput {
	document: TextDocument;
	json: JSONDocument;
	offset: number;
	model: TypeModel;
	settings: Settings;
}

/**
 * Gathers the input of a feature at a position; undefined for a document that is not open or
 * is over the size limit (never parsed, so no feature works there).
 */
export async function featureInput(
	context: ServerContext,
	uri: string,
	position: Position,
): Promise<FeatureInput | undefined> {
	const document = context.documents.get(uri);
	if (document === undefined) {
		return undefined;
	}
	const settings = await context.settings.get(uri);
	const { loaded } = await context.types.ready();
	const current = context.documents.get(uri) ?? document;
	const json = context.documents.parse(current, settings.maxFileSize);
	if (json === undefined) {
		return undefined;
	}
	return {
		document: current,
		json,
		offset: current.offsetAt(position),
		model: loaded.model,
		settings,
	};
}
