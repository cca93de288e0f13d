/**
 * Breaker 5 on the stdio reader over a real pipe: raw bytes written to the bundled server's
 * stdin, cut anywhere and broken in every way a header or a body can be. The server must
 * never crash, must answer the well-formed requests after a broken message, must write
 * nothing but LSP frames to stdout, and must exit 0 when stdin ends after a shutdown, else 1.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { describe, it } from 'node:test';
import { serverPath } from './lspClient';

interface Frame {
	id?: number;
	method?: string;
	params?: { uri?: string; diagnostics?: unknown[] };
	result?: unknown;
}

/** The server over pipes, with stdout read strictly as LSP frames. */
class RawServer {
	readonly frames: Frame[] = [];
	/** Anything on stdout that is not a `Content-Length` header and a JSON body. */
	readonly strays: string[] = [];
	readonly exitCode: Promise<number | null>;
	private pending = Buffer.alloc(0);
	private readonly child: ChildProcess;

	constructor() {
		this.child = spawn(process.execPath, [serverPath, '--stdio'], {
			stdio: ['pipe', 'pipe', 'ignore'],
		});
		this.exitCode = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
	}

	write(bytes: Buffer | string): void {
		this.child.stdin!.write(bytes);
	}

	end(bytes?: Buffer | string): void {
		this.child.stdin!.end(bytes);
	}

	async waitFor(test: (frame: Frame) => boolean, ms = 8000): Promise<Frame | undefined> {
		const until = Date.now() + ms;
		while (Date.now() < until && this.child.exitCode === null) {
			const found = this.frames.find(test);
			if (found !== undefined) {
				return found;
			}
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		return this.frames.find(test);
	}

	/** Ends a server that a test left running (a failed assertion), by its own process. */
	kill(): void {
		if (this.child.exitCode === null) {
			this.child.kill();
		}
	}

	private read(chunk: Buffer): void {
		this.pending = Buffer.concat([this.pending, chunk]);
		for (;;) {
			const end = this.pending.indexOf('\r\n\r\n');
			if (end < 0) {
				return;
			}
			const header = this.pending.subarray(0, end).toString('latin1');
			const length = /^Content-Length: (\d+)$/.exec(header)?.[1];
			if (length === undefined) {
				this.strays.push(header);
				this.pending = this.pending.subarray(end + 4);
				continue;
			}
			const bodyEnd = end + 4 + Number(length);
			if (this.pending.length < bodyEnd) {
				return;
			}
			const body = this.pending.subarray(end + 4, bodyEnd).toString('utf8');
			this.pending = this.pending.subarray(bodyEnd);
			this.frames.push(JSON.parse(body) as Frame);
		}
	}
}

function frame(message: unknown, extraHeader = ''): Buffer {
	const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message));
	const header = `Content-Length: ${body.length}\r\n${extraHeader}\r\n`;
	return Buffer.concat([Buffer.from(header, 'latin1'), body]);
}

const initialize = (id: number) =>
	frame({
		jsonrpc: '2.0',
		id,
		method: 'initialize',
		params: { processId: null, rootUri: null, capabilities: {} },
	});
const initialized = frame({ jsonrpc: '2.0', method: 'initialized', params: {} });
const shutdown = (id: number) => frame({ jsonrpc: '2.0', id, method: 'shutdown' });
const hover = (id: number, uri: string) =>
	frame({
		jsonrpc: '2.0',
		id,
		method: 'textDocument/hover',
		params: { textDocument: { uri }, position: { line: 1, character: 3 } },
	});

/** Broken messages, each followed by a whole session that must be answered. */
const broken: Record<string, Buffer> = {
	'a Content-Length that is not a number': Buffer.from('Content-Length: abc\r\n\r\n'),
	'a header without Content-Length': Buffer.from('X-Other: 1\r\n\r\n'),
	'a header line without a colon': Buffer.from('garbage\r\n'),
	'a body that is not JSON': frame('{"jsonrpc":'),
	'a body that is not UTF-8': Buffer.concat([
		Buffer.from('Content-Length: 3\r\n\r\n'),
		Buffer.from([0x7b, 0xff, 0xfe]),
	]),
	'a body in another charset': frame(
		{ jsonrpc: '2.0', id: 99, method: 'x' },
		'Content-Type: a; charset=latin1\r\n',
	),
	'a Content-Length beyond any integer': Buffer.from(
		'Content-Length: 99999999999999999999999\r\n\r\n',
	),
	'an empty body': Buffer.from('Content-Length: 0\r\n\r\n'),
};

