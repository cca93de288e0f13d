/** textDocument/hover: the position in, `doHover` over the shared parse, the hover out. */
import type { Hover, HoverParams } from 'vscode-languageserver';
import { doHover } from '../service/hover';
import type { ServerContext } from './context';
import { featureInput } from './context';
import { registerRequest } from './guard';
import { checkDocumentPosition } from './params';

export function registerHover(context: ServerContext): void {
	const handler = async (params: HoverParams): Promise<Hover | null> => {
		const input = await featureInput(context, params.textDocument.uri, params.position);
		if (input === undefined) {
			return null;
		}
		return doHover(input.document, input.json, input.offset, {
			model: input.model,
			apiVersion: input.settings.apiVersion,
		});
	};
	const spec = { method: 'textDocument/hover', empty: null, check: checkDocumentPosition };
	registerRequest(context.connection, context.log, spec, handler);
}
