import { window } from 'vscode';
import type { QuickPickItem } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';

import type { ListTypesResult } from '../../server/src/protocol';
import { listTypes } from './messages';

export type TypeInfo = ListTypesResult['types'][number];

interface TypeItem extends QuickPickItem {
	type: TypeInfo;
}

export interface PickTypeOptions {
	placeHolder: string;
	/** Only types of this kind are offered; all types when absent. */
	kind?: TypeInfo['kind'];
}

/** Asks the server for its types and lets the user pick one; undefined when dismissed. */
export async function pickType(
	client: BaseLanguageClient,
	options: PickTypeOptions,
): Promise<TypeInfo | undefined> {
	const items = loadItems(client, options.kind);
	const picked = await window.showQuickPick(items, {
		placeHolder: options.placeHolder,
		matchOnDescription: true,
		matchOnDetail: true,
	});
	return picked?.type;
}

async function loadItems(
	client: BaseLanguageClient,
	kind: TypeInfo['kind'] | undefined,
): Promise<TypeItem[]> {
	const result = await client.sendRequest<ListTypesResult>(listTypes);
	return result.types
		.filter((type) => kind === undefined || type.kind === kind)
		.map((type) => ({
			label: type.name,
			description: type.kind === 'enum' ? 'enum' : undefined,
			detail: type.description === '' ? undefined : type.description,
			type,
		}));
}
