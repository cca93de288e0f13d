/**
 * Document lifecycle: validate at once when opened, after a pause when edited, and clear the
 * diagnostics (and the cached parse) when closed.
 */
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from './context';
import { guardNotification } from './guard';
import { acceptAny } from './params';

type DocumentEvent = TextDocumentChangeEvent<TextDocument>;

export function registerDocumentSync(context: ServerContext): void {
	const { documents, validation, log } = context;
	const openedVersions = new Map<string, number>();
	const onOpen = ({ document }: DocumentEvent): void => {
		openedVersions.set(document.uri, document.version);
		log.verbose(`Opened ${document.uri} (${document.languageId}).`);
		validation.schedule(document.uri, 0);
	};
	const onChange = ({ document }: DocumentEvent): void => {
		// Opening also reports the content once; that run is already scheduled.
		if (openedVersions.get(document.uri) !== document.version) {
			validation.scheduleEdit(document);
		}
	};
	const onClose = ({ document }: DocumentEvent): void => {
		openedVersions.delete(document.uri);
		documents.forget(document.uri);
		validation.close(document.uri);
	};
	// The messages were checked on the way in (DocumentStore.listen); what throws here is ours.
	const events = documents.documents;
	events.onDidOpen(guardNotification(log, 'textDocument/didOpen', acceptAny, onOpen));
	events.onDidChangeContent(
		guardNotification(log, 'textDocument/didChange', acceptAny, onChange),
	);
	events.onDidClose(guardNotification(log, 'textDocument/didClose', acceptAny, onClose));
}
