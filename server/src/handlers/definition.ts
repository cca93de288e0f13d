/** textDocument/definition: the position in, `findDefinition`, a `file:` location out. */
import type { DefinitionParams, Location } from 'vscode-languageserver';
import { findDefinition } from '../service/definition';
import type { ServerContext } from './context';
import { featureInput } from './context';
import { registerRequest } from './guard';
import { checkDocumentPosition } from './params';

export function registerDefinition(context: ServerContext): void {
	const handler = async (params: DefinitionParams): Promise<Location | null> => {
		const input = await featureInput(context, params.textDocument.uri, params.position);
		if (input === undefined) {
			return null;
		}
		return findDefinition(input.json, input.offset, {
			model: input.model,
			apiVersion: input.settings.apiVersion,
		});
	};
	const spec = { method: 'textDocument/definition', empty: null, check: checkDocumentPosition };
	registerRequest(context.connection, context.log, spec, handler);
}
