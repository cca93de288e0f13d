/** textDocument/completion: the position in, `doComplete` over the shared parse, the list out. */
import type { CompletionList, CompletionParams } from 'vscode-languageserver';
import { doComplete } from '../service/completion';
import type { ServerContext } from './context';
import { featureInput } from './context';
import { registerRequest } from './guard';
import { checkDocumentPosition } from './params';

const emptyList: CompletionList = { isIncomplete: false, items: [] };

export function registerCompletion(context: ServerContext): void {
	const handler = async (params: CompletionParams): Promise<CompletionList> => {
		const input = await featureInput(context, params.textDocument.uri, params.position);
		if (input === undefined) {
			return emptyList;
		}
		return doComplete(input.document, input.json, input.offset, {
			model: input.model,
			apiVersion: input.settings.apiVersion,
			snippetSupport: context.client.snippetSupport,
		});
	};
	const spec = {
		method: 'textDocument/completion',
		empty: emptyList,
		check: checkDocumentPosition,
	};
	registerRequest(context.connection, context.log, spec, handler);
}
