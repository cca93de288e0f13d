import { ProgressLocation, commands, env, window, workspace } from 'vscode';
import type { Disposable } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';

import { commandIds } from './commandIds';
import type { Log } from './log';
import { exportSchema, reloadTypes, skeleton } from './messages';
import { indentFollowingLines, leadingWhitespace } from './textIndent';
import { pickType } from './typePicker';

/** Registers every contributed command; each one reports its own failure and never throws. */
export function registerCommands(client: BaseLanguageClient, log: Log): Disposable[] {
	const guarded = (title: string, action: () => Promise<unknown>) => async () => {
		try {
			await action();
		} catch (error) {
			log.error(`${title} failed.`, error);
			const reason = error instanceof Error ? error.message : String(error);
			void window.showErrorMessage(`Graph Fixtures: ${title} failed: ${reason}`);
		}
	};
	return [
		commands.registerCommand(
			commandIds.reloadTypes,
			guarded('Reload Types', () => reloadAllTypes(client)),
		),
		commands.registerCommand(
			commandIds.listTypes,
			guarded('List Types', () => listAll(client)),
		),
		commands.registerCommand(
			commandIds.insertSkeleton,
			guarded('Insert Fixture Skeleton', () => insertSkeleton(client)),
		),
		commands.registerCommand(
			commandIds.exportSchema,
			guarded('Export JSON Schema', () => openSchema(client)),
		),
		commands.registerCommand(commandIds.showOutput, () => log.channel.show(true)),
	];
}

async function reloadAllTypes(client: BaseLanguageClient): Promise<void> {
	// The status item follows from the `typesLoaded` notification the server sends after it.
	await window.withProgress(
		{ location: ProgressLocation.Window, title: 'Graph Fixtures: reloading types' },
		() => client.sendRequest(reloadTypes),
	);
}

async function listAll(client: BaseLanguageClient): Promise<void> {
	const type = await pickType(client, { placeHolder: 'Known types (type to filter)' });
	if (type === undefined) {
		return;
	}
	const description = type.description === '' ? 'No description.' : type.description;
	const copy = 'Copy Name';
	const choice = await window.showInformationMessage(`${type.name}: ${description}`, copy);
	if (choice === copy) {
		await env.clipboard.writeText(type.name);
	}
}

async function insertSkeleton(client: BaseLanguageClient): Promise<void> {
	const editor = window.activeTextEditor;
	if (editor === undefined) {
		void window.showInformationMessage('Graph Fixtures: open a JSON editor to insert into.');
		return;
	}
	const placeHolder = 'Type of the fixture to insert';
	const type = await pickType(client, { placeHolder, kind: 'structured' });
	if (type === undefined) {
		return;
	}
	const text = await client.sendRequest<unknown>(skeleton, { type: type.name });
	if (typeof text !== 'string') {
		void window.showWarningMessage(`Graph Fixtures: no skeleton for ${type.name}.`);
		return;
	}
	const line = editor.document.lineAt(editor.selection.start.line).text;
	const indented = indentFollowingLines(text, leadingWhitespace(line));
	await editor.edit((builder) => builder.replace(editor.selection, indented));
}

async function openSchema(client: BaseLanguageClient): Promise<void> {
	// Enums have no schema of their own: they appear inside the schemas of structured types.
	const placeHolder = 'Type to export as a JSON Schema';
	const type = await pickType(client, { placeHolder, kind: 'structured' });
	if (type === undefined) {
		return;
	}
	const schema = await client.sendRequest<unknown>(exportSchema, { type: type.name });
	if (typeof schema !== 'object' || schema === null) {
		void window.showWarningMessage(`Graph Fixtures: no JSON Schema for ${type.name}.`);
		return;
	}
	const content = `${JSON.stringify(schema, null, '\t')}\n`;
	const document = await workspace.openTextDocument({ language: 'json', content });
	await window.showTextDocument(document, { preview: false });
}
