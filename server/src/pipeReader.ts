/**
 * Reads LSP messages from a pipe on stdin with one copy of each body. vscode-jsonrpc's stream
 * reader takes a new 64 KB buffer for every read, joins them when a message is complete and
 * decodes the joined copy: for an 18 MB didOpen that is two more passes over fresh memory than
 * the message needs, about 11 ms of the time before the server can start on it. Here every read
 * lands in one reused buffer and is copied straight into a buffer of the message's
 * Content-Length, which is decoded from there. Framing and the JSON read are the library's; it
 * also reports a charset other than utf-8, and a body over 1 GiB, and passes over the body.
 */
import { isAscii } from 'node:buffer';
import { Console } from 'node:console';
import { fstatSync } from 'node:fs';
import * as net from 'node:net';
import {
	AbstractMessageReader,
	Disposable,
	ProposedFeatures,
	StreamMessageWriter,
	createConnection,
} from 'vscode-languageserver/node';
import type { Connection, DataCallback, Message } from 'vscode-languageserver/node';

/** What one read may take from the pipe. */
const readSize = 256 * 1024;

/** Headers longer than this are not LSP headers: they are dropped with an error. */
const maxHeaderLength = 64 * 1024;

/**
 * Bodies larger than this are skipped with an error, not held: the standard reader would hold
 * them and then fail to join them.
 */
const maxBodyLength = 1024 * 1024 * 1024;

const headerEnd = Buffer.from('\r\n\r\n', 'latin1');
const noBytes = Buffer.alloc(0);

export class PipeMessageReader extends AbstractMessageReader {
	private socket: net.Socket | undefined;
	private isClosed = false;

	constructor(private readonly fd: number) {
		super();
	}

	listen(callback: DataCallback): Disposable {
		const framer = new MessageFramer(callback, (error) => this.fireError(error));
		const scratch = Buffer.allocUnsafe(readSize);
		// `onread` (reads into one given buffer) is a constructor option the typings omit.
		const options: net.SocketConstructorOpts & { onread: unknown } = {
			fd: this.fd,
			readable: true,
			writable: false,
			onread: {
				buffer: scratch,
				callback: (length: number, buffer: Uint8Array) => {
					framer.push(buffer as Buffer, length);
					return true;
				},
			},
		};
		const socket = new net.Socket(options);
		this.socket = socket;
		socket.on('error', (error) => this.fireError(error));
		socket.on('end', () => this.close());
		socket.on('close', () => this.close());
		return Disposable.create(() => socket.destroy());
	}

	override dispose(): void {
		super.dispose();
		this.socket?.destroy();
	}

	private close(): void {
		if (!this.isClosed) {
			this.isClosed = true;
			this.fireClose();
		}
	}
}

/**
 * Cuts a byte stream into LSP messages: a header of `Name: value` lines ending in a blank
 * line, with Content-Length (and optionally Content-Type with charset utf-8), then that many
 * bytes of JSON. Each body is copied once, into a buffer of its length, as its bytes arrive.
 */
export class MessageFramer {
	/** Header bytes read so far, when a header spans reads. */
	private header: Buffer = noBytes;
	/** The body being read, or undefined while a header is. */
	private body: Buffer | undefined;
	private received = 0;
	/** Bytes of a refused body still to pass over. */
	private skipping = 0;

	constructor(
		private readonly onMessage: (message: Message) => void,
		private readonly onError: (error: Error) => void,
	) {}

	/** Takes the first `length` bytes of `buffer`, which may be overwritten afterwards. */
	push(buffer: Buffer, length: number): void {
		let at = 0;
		while (at < length) {
			if (this.skipping > 0) {
				const passed = Math.min(this.skipping, length - at);
				this.skipping -= passed;
				at += passed;
			} else if (this.body !== undefined) {
				const body = this.body;
				const copied = Math.min(body.length - this.received, length - at);
				buffer.copy(body, this.received, at, at + copied);
				this.received += copied;
				at += copied;
				if (this.received === body.length) {
					this.body = undefined;
					this.deliver(body);
				}
			} else {
				at = this.readHeader(buffer, at, length);
			}
		}
	}

