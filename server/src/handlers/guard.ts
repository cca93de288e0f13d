/**
 * The one wrapper every handler runs in. Params a client got wrong are its protocol violation:
 * one warning line (once per method and fault) and the empty result. A handler that throws on
 * checked params is our bug: logged with its stack at `error`, and the empty result too, so that
 * bad input never takes the server down or leaves a request unanswered.
 */
import type { CancellationToken, Connection, Disposable } from 'vscode-languageserver';
import type { Logger } from '../log';
import type { ParamsCheck } from './params';
import { describeValue } from './params';

export type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

export interface RequestSpec<R> {
	/** The LSP method, as log lines name it. */
	method: string;
	/** The answer to malformed params, a cancelled request and a handler that failed. */
	empty: R;
	check: ParamsCheck;
}

/** Wraps a request handler: checks the params, and answers `empty` on any failure. */
export function guard<P, R>(log: Logger, spec: RequestSpec<R>, handler: Handler<P, R>) {
	return async (params: unknown, token: CancellationToken): Promise<R> => {
		const fault = spec.check(params);
		if (fault !== undefined) {
			log.warnOnce(
				`${spec.method}: ${fault}`,
				`${spec.method}: ${fault}; answered ${describeValue(spec.empty)}.`,
			);
			return spec.empty;
		}
		try {
			if (token.isCancellationRequested) {
				return spec.empty;
			}
			return await handler(params as P, token);
		} catch (error) {
			log.error(`${spec.method} failed; answered ${describeValue(spec.empty)}.`, error);
			return spec.empty;
		}
	};
}

/**
 * Registers a request handler by method name. The typed `connection.onHover` and the like read
 * `params.workDoneToken` before any handler runs, so `params: null` became an internal error;
 * by name, the JSON-RPC layer passes whatever came: nothing, one params value, or positional
 * params, each followed by the cancellation token.
 */
export function registerRequest<P, R>(
	connection: Connection,
	log: Logger,
	spec: RequestSpec<R>,
	handler: Handler<P, R>,
): Disposable {
	const guarded = guard(log, spec, handler);
	return connection.onRequest(spec.method, (...args: unknown[]) => {
		const token = args.at(-1) as CancellationToken;
		const values = args.slice(0, -1);
		// LSP params are named. A one-item array arrives as its item (the JSON-RPC layer spreads
		// it), longer ones are passed on as the array, which no check accepts.
		return guarded(values.length > 1 ? values : values[0], token);
	});
}

/** Wraps a notification handler the same way; there is no answer to give. */
export function guardNotification<P>(
	log: Logger,
	method: string,
	check: ParamsCheck,
	handler: (params: P) => void | Promise<void>,
): (params: unknown) => Promise<void> {
	return async (params) => {
		const fault = check(params);
		if (fault !== undefined) {
			log.warnOnce(`${method}: ${fault}`, `${method}: ${fault}; ignored.`);
			return;
		}
		try {
			await handler(params as P);
		} catch (error) {
			log.error(`${method} failed.`, error);
		}
	};
}
