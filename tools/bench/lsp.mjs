// A minimal LSP client: JSON-RPC 2.0 with Content-Length framing over a child's stdio. Written
// here so that both servers are driven by the same code, with nothing between the pipe and the
// clock.
import { performance } from 'node:perf_hooks';

const headerEnd = Buffer.from('\r\n\r\n');

/** The framed bytes of one message. */
export function encodeMessage(message) {
	const body = Buffer.from(JSON.stringify(message), 'utf8');
	return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/**
 * Splits a byte stream into messages. Chunks are kept in a list and joined only once a whole
 * message has arrived, so a 20 MB message costs one copy, not one per chunk.
 */
export class MessageReader {
	constructor() {
		this.chunks = [];
		this.length = 0;
		this.bodyLength = -1;
	}

	/** Adds bytes; returns the messages they complete, parsed. Throws on a malformed header. */
	push(chunk) {
		this.chunks.push(chunk);
		this.length += chunk.length;
		const messages = [];
		for (let message = this.next(); message !== undefined; message = this.next()) {
			messages.push(message);
		}
		return messages;
	}

	next() {
		if (this.bodyLength < 0 && !this.readHeader()) {
			return undefined;
		}
		if (this.length < this.bodyLength) {
			return undefined;
		}
		const buffer = this.take(this.bodyLength);
		this.bodyLength = -1;
		return JSON.parse(buffer.toString('utf8'));
	}

	readHeader() {
		const joined = this.join();
		const end = joined.indexOf(headerEnd);
		if (end < 0) {
			return false;
		}
		const header = joined.subarray(0, end).toString('ascii');
		const match = /^content-length: *(\d+) *$/im.exec(header);
		if (!match) {
			throw new Error(`LSP header without Content-Length: ${JSON.stringify(header)}`);
		}
		this.take(end + headerEnd.length);
		this.bodyLength = Number(match[1]);
		return true;
	}

	join() {
		if (this.chunks.length > 1) {
			this.chunks = [Buffer.concat(this.chunks, this.length)];
		}
		return this.chunks[0] ?? Buffer.alloc(0);
	}

	take(count) {
		const joined = this.join();
		const taken = joined.subarray(0, count);
		const rest = joined.subarray(count);
		this.chunks = rest.length > 0 ? [rest] : [];
		this.length = rest.length;
		return taken;
	}
}

/** A timed wait that rejects with a message naming what did not arrive. */
function withTimeout(promise, timeoutMs, what, onTimeout) {
	let timer;
	const timeout = new Promise((_resolve, reject) => {
		timer = setTimeout(() => {
			onTimeout?.();
			reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
		}, timeoutMs);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One JSON-RPC connection over a child process. Server-to-client requests go to `onRequest`
 * (its result is sent back; a thrown error becomes an error response). Every wait takes a
 * timeout, and the child's exit fails every pending wait at once.
 */
export class LspConnection {
	constructor(child, { onRequest, onNotification } = {}) {
		this.child = child;
		this.onRequest = onRequest ?? (() => null);
		this.onNotification = onNotification ?? (() => {});
		this.nextId = 1;
		this.pending = new Map();
		this.waiters = new Set();
		this.reader = new MessageReader();
		this.closedError = undefined;
		child.stdout.on('data', (chunk) => this.receive(chunk));
		child.stdin.on('error', (error) => this.fail(error));
		child.on('exit', (code, signal) => {
			this.fail(new Error(`server exited (code ${code}, signal ${signal})`));
		});
	}

	receive(chunk) {
		let messages;
		try {
			messages = this.reader.push(chunk);
		} catch (error) {
			this.fail(error);
			return;
		}
		const at = performance.now();
		for (const message of messages) {
			this.dispatch(message, at);
		}
	}

	dispatch(message, at) {
		if (message.method === undefined) {
			this.settle(message, at);
		} else if (message.id !== undefined) {
			void this.answer(message);
		} else {
			this.onNotification(message);
			for (const waiter of this.waiters) {
				waiter.check(message, at);
			}
		}
	}

	settle(message, at) {
		const pending = this.pending.get(message.id);
		if (!pending) {
			return;
		}
		this.pending.delete(message.id);
		if (message.error) {
			pending.reject(new Error(`${pending.method} failed: ${message.error.message}`));
		} else {
			pending.resolve({ result: message.result, at });
		}
	}

	async answer(message) {
		try {
			const result = await this.onRequest(message.method, message.params);
			this.write({ jsonrpc: '2.0', id: message.id, result: result ?? null });
		} catch (error) {
			const reply = { code: -32603, message: String(error?.message ?? error) };
			this.write({ jsonrpc: '2.0', id: message.id, error: reply });
		}
	}

	fail(error) {
		if (this.closedError) {
			return;
		}
		this.closedError = error;
		for (const pending of this.pending.values()) {
			pending.reject(error);
		}
		this.pending.clear();
		for (const waiter of this.waiters) {
			waiter.reject(error);
		}
		this.waiters.clear();
	}

	write(message) {
		if (this.closedError) {
			throw this.closedError;
		}
		this.child.stdin.write(encodeMessage(message));
	}

	notify(method, params) {
		this.write({ jsonrpc: '2.0', method, params });
	}

	/**
	 * Sends a notification and returns when it was handed to the pipe, after it was encoded:
	 * serializing an 18 MB text takes this client about 110 ms, work an editor does in its own
	 * process before either server sees a byte, so no server's clock includes it.
	 */
	notifyTimed(method, params) {
		if (this.closedError) {
			throw this.closedError;
		}
		const bytes = encodeMessage({ jsonrpc: '2.0', method, params });
		const at = performance.now();
		this.child.stdin.write(bytes);
		return at;
	}

	/** Sends a request; resolves `{ result, ms }`, ms from the write to the parsed answer. */
	request(method, params, timeoutMs) {
		const id = this.nextId++;
		const answered = new Promise((resolve, reject) => {
			this.pending.set(id, { method, resolve, reject });
		});
		const start = performance.now();
		this.write({ jsonrpc: '2.0', id, method, params });
		const timed = withTimeout(answered, timeoutMs, `the answer to ${method}`, () => {
			this.pending.delete(id);
		});
		return timed.then(({ result, at }) => ({ result, ms: at - start }));
	}

	/**
	 * Registers a wait for the first notification `method` that `predicate` accepts, before the
	 * message that causes it is sent; resolves `{ params, at }`.
	 */
	expect(method, predicate, timeoutMs) {
		if (this.closedError) {
			return Promise.reject(this.closedError);
		}
		let waiter;
		const arrived = new Promise((resolve, reject) => {
			waiter = {
				reject,
				check: (message, at) => {
					if (message.method === method && predicate(message.params)) {
						this.waiters.delete(waiter);
						resolve({ params: message.params, at });
					}
				},
			};
			this.waiters.add(waiter);
		});
		return withTimeout(arrived, timeoutMs, `notification ${method}`, () => {
			this.waiters.delete(waiter);
		});
	}
}
