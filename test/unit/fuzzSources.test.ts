/**
 * Property-based tests of the readers: reference pages and CSDL documents, real ones from the
 * shared Graph docs and the hostile fixtures, truncated, with characters flipped or inserted,
 * lines swapped or repeated. Reading never throws, stays quick, reports problems on lines of
 * the text, and the model built from what was read answers lookups and validation.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TypeModel } from '../../server/src/model/typeModel';
import type { SourceProblem, TypeDefinition } from '../../server/src/model/types';
import { Validator } from '../../server/src/service';
import { parseCsdl } from '../../server/src/sources/csdl/parse';
import { parsePage } from '../../server/src/sources/pages/page';
import { resolvePages } from '../../server/src/sources/pages/resolve';
import { fuzzParameters } from './fuzzInputs';
import { hostileDocs, hostileMetadata, repoRoot, validate, withinMs } from './reliabilitySupport';

const resources = path.resolve(
	repoRoot,
	'..',
	'shared',
	'graph-docs',
	'api-reference',
	'beta',
	'resources',
);

/** Real pages when the shared docs are there, and the hostile fixtures always. */
function samplePages(): string[] {
	const names = fs.existsSync(resources)
		? fs.readdirSync(resources).filter((name) => name.endsWith('.md'))
		: [];
	const picked = names
		.filter((_, index) => index % 40 === 0)
		.map((name) => path.join(resources, name));
	const hostile = fs.readdirSync(hostileDocs).map((name) => path.join(hostileDocs, name));
	return [...picked, ...hostile].map((file) => fs.readFileSync(file, 'utf8'));
}

const pages = samplePages();
const metadata = [
	fs.readFileSync(hostileMetadata, 'utf8'),
	fs.readFileSync(
		path.join(repoRoot, 'test', 'fixtures', 'validation', 'sample_metadata.xml'),
		'utf8',
	),
];

const pieces = [
	'|',
	'\n',
	'\r\n',
	'\r',
	'`',
	'*',
	'_',
	'[',
	']',
	'(',
	')',
	'#',
	'<!--',
	'-->',
	'<',
	'>',
	'/>',
	'"',
	'&',
	'&lt;',
	'\u0000',
	'\uFEFF',
	'\uD800',
	'\u{1F600}',
	'Collection(',
	'Edm.',
	'../',
	'Inherits from ',
];

const at = fc.double({ min: 0, max: 1, noNaN: true });

type Mutation = (text: string) => string;

function index(text: string, where: number): number {
	return Math.min(text.length, Math.floor(where * (text.length + 1)));
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	at.map(
		(where): Mutation =>
			(text) =>
				text.slice(0, index(text, where)),
	),
	fc.tuple(at, fc.constantFrom(...pieces)).map(([where, piece]): Mutation => (text) => {
		const i = index(text, where);
		return text.slice(0, i) + piece + text.slice(i + 1);
	}),
	fc
		.tuple(at, fc.constantFrom(...pieces), fc.integer({ min: 1, max: 500 }))
		.map(([where, piece, times]): Mutation => (text) => {
			const i = index(text, where);
			return text.slice(0, i) + piece.repeat(times) + text.slice(i);
		}),
	fc.tuple(at, at).map(([first, second]): Mutation => (text) => {
		const lines = text.split('\n');
		const [a, b] = [
			index(lines.join(''), first) % lines.length,
			index(lines.join(''), second) % lines.length,
		];
		[lines[a], lines[b]] = [lines[b], lines[a]];
		return lines.join('\n');
	}),
	fc.tuple(at, fc.integer({ min: 2, max: 2000 })).map(([where, times]): Mutation => (text) => {
		const lines = text.split('\n');
		const line = lines[index(text, where) % lines.length];
		return [...lines, ...Array<string>(times).fill(line)].join('\n');
	}),
);

function mutated(sources: string[]): fc.Arbitrary<string> {
	return fc
		.tuple(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 5 }))
		.map(([text, mutations]) => mutations.reduce((current, apply) => apply(current), text));
}

/** Problems name lines of the text (zero-based). */
function assertProblemLines(text: string, problems: readonly SourceProblem[]): void {
	const lineCount = text.split(/\r\n|\r|\n/).length;
	for (const problem of problems) {
		assert.ok(
			Number.isInteger(problem.line) && problem.line >= 0 && problem.line < lineCount,
			`line ${problem.line} of ${lineCount}`,
		);
		assert.equal(typeof problem.message, 'string');
	}
}

/** A model over what was read answers a lookup and a validation of each type. */
function assertUsable(types: TypeDefinition[]): void {
	const model = new TypeModel(types);
	const validator = new Validator(model);
	for (const type of types.slice(0, 5)) {
		model.find(type.name, 'beta');
		validate(validator, `{"@odata.type": ${JSON.stringify(`#${type.name}`)}, "x": 1}`);
	}
}

const { numRuns, seed, path: replayPath, timeLimitMs } = fuzzParameters(60);
const settings = {
	numRuns,
	seed,
	path: replayPath,
	interruptAfterTimeLimit: timeLimitMs,
	markInterruptAsFailure: false,
	includeErrorInReport: true,
};

describe('fuzz: the readers on mutated pages and metadata', () => {
	it('reads any mutated reference page without throwing, quickly', () => {
		fc.assert(
			fc.property(mutated(pages), (text) => {
				const page = withinMs(2000, 'page', () =>
					parsePage('/docs/beta/resources/fuzz.md', text),
				);
				assertProblemLines(text, page.problems);
				assertUsable(resolvePages([page]));
			}),
			settings,
		);
	});

	it('reads any mutated $metadata document without throwing, quickly', () => {
		fc.assert(
			fc.property(mutated(metadata), (text) => {
				const result = withinMs(2000, 'metadata', () =>
					parseCsdl('/meta/fuzz_beta.xml', text),
				);
				assertProblemLines(text, result.problems);
				assertUsable([...result.types]);
			}),
			settings,
		);
	});
});
