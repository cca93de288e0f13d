import { StatusBarAlignment, ThemeColor, env, window, workspace } from 'vscode';
import type { Disposable, StatusBarItem, TextEditor } from 'vscode';

import type { TypesLoadedParams } from '../../server/src/protocol';
import { commandIds } from './commandIds';
import { describeStarting, describeStopped, describeTypesLoaded } from './statusText';
import type { StatusView } from './statusText';

const languageIds = new Set(['json', 'jsonc']);

/**
 * The status bar item of JSON editors: how many types the server knows, a warning state when a
 * source failed, an error state when the server is not running. Clicking it lists the types (or
 * shows the output while the server is down).
 */
export class StatusItem implements Disposable {
	private readonly item: StatusBarItem;
	private readonly listeners: Disposable[];

	constructor() {
		this.item = window.createStatusBarItem(
			'graphFixtures.status',
			StatusBarAlignment.Right,
			100,
		);
		this.item.name = 'Graph Fixtures';
		this.listeners = [
			window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
			// Changing a document's language reopens it without changing the active editor.
			workspace.onDidOpenTextDocument(() => this.follow(window.activeTextEditor)),
		];
		this.render(describeStarting());
		this.follow(window.activeTextEditor);
	}

	showStarting(): void {
		this.render(describeStarting());
	}

	showStopped(): void {
		this.render(describeStopped());
	}

	showTypesLoaded(params: TypesLoadedParams): void {
		this.render(describeTypesLoaded(params, env.language));
	}

	dispose(): void {
		this.listeners.forEach((listener) => listener.dispose());
		this.item.dispose();
	}

	private render(view: StatusView): void {
		this.item.text = view.text;
		this.item.tooltip = view.tooltip;
		this.item.accessibilityInformation = { label: view.tooltip };
		this.item.command = view.kind === 'stopped' ? commandIds.showOutput : commandIds.listTypes;
		this.item.backgroundColor = backgroundOf(view);
	}

	private follow(editor: TextEditor | undefined): void {
		if (editor !== undefined && languageIds.has(editor.document.languageId)) {
			this.item.show();
		} else {
			this.item.hide();
		}
	}
}

function backgroundOf(view: StatusView): ThemeColor | undefined {
	switch (view.kind) {
		case 'degraded':
			return new ThemeColor('statusBarItem.warningBackground');
		case 'stopped':
			return new ThemeColor('statusBarItem.errorBackground');
		default:
			return undefined;
	}
}
