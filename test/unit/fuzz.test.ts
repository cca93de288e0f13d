/**
 * Property-based tests of the engine with fast-check: fixtures truncated, with characters
 * flipped, pieces swapped, deep nesting, huge numbers, lone surrogates, byte order marks, CRLF
 * and CR line ends and NUL characters. Validation and every language feature must answer
 * without throwing, in a bounded time, with ranges on valid UTF-16 positions of the document.
 *
 * A failure prints fast-check's seed and path; replay with GRAPH_FIXTURES_FUZZ_SEED (and
 * GRAPH_FIXTURES_FUZZ_PATH). GRAPH_FIXTURES_FUZZ_RUNS scales the runs (tools/fuzz.mjs).
 */
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/service';
import type { Validator } from '../../server/src/service';
import { getCodeActions } from '../../server/src/service/codeActions';
import { doComplete } from '../../server/src/service/completion';
import { findDefinition } from '../../server/src/service/definition';
import { doHover } from '../../server/src/service/hover';
import type { TypeModel } from '../../server/src/model/typeModel';
import type { JSONNode } from '../../server/src/json';
import { visitNodes } from '../../server/src/json';
import { fuzzParameters, mutatedFixture } from './fuzzInputs';
import {
	assertValidProblems,
	hostileEngine,
	lspRangeFault,
	offsetFault,
	rangeFault,
	splitLines,
	validate,
	withinMs,
} from './reliabilitySupport';

let validator: Validator;
let model: TypeModel;

before(async () => {
	const engine = await hostileEngine();
	validator = engine.validator;
	model = engine.loaded.model;
});

/** Every node of the tree lies inside the text, on valid positions. */
function assertValidTree(text: string, root: JSONNode | undefined): void {
	if (root === undefined) {
		return;
	}
	visitNodes(root, (node) => {
		const fault = rangeFault(text, node.offset, node.length);
		assert.equal(fault, undefined, `${node.type} node: ${fault}`);
		return true;
	});
}

function assertRange(lines: string[], range: Range | undefined, label: string): void {
	if (range !== undefined) {
		assert.equal(lspRangeFault(lines, range), undefined, label);
	}
}

/** Runs every feature at `offset`; results must hold valid ranges. */
function exerciseFeatures(document: TextDocument, text: string, offset: number): void {
	const json = parseDocument(text, document.languageId === 'jsonc');
	const lines = splitLines(text);
	const options = { model, apiVersion: 'beta' as const, snippetSupport: true };
	const completion = doComplete(document, json, offset, options);
	for (const item of completion.items) {
		const edit = item.textEdit;
		assertRange(
			lines,
			edit && 'range' in edit ? edit.range : undefined,
			`completion ${item.label}`,
		);
		for (const extra of item.additionalTextEdits ?? []) {
			assertRange(lines, extra.range, `completion extra edit ${item.label}`);
		}
	}
	assertRange(lines, doHover(document, json, offset, options)?.range, 'hover');
	findDefinition(json, offset, options);
	const position = document.positionAt(offset);
	const diagnostics = validate(validator, text).map((problem) => ({
		range: {
			start: document.positionAt(problem.offset),
			end: document.positionAt(problem.offset + problem.length),
		},
		message: problem.message,
		data: {
			fixes: (problem.fixes ?? []).map((fix) => ({
				title: fix.title,
				newText: fix.newText,
				range: {
					start: document.positionAt(fix.offset),
					end: document.positionAt(fix.offset + fix.length),
				},
			})),
		},
	}));
	const actions = getCodeActions(
		document,
		json,
		{ start: position, end: position },
		diagnostics,
		options,
	);
	for (const action of actions) {
		for (const edit of Object.values(action.edit?.changes ?? {}).flat()) {
			assertRange(lines, edit.range, `code action ${action.title}`);
		}
	}
}

const { numRuns, seed, path: replayPath, timeLimitMs } = fuzzParameters(150);

function run<T>(arbitrary: fc.Arbitrary<T>, property: (value: T) => void): void {
	fc.assert(fc.property(arbitrary, property), {
		numRuns,
		seed,
		path: replayPath,
		interruptAfterTimeLimit: timeLimitMs,
		markInterruptAsFailure: false,
		includeErrorInReport: true,
	});
}

/** Validation never throws, stays quick, and every range it gives is valid. */
function checkValidation(text: string, jsonc: boolean): void {
	const problems = withinMs(2000, 'validation', () => validate(validator, text, jsonc));
	assertValidProblems(text, problems);
	assertValidTree(text, parseDocument(text, jsonc).root);
}

/** Inputs fuzzing once failed on, replayed on every run. */
const foundFaults: [input: string, fault: string][] = [
	['/*', 'an unterminated block comment right after its opener ended past the text'],
	['{"a": 1 /*\r\n', 'an unterminated block comment ending in CRLF ended past the text'],
];

describe('fuzz: the engine on mutated fixtures', () => {
	for (const [input, fault] of foundFaults) {
		it(`validates ${JSON.stringify(input)} (once: ${fault})`, () => {
			checkValidation(input, false);
			checkValidation(input, true);
		});
	}

	it('validates any mutated fixture without throwing, quickly, with valid ranges', () => {
		run(fc.tuple(mutatedFixture, fc.boolean()), ([text, jsonc]) =>
			checkValidation(text, jsonc),
		);
	});

	it('answers completion, hover, definition and code actions anywhere in a mutated fixture', () => {
		const cursor = fc.tuple(
			mutatedFixture,
			fc.double({ min: 0, max: 1, noNaN: true }),
			fc.boolean(),
		);
		run(cursor, ([text, where, jsonc]) => {
			const document = TextDocument.create(
				'file:///fuzz.json',
				jsonc ? 'jsonc' : 'json',
				1,
				text,
			);
			let offset = Math.floor(where * text.length);
			while (offsetFault(text, offset) !== undefined) {
				offset--;
			}
			withinMs(2000, 'features', () => exerciseFeatures(document, text, offset));
		});
	});

	it('answers features at offsets no editor sends: negative, past the end, inside a pair', () => {
		const cursor = fc.tuple(mutatedFixture, fc.integer({ min: -3, max: 3 }), fc.boolean());
		run(cursor, ([text, shift, atEnd]) => {
			const document = TextDocument.create('file:///fuzz.json', 'json', 1, text);
			const offset = (atEnd ? text.length : 0) + shift;
			const json = parseDocument(text, false);
			const options = { model, apiVersion: 'beta' as const, snippetSupport: false };
			doComplete(document, json, offset, options);
			doHover(document, json, offset, options);
			findDefinition(json, offset, options);
		});
	});
});
