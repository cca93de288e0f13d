import { window } from 'vscode';
import type { OutputChannel } from 'vscode';

/** The name of the one output channel, shared by the client and the server's log. */
export const outputChannelName = 'Graph Fixtures';

/**
 * Client-side lines in the output channel, formatted like the language client's own lines so the
 * channel reads as one log.
 */
export class Log {
	readonly channel: OutputChannel;

	constructor() {
		this.channel = window.createOutputChannel(outputChannelName);
	}

	info(message: string): void {
		this.write('Info', message);
	}

	warn(message: string): void {
		this.write('Warn', message);
	}

	error(message: string, error?: unknown): void {
		this.write('Error', message);
		if (error instanceof Error && error.stack !== undefined) {
			this.channel.appendLine(error.stack);
		} else if (error !== undefined) {
			this.channel.appendLine(String(error));
		}
	}

	dispose(): void {
		this.channel.dispose();
	}

	private write(level: string, message: string): void {
		const time = new Date().toLocaleTimeString();
		this.channel.appendLine(`[${level.padEnd(5)} - ${time}] ${message}`);
	}
}
