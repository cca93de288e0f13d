/**
 * Breaker 5 on the stdio framer against vscode-jsonrpc's own reader: the same bytes must give
 * the same messages where the header is one the protocol allows.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageReader } from 'vscode-jsonrpc/node';
import type { Message } from 'vscode-languageserver/node';
import { MessageFramer } from '../../server/src/pipeReader';

function framed(id: number, header: string): Buffer {
	const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, method: 'x' }));
	return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n${header}\r\n`), body]);
}

function ownMessages(bytes: Buffer): Message[] {
	const messages: Message[] = [];
	const framer = new MessageFramer(
		(message) => messages.push(message),
		() => undefined,
	);
	framer.push(bytes, bytes.length);
	return messages;
}

async function libraryMessages(bytes: Buffer): Promise<Message[]> {
	const messages: Message[] = [];
	const stream = new PassThrough();
	const reader = new StreamMessageReader(stream);
	reader.listen((message) => messages.push(message));
	stream.end(bytes);
	await new Promise((resolve) => setTimeout(resolve, 20));
	reader.dispose();
	return messages;
}

describe('the stdio framer against the library reader (breaker 5)', () => {
	it('reads a Content-Type that names utf-8 as a quoted string, as the library does', async () => {
		// `charset="utf-8"` is the same media-type parameter as `charset=utf-8` (RFC 9110).
		const header = 'Content-Type: application/vscode-jsonrpc; charset="utf-8"\r\n';
		const bytes = Buffer.concat([framed(1, header), framed(2, '')]);
		assert.deepEqual(ownMessages(bytes), await libraryMessages(bytes));
		assert.equal(ownMessages(bytes).length, 2);
	});
});
