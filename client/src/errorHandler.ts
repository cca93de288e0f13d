import { CloseAction, ErrorAction, State } from 'vscode-languageclient/node';
import type {
	BaseLanguageClient,
	CloseHandlerResult,
	ErrorHandler,
	ErrorHandlerResult,
	Message,
} from 'vscode-languageclient/node';

import type { Log } from './log';
import type { NotificationLevel, Notifier } from './notifier';

/**
 * Keeps the language client's own restart policy (restart after a crash, give up after too many
 * crashes in a short time) and adds what the user should see: a line in the output channel for
 * every event, and one notification per cause instead of one per crash.
 */
export class ServerErrorHandler implements ErrorHandler {
	private client: BaseLanguageClient | undefined;
	private policy: ErrorHandler | undefined;

	constructor(
		private readonly log: Log,
		private readonly notifier: Notifier,
	) {}

	/** The client's default handler can only be made once the client exists. */
	attach(client: BaseLanguageClient): void {
		this.client = client;
		this.policy = client.createDefaultErrorHandler();
	}

	async error(
		error: Error,
		message: Message | undefined,
		count: number | undefined,
	): Promise<ErrorHandlerResult> {
		const result = (await this.policy?.error(error, message, count)) ?? {
			action: ErrorAction.Shutdown,
		};
		if (result.action === ErrorAction.Continue) {
			return { action: result.action, handled: true };
		}
		const text = `The connection to the Graph Fixtures language server keeps failing (${error.message}); the server was stopped.`;
		this.report('connection-failing', 'error', text);
		return { action: result.action, message: text, handled: true };
	}

	async closed(): Promise<CloseHandlerResult> {
		// A server that exits before it answers `initialize` would only fail the same way again;
		// the failed start is reported where the extension starts the client.
		if (this.client?.state === State.Starting) {
			const text = 'The Graph Fixtures language server exited while starting.';
			return { action: CloseAction.DoNotRestart, message: text, handled: true };
		}
		const result = (await this.policy?.closed()) ?? { action: CloseAction.DoNotRestart };
		if (result.action === CloseAction.Restart) {
			const text =
				'The Graph Fixtures language server stopped unexpectedly and is being restarted.';
			this.report('server-restarted', 'warning', text);
			return { action: result.action, message: text, handled: true };
		}
		const text =
			'The Graph Fixtures language server stopped unexpectedly too often and will not be restarted. Reload the window to try again.';
		this.report('server-gave-up', 'error', text);
		return { action: result.action, message: text, handled: true };
	}

	private report(cause: string, level: NotificationLevel, text: string): void {
		const showOutput = { title: 'Show Output', run: () => this.log.channel.show(true) };
		void this.notifier.notify(cause, level, text, showOutput);
	}
}