async function session(before: Buffer, cut: number): Promise<RawServer> {
	const server = new RawServer();
	const bytes = Buffer.concat([before, initialize(1), initialized, shutdown(2)]);
	for (let at = 0; at < bytes.length; at += cut) {
		server.write(bytes.subarray(at, at + cut));
	}
	return server;
}

async function assertAnsweredAndExits(server: RawServer, code: number): Promise<void> {
	try {
		assert.ok(await server.waitFor((each) => each.id === 1 && each.result !== undefined));
		assert.ok(await server.waitFor((each) => each.id === 2));
		server.end();
		assert.equal(await server.exitCode, code);
		assert.deepEqual(server.strays, []);
	} finally {
		server.kill();
	}
}

describe('the stdio reader over a real pipe (breaker 5)', () => {
	it('answers a session written one byte at a time, with odd header case and spacing', async () => {
		const body = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'shutdown' });
		const odd = `cOnTeNt-LeNgTh:\t${Buffer.byteLength(body)}  \r\ncontent-type: x; CHARSET=UTF8\r\n\r\n`;
		const server = await session(Buffer.alloc(0), 1);
		server.write(odd + body);
		assert.ok(await server.waitFor((each) => each.id === 7));
		await assertAnsweredAndExits(server, 0);
	});

	for (const [name, bytes] of Object.entries(broken)) {
		it(`answers the requests after ${name}, written in one piece`, async () => {
			await assertAnsweredAndExits(await session(bytes, 1 << 20), 0);
		});
	}

	it('reads a 20 MB didOpen with multi-byte characters cut across writes, then answers', async () => {
		const server = await session(Buffer.alloc(0), 1 << 20);
		const item =
			'{"@odata.type":"#microsoft.graph.iosVppAppRevokeLicensesActionResult","userId":"é😀","actionState":"nope"}';
		const text = `{"value":[\n${Array<string>(190_000).fill(item).join(',\n')}\n]}`;
		const uri = 'file:///breaker5/big.json';
		const open = frame({
			jsonrpc: '2.0',
			method: 'textDocument/didOpen',
			params: { textDocument: { uri, languageId: 'json', version: 1, text } },
		});
		// An odd write size cuts '😀' (4 bytes) and 'é' (2 bytes) somewhere.
		for (let at = 0; at < open.length; at += 65_543) {
			server.write(open.subarray(at, at + 65_543));
		}
		server.write(hover(3, uri));
		const published = await server.waitFor(
			(each) => each.method === 'textDocument/publishDiagnostics' && each.params?.uri === uri,
			12_000,
		);
		assert.ok((published?.params?.diagnostics?.length ?? 0) > 0);
		assert.ok(await server.waitFor((each) => each.id === 3));
		await assertAnsweredAndExits(server, 0);
	});

	it('exits 1 when stdin ends without a shutdown, also in the middle of a message', async () => {
		for (const tail of [Buffer.alloc(0), hover(4, 'file:///x.json').subarray(0, 30)]) {
			const server = new RawServer();
			try {
				server.write(Buffer.concat([initialize(1), initialized]));
				assert.ok(await server.waitFor((each) => each.id === 1));
				server.end(tail);
				assert.equal(await server.exitCode, 1);
				assert.deepEqual(server.strays, []);
			} finally {
				server.kill();
			}
		}
	});

	it('exits 0 when stdin ends in the middle of a message after a shutdown', async () => {
		const server = await session(Buffer.alloc(0), 1 << 20);
		try {
			assert.ok(await server.waitFor((each) => each.id === 2));
			server.end(hover(4, 'file:///x.json').subarray(0, 10));
			assert.equal(await server.exitCode, 0);
		} finally {
			server.kill();
		}
	});
});
