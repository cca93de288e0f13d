/**
 * The server's logger, over the connection: `error` when something failed and the user can act,
 * `warn` when the server degraded or fell back, `info` once per lifecycle event, and `verbose`
 * detail (timings) to the tracer, which the client shows only with `graphFixtures.trace.server`.
 */
import type { Connection } from 'vscode-languageserver';

export class Logger {
	private readonly reported = new Set<string>();

	constructor(
		private readonly console: Connection['console'],
		private readonly tracer: Pick<Connection['tracer'], 'log'>,
	) {}

	/** A failure, with the error's stack when there is one. */
	error(message: string, error?: unknown): void {
		this.console.error(error === undefined ? message : `${message}\n${describeError(error)}`);
	}

	warn(message: string): void {
		this.console.warn(message);
	}

	info(message: string): void {
		this.console.info(message);
	}

	/** Detail for tracing only; nothing is sent unless the client asked for a trace. */
	verbose(message: string): void {
		this.tracer.log(message);
	}

	/**
	 * Logs a warning once per cause, so that a repeating failure does not flood the log.
	 * Returns whether it was logged now (false when the cause was already reported).
	 */
	warnOnce(cause: string, message: string): boolean {
		if (this.reported.has(cause)) {
			return false;
		}
		this.reported.add(cause);
		this.warn(message);
		return true;
	}
}

/** The stack of an Error, else its text. */
export function describeError(error: unknown): string {
	if (error instanceof Error) {
		return error.stack ?? `${error.name}: ${error.message}`;
	}
	return String(error);
}
