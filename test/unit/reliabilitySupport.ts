/**
 * What the reliability tests share: the hostile type fixtures, range checks that hold for
 * every diagnostic of every input (inside the text, never between the halves of a surrogate
 * pair or between '\r' and '\n'), time bounds, and a check that nothing polluted a prototype.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Validator, doValidation } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import { loadTypes } from '../../server/src/sources/typeSources';
import type { LoadedTypes } from '../../server/src/sources/typeSources';
import { cliSettings } from '../helpers/engine';

/** The repository root, from out/test/unit. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const hostileRoot = path.join(repoRoot, 'test', 'fixtures', 'hostile');
export const hostileDocs = path.join(hostileRoot, 'types', 'pages');
export const hostileMetadata = path.join(hostileRoot, 'types', 'hostile_metadata.xml');
export const cliPath = path.join(repoRoot, 'bin', 'graph-fixtures.js');
export const noNetworkPreload = path.join(repoRoot, 'test', 'helpers', 'noNetwork.js');
export const recordReadsPreload = path.join(hostileRoot, 'recordReads.js');
export const heapProbePreload = path.join(hostileRoot, 'heapProbe.js');

/**
 * Time bounds are generous (the machine's cores are shared) and scale with
 * GRAPH_FIXTURES_TIME_SCALE for slower machines; what they catch is quadratic blow-up.
 */
export const timeScale = Number(process.env.GRAPH_FIXTURES_TIME_SCALE ?? '1') || 1;

export interface HostileEngine {
	loaded: LoadedTypes;
	validator: Validator;
}

let engine: Promise<HostileEngine> | undefined;

/** The hostile pages and metadata plus the bundled page, loaded once per process. */
export function hostileEngine(): Promise<HostileEngine> {
	engine ??= loadTypes({ docs: [hostileDocs], metadata: [hostileMetadata] }).then((loaded) => ({
		loaded,
		validator: new Validator(loaded.model),
	}));
	return engine;
}

export { cliSettings };

/** Validates like the CLI does (every file, syntax included), optionally as JSONC. */
export function validate(validator: Validator, text: string, jsonc = false): Problem[] {
	return doValidation(validator, text, { ...cliSettings, allowComments: jsonc });
}

function isHigh(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/** Why `offset` is not a position an editor can show in `text`, or undefined when it is. */
export function offsetFault(text: string, offset: number): string | undefined {
	if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
		return `offset ${offset} is outside 0..${text.length}`;
	}
	const before = text.charCodeAt(offset - 1);
	const after = text.charCodeAt(offset);
	if (isHigh(before) && isLow(after)) {
		return `offset ${offset} splits a surrogate pair`;
	}
	if (before === 13 && after === 10) {
		return `offset ${offset} lies between \\r and \\n`;
	}
	return undefined;
}

/** Why a range is not one an editor can show, or undefined when it is. */
export function rangeFault(text: string, offset: number, length: number): string | undefined {
	if (!Number.isInteger(length) || length < 0) {
		return `length ${length} is not a count`;
	}
	return offsetFault(text, offset) ?? offsetFault(text, offset + length);
}

/** Every problem and every fix of a problem covers a valid range of `text`. */
export function assertValidProblems(text: string, problems: readonly Problem[], label = ''): void {
	for (const problem of problems) {
		const fault = rangeFault(text, problem.offset, problem.length);
		assert.equal(fault, undefined, `${label} ${problem.code}: ${fault}`);
		assert.equal(typeof problem.message, 'string');
		for (const fix of problem.fixes ?? []) {
			const fixFault = rangeFault(text, fix.offset, fix.length);
			assert.equal(fixFault, undefined, `${label} fix of ${problem.code}: ${fixFault}`);
		}
	}
}

export interface LinePosition {
	line: number;
	character: number;
}

/** The lines of a text without their breaks; '\r\n', '\r' and '\n' each end a line (LSP). */
export function splitLines(text: string): string[] {
	return text.split(/\r\n|\r|\n/);
}

/** Why an LSP position is not on a character boundary of `lines`, or undefined. */
export function positionFault(
	lines: readonly string[],
	position: LinePosition,
): string | undefined {
	const { line, character } = position;
	if (!Number.isInteger(line) || line < 0 || line >= lines.length) {
		return `line ${line} is outside 0..${lines.length - 1}`;
	}
	const content = lines[line];
	if (!Number.isInteger(character) || character < 0 || character > content.length) {
		return `character ${character} is outside line ${line} (length ${content.length})`;
	}
	if (isHigh(content.charCodeAt(character - 1)) && isLow(content.charCodeAt(character))) {
		return `character ${character} of line ${line} splits a surrogate pair`;
	}
	return undefined;
}

/** An LSP range is valid when both ends are and the start is not after the end. */
export function lspRangeFault(
	lines: readonly string[],
	range: { start: LinePosition; end: LinePosition },
): string | undefined {
	const fault = positionFault(lines, range.start) ?? positionFault(lines, range.end);
	if (fault !== undefined) {
		return fault;
	}
	const { start, end } = range;
	const isOrdered =
		start.line < end.line || (start.line === end.line && start.character <= end.character);
	return isOrdered ? undefined : `range ends before it starts`;
}

/** Runs `action` and fails when it took longer than `ms` (scaled); returns its result. */
export function withinMs<T>(ms: number, label: string, action: () => T): T {
	const started = performance.now();
	const result = action();
	const elapsed = performance.now() - started;
	assert.ok(
		elapsed < ms * timeScale,
		`${label} took ${Math.round(elapsed)} ms (bound ${ms * timeScale} ms)`,
	);
	return result;
}

/** Like withinMs, for asynchronous work. */
export async function withinMsAsync<T>(
	ms: number,
	label: string,
	action: () => Promise<T>,
): Promise<T> {
	const started = performance.now();
	const result = await action();
	const elapsed = performance.now() - started;
	assert.ok(
		elapsed < ms * timeScale,
		`${label} took ${Math.round(elapsed)} ms (bound ${ms * timeScale} ms)`,
	);
	return result;
}

const prototypes: [string, object][] = [
	['Object.prototype', Object.prototype],
	['Array.prototype', Array.prototype],
	['Function.prototype', Function.prototype],
	['String.prototype', String.prototype],
];

/** The own keys of the built-in prototypes, to compare after hostile input. */
export function prototypeSnapshot(): string[] {
	return prototypes.flatMap(([name, value]) =>
		Reflect.ownKeys(value).map((key) => `${name}.${String(key)}`),
	);
}

/** Fails when a key was added to a built-in prototype, or a polluted name reads through `{}`. */
export function assertNoPollution(before: readonly string[]): void {
	assert.deepEqual(prototypeSnapshot(), before);
	const probe: Record<string, unknown> = {};
	for (const name of ['polluted', 'isAdmin', 'x', 'y']) {
		assert.equal(probe[name], undefined, `{}.${name} is defined: a prototype was polluted`);
	}
}
