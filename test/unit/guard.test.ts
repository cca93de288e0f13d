import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationToken } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';
import { guard, guardNotification, registerRequest } from '../../server/src/handlers/guard';
import { checkDocumentPosition, checkObject } from '../../server/src/handlers/params';
import { Logger } from '../../server/src/log';

/** A logger that keeps its lines as `level: text`. */
function recordingLogger(): { log: Logger; lines: string[] } {
	const lines: string[] = [];
	const record = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
	const console = { error: record('error'), warn: record('warn'), info: record('info') };
	const log = new Logger(console as never, { log: record('verbose') });
	return { log, lines };
}

const spec = { method: 'textDocument/hover', empty: null, check: checkDocumentPosition };
const at = { textDocument: { uri: 'untitled:a.json' }, position: { line: 0, character: 0 } };

describe('guard', () => {
	it('answers malformed params with the empty result and one warning per fault', async () => {
		const { log, lines } = recordingLogger();
		let calls = 0;
		const handler = guard(log, spec, () => ++calls);
		for (const params of [null, null, { textDocument: {} }]) {
			assert.equal(await handler(params, CancellationToken.None), null);
		}
		assert.equal(calls, 0);
		assert.deepEqual(lines, [
			'warn: textDocument/hover: params are null, not an object; answered null.',
			'warn: textDocument/hover: textDocument.uri is not a string; answered null.',
		]);
	});

	it('logs a handler that throws on good params as our bug, with its stack', async () => {
		const { log, lines } = recordingLogger();
		const handler = guard(log, spec, () => {
			throw new TypeError('boom');
		});
		assert.equal(await handler(at, CancellationToken.None), null);
		assert.equal(lines.length, 1);
		assert.match(
			lines[0],
			/^error: textDocument\/hover failed; answered null\.\nTypeError: boom\n\s+at /,
		);
	});

	it('passes what the JSON-RPC layer gives a handler registered by name: nothing, one value, or positional params', async () => {
		const { log } = recordingLogger();
		let registered: ((...args: unknown[]) => Promise<unknown>) | undefined;
		const connection = {
			onRequest: (_method: string, handler: typeof registered) => (registered = handler),
		};
		const seen: unknown[] = [];
		const check = (params: unknown) => (seen.push(params), undefined);
		registerRequest(connection as unknown as Connection, log, { ...spec, check }, () => 1);
		await registered!(CancellationToken.None);
		await registered!(at, CancellationToken.None);
		await registered!(1, 2, CancellationToken.None);
		assert.deepEqual(seen, [undefined, at, [1, 2]]);
	});

	it('ignores a malformed notification with one warning', async () => {
		const { log, lines } = recordingLogger();
		let calls = 0;
		const handler = guardNotification(
			log,
			'workspace/didChangeConfiguration',
			checkObject,
			() => {
				calls++;
			},
		);
		await handler(null);
		await handler({ settings: null });
		assert.equal(calls, 1);
		assert.deepEqual(lines, [
			'warn: workspace/didChangeConfiguration: params are null, not an object; ignored.',
		]);
	});
});
