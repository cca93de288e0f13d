/**
 * The one wrapper every handler runs in: a handler that throws is logged with its stack at
 * `error` and answers its empty result, so that bad input never takes the server down.
 */
import type { CancellationToken } from 'vscode-languageserver';
import type { Logger } from '../log';

export type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

/** Wraps a request handler: errors become `empty`, and a cancelled request answers `empty`. */
export function guard<P, R>(
	log: Logger,
	name: string,
	empty: R,
	handler: Handler<P, R>,
): Handler<P, R> {
	return async (params, token) => {
		try {
			if (token?.isCancellationRequested) {
				return empty;
			}
			return await handler(params, token);
		} catch (error) {
			log.error(`${name} failed; answered with an empty result.`, error);
			return empty;
		}
	};
}

/** Wraps a notification handler the same way; there is no answer to give. */
export function guardNotification<P>(
	log: Logger,
	name: string,
	handler: (params: P) => void | Promise<void>,
): (params: P) => Promise<void> {
	return async (params) => {
		try {
			await handler(params);
		} catch (error) {
			log.error(`${name} failed.`, error);
		}
	};
}
