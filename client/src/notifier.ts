import { window } from 'vscode';
import type { Memento } from 'vscode';

export type NotificationLevel = 'information' | 'warning' | 'error';

/** A button on a notification and what choosing it does. */
export interface NotificationAction {
	title: string;
	run: () => unknown;
}

const dontShowAgain = "Don't Show Again";

/**
 * Environment problems reach the user at most once per cause and session, and never again once
 * the user chose "Don't Show Again" (kept in global state, so across sessions); the output channel
 * still gets every occurrence.
 */
export class Notifier {
	private readonly shown = new Set<string>();

	constructor(private readonly state: Memento) {}

	async notify(
		cause: string,
		level: NotificationLevel,
		message: string,
		...actions: NotificationAction[]
	): Promise<void> {
		const mutedKey = `graphFixtures.muted.${cause}`;
		if (this.shown.has(cause) || this.state.get<boolean>(mutedKey) === true) {
			return;
		}
		this.shown.add(cause);
		const titles = [...actions.map((action) => action.title), dontShowAgain];
		const choice = await show(level, message, titles);
		if (choice === dontShowAgain) {
			await this.state.update(mutedKey, true);
			return;
		}
		await actions.find((action) => action.title === choice)?.run();
	}
}

function show(
	level: NotificationLevel,
	message: string,
	titles: string[],
): Thenable<string | undefined> {
	switch (level) {
		case 'error':
			return window.showErrorMessage(message, ...titles);
		case 'warning':
			return window.showWarningMessage(message, ...titles);
		case 'information':
			return window.showInformationMessage(message, ...titles);
	}
}
