/** textDocument/definition: the position in, `findDefinition`, a `file:` location out. */
import type { DefinitionParams, Location } from 'vscode-languageserver';
import { findDefinition } from '../service/definition';
import type { ServerContext } from './context';
import { featureInput } from './context';
import { guard } from './guard';

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
	context.connection.onDefinition(guard(context.log, 'Definition', null, handler));
}
