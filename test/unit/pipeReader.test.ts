/**
 * The stdio reader's framing: whatever the reads are cut into, and although each read lands in
 * one reused buffer, every message comes out whole and in order, as vscode-jsonrpc's reader
 * gives it; a broken header or body is reported and the messages after it still arrive.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { MessageFramer } from '../../server/src/pipeReader';

/** Feeds `bytes` cut at `cuts` through one scratch buffer that is scribbled over after each read. */
function feed(bytes: Buffer, cuts: number[]): { messages: unknown[]; errors: string[] } {
	const messages: unknown[] = [];
	const errors: string[] = [];
	const framer = new MessageFramer(
		(message) => messages.push(message),
		(error) => errors.push(error.message),
	);
	const scratch = Buffer.alloc(bytes.length + 1);
	const points = [...new Set([0, ...cuts.map((cut) => cut % (bytes.length + 1)), bytes.length])];
	points.sort((a, b) => a - b);
	for (let i = 1; i < points.length; i++) {
		const length = bytes.copy(scratch, 0, points[i - 1], points[i]);
		framer.push(scratch, length);
		scratch.fill(0x7b);
	}
	return { messages, errors };
}

function frame(message: unknown, header = ''): Buffer {
	const body = Buffer.from(JSON.stringify(message), 'utf8');
	return Buffer.concat([
		Buffer.from(`Content-Length: ${body.length}\r\n${header}\r\n`, 'latin1'),
		body,
	]);
}

const text = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.constantFrom('😀', 'é\r\n\r\n', '\u2028', 'Content-Length: 5', '\\"}'),
);
const message = fc.record({
	jsonrpc: fc.constant('2.0'),
	method: fc.constantFrom('textDocument/didOpen', 'x'),
	params: fc.record({ text, n: fc.integer() }),
});
const header = fc.constantFrom(
	'',
	'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n',
	'content-type: application/vscode-jsonrpc; charset=UTF8\r\n',
	'X-Other: 1\r\n',
);

describe('the stdio message framer', () => {
	it('gives every message whole and in order, however the reads are cut', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(message, header), { minLength: 1, maxLength: 6 }),
				fc.array(fc.nat(), { maxLength: 40 }),
				(framed, cuts) => {
					const bytes = Buffer.concat(framed.map(([each, extra]) => frame(each, extra)));
					const { messages, errors } = feed(bytes, cuts);
					assert.deepEqual(errors, []);
					const sent = framed.map(
						([each]) => JSON.parse(JSON.stringify(each)) as unknown,
					);
					assert.deepEqual(messages, sent);
				},
			),
			{ numRuns: 2000 },
		);
	});

	it('reads one byte at a time, as a slow pipe may give it', () => {
		const messages: Message[] = [
			{ jsonrpc: '2.0' },
			{ jsonrpc: '2.0', method: 'é😀', params: ['\r\n\r\n'] } as Message,
		];
		const bytes = Buffer.concat(messages.map((each) => frame(each)));
		const cuts = Array.from({ length: bytes.length }, (_, index) => index);
		assert.deepEqual(feed(bytes, cuts).messages, messages);
	});

	it('reports a broken header or body and goes on with the next message', () => {
		const good = { jsonrpc: '2.0', method: 'after' };
		const cases: [string, Buffer, RegExp][] = [
			['no length', Buffer.from('X-Other: 1\r\n\r\n', 'latin1'), /Content-Length property/],
			['a length that is no number', Buffer.from('Content-Length: x3\r\n\r\n'), /number/],
			['a negative length', Buffer.from('Content-Length: -4\r\n\r\n'), /number/],
			[
				'another charset',
				Buffer.from('Content-Length: 2\r\nContent-Type: x; charset=latin1\r\n\r\n{}'),
				/charset latin1/,
			],
			['a body that is not JSON', Buffer.from('Content-Length: 3\r\n\r\n{x}'), /JSON/],
		];
		for (const [name, broken, expected] of cases) {
			const { messages, errors } = feed(Buffer.concat([broken, frame(good)]), [3, 17]);
			assert.equal(errors.length, 1, name);
			assert.match(errors[0], expected, name);
			assert.deepEqual(messages, [good], name);
		}
	});

	it('reads headers as vscode-jsonrpc does: quoted charset, leading digits of the length', () => {
		const body = Buffer.from('{"jsonrpc":"2.0","method":"x"}');
		for (const header of [
			`Content-Length: ${body.length}\r\nContent-Type: a/b; charset="utf-8"\r\n\r\n`,
			`content-length:${body.length}x\r\n\r\n`,
			`Content-Length: +${body.length}\r\nX: y\r\n\r\n`,
		]) {
			const { messages, errors } = feed(Buffer.concat([Buffer.from(header), body]), [5]);
			assert.deepEqual(errors, [], header);
			assert.deepEqual(messages, [{ jsonrpc: '2.0', method: 'x' }], header);
		}
	});

	it('drops a header that never ends, and reads the messages after it', () => {
		const good = { jsonrpc: '2.0', method: 'after' };
		// What follows the dropped part is read as a header again: without a length, it is
		// reported too, and the message after its blank line arrives.
		const garbage = Buffer.concat([Buffer.alloc(70 * 1024, 'a'), Buffer.from('\r\n\r\n')]);
		const { messages, errors } = feed(Buffer.concat([garbage, frame(good)]), [1000, 65600]);
		assert.equal(errors.length, 2);
		assert.match(errors[0], /blank line/);
		assert.match(errors[1], /Content-Length property/);
		assert.deepEqual(messages, [good]);
	});

	it('skips a message declared larger than 1 GiB without holding it', () => {
		const { messages, errors } = feed(
			Buffer.from('Content-Length: 2147483648\r\n\r\n{"jsonrpc":"2.0"}'),
			[],
		);
		assert.deepEqual(messages, []);
		assert.match(errors[0], /limit is 1 GiB/);
	});

	it('gives an empty body to the JSON reading, which reports it', () => {
		const { messages, errors } = feed(Buffer.from('Content-Length: 0\r\n\r\n'), []);
		assert.deepEqual(messages, []);
		assert.equal(errors.length, 1);
	});
});