	/** Reads header bytes from `at`; returns where they end in this read. */
	private readHeader(buffer: Buffer, at: number, length: number): number {
		const fresh = buffer.subarray(at, length);
		// The blank line may have begun in an earlier read: look from 3 bytes before.
		const carried = this.header.subarray(Math.max(0, this.header.length - 3));
		const window = carried.length > 0 ? Buffer.concat([carried, fresh]) : fresh;
		const found = window.indexOf(headerEnd);
		if (found < 0) {
			this.header = Buffer.concat([this.header, fresh]);
			if (this.header.length > maxHeaderLength) {
				this.header = noBytes;
				this.onError(
					new Error(
						`Dropped over ${maxHeaderLength} bytes without the blank line that ends an LSP header.`,
					),
				);
			}
			return length;
		}
		const taken = found + headerEnd.length - carried.length;
		const text = Buffer.concat([this.header, fresh.subarray(0, taken)]).toString('latin1');
		this.header = noBytes;
		this.startBody(text);
		return at + taken;
	}

	/** Reads the header (ending in the blank line) and gets ready for the body. */
	private startBody(text: string): void {
		const fields = new Map<string, string>();
		for (const line of text.split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) {
				fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
			}
		}
		const declared = fields.get('content-length');
		if (declared === undefined) {
			this.onError(new Error(`Header must provide a Content-Length property.\n${text}`));
			return;
		}
		// Read as vscode-jsonrpc reads it, the leading digits; a length no integer can hold is
		// refused rather than waited for.
		const length = Number.parseInt(declared, 10);
		if (!Number.isSafeInteger(length) || length < 0) {
			this.onError(new Error(`Content-Length value must be a number. Got ${declared}`));
			return;
		}
		// A parameter value may be quoted: charset="utf-8".
		const parameter = /charset=(?:"([^"]*)"|([^;\s]+))/i.exec(fields.get('content-type') ?? '');
		const charset = parameter?.[1] ?? parameter?.[2];
		if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
			this.skipping = length;
			this.onError(new Error(`Skipped a message in charset ${charset}: only utf-8 is read.`));
			return;
		}
		if (length > maxBodyLength) {
			this.skipping = length;
			this.onError(new Error(`Skipped a message of ${length} bytes: the limit is 1 GiB.`));
			return;
		}
		if (length === 0) {
			this.deliver(noBytes);
			return;
		}
		try {
			this.body = Buffer.allocUnsafe(length);
		} catch {
			this.skipping = length;
			this.onError(new Error(`Skipped a message of ${length} bytes: no memory to hold it.`));
			return;
		}
		this.received = 0;
	}

	/** Decodes a whole body as UTF-8 JSON: ASCII (most) needs no decoding beyond a copy. */
	private deliver(body: Buffer): void {
		let message: Message;
		try {
			const text = isAscii(body) ? body.toString('latin1') : body.toString('utf8');
			message = JSON.parse(text) as Message;
		} catch (error) {
			this.onError(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		this.onMessage(message);
	}
}

/**
 * The server's connection: over stdin and stdout read by PipeMessageReader when `--stdio` is
 * given and stdin is a pipe or a socket, else as vscode-languageserver makes it from the
 * command line. Over the pipe it does what the library does for stdio: console output goes to
 * stderr, not into the protocol, and the server exits when stdin closes (with 0 when
 * `isShutDown` says a shutdown request came first, else 1).
 */
export function createServerConnection(isShutDown: () => boolean): Connection {
	if (!process.argv.includes('--stdio') || process.platform === 'win32' || !isPipe(0)) {
		return createConnection(ProposedFeatures.all);
	}
	globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
	const reader = new PipeMessageReader(0);
	const connection = createConnection(
		ProposedFeatures.all,
		reader,
		new StreamMessageWriter(process.stdout),
	);
	reader.onClose(() => process.exit(isShutDown() ? 0 : 1));
	return connection;
}

function isPipe(fd: number): boolean {
	try {
		const stat = fstatSync(fd);
		return stat.isFIFO() || stat.isSocket();
	} catch {
		return false;
	}
}
