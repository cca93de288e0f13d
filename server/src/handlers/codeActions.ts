/** textDocument/codeAction: the range and its diagnostics in, `getCodeActions`, actions out. */
import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { getCodeActions } from '../service/codeActions';
import type { ServerContext } from './context';
import { featureInput } from './context';
import { registerRequest } from './guard';
import { checkCodeAction } from './params';

export function registerCodeActions(context: ServerContext): void {
	const handler = async (params: CodeActionParams): Promise<CodeAction[]> => {
		const input = await featureInput(context, params.textDocument.uri, params.range.start);
		if (input === undefined) {
			return [];
		}
		const actions = getCodeActions(
			input.document,
			input.json,
			params.range,
			params.context.diagnostics,
			{
				model: input.model,
				apiVersion: input.settings.apiVersion,
			},
		);
		const only = params.context.only;
		return only
			? actions.filter((action) => only.some((kind) => action.kind?.startsWith(kind)))
			: actions;
	};
	const spec = {
		method: 'textDocument/codeAction',
		empty: [] as CodeAction[],
		check: checkCodeAction,
	};
	registerRequest(context.connection, context.log, spec, handler);
}
