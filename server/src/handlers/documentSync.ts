/**
 * Document lifecycle: validate at once when opened, after a pause when edited, and clear the
 * diagnostics (and the cached parse and settings) when closed.
 */
import type { ServerContext } from './context';

export function registerDocumentSync(context: ServerContext): void {
	const { documents, validation, log } = context;
	const openedVersions = new Map<string, number>();
	documents.documents.onDidOpen((event) => {
		openedVersions.set(event.document.uri, event.document.version);
		log.verbose(`Opened ${event.document.uri} (${event.document.languageId}).`);
		validation.schedule(event.document.uri, 0);
	});
	documents.documents.onDidChangeContent((event) => {
		const { uri, version } = event.document;
		// Opening also reports the content once; that run is already scheduled.
		if (openedVersions.get(uri) === version) {
			return;
		}
		validation.schedule(uri);
	});
	documents.documents.onDidClose((event) => {
		const uri = event.document.uri;
		openedVersions.delete(uri);
		documents.forget(uri);
		validation.close(uri);
	});
}
