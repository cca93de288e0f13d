/**
 * The inputs of the fuzz tests: well-formed fixtures of the hostile types, and fast-check
 * arbitraries that break them the ways files break: truncated, characters flipped or inserted,
 * pieces swapped, line ends changed, wrapped in deep nesting, huge numbers, lone surrogates,
 * byte order marks and NUL characters.
 */
import fc from 'fast-check';

const node = '#microsoft.graph.hostileNode';

/** Fixtures that are valid, or nearly so, before mutation: every value rule is reached. */
export const baseFixtures: readonly string[] = [
	JSON.stringify(
		{
			'@odata.context': 'https://graph.microsoft.com/beta/$metadata#nodes/$entity',
			'@odata.type': node,
			'@odata.etag': 'W/"1"',
			label: 'caf\u00e9 \u{1F600}',
			count: 42,
			big: '9223372036854775807',
			ratio: 'INF',
			amount: '12.50',
			when: '2024-02-29T23:59:59.5+14:00',
			day: '2024-12-31',
			time: '08:00:00.0000000',
			span: 'P1DT2H',
			id: '0c5c4d2e-7a1e-4f7b-9a51-2d0b7f0e1a11',
			content: 'aGVsbG8=',
			flag: true,
			mode: 'on',
			modes: ['on', 'off'],
			child: { label: 'inner', count: 1, child: { mode: 'off' } },
			children: [{ '@odata.type': node, count: 2 }, { label: null }],
			payload: { any: [1, { deep: null }] },
			'label@odata.type': '#String',
		},
		null,
		'\t',
	),
	JSON.stringify({
		'@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#records',
		'@odata.count': 2,
		'@odata.nextLink': 'https://graph.microsoft.com/v1.0/records?$skip=2',
		value: [
			{
				'@odata.type': '#microsoft.graph.hostileRecord',
				constructor: 1,
				flags: 'a,aa',
				prototype: null,
			},
			{
				'@odata.type': 'microsoft.graph.hostileRecord',
				constructor: 2,
				items: [{ constructor: 3 }],
			},
			{ '@odata.type': '#microsoft.graph.cycleA', fromA: 'x', fromB: 1 },
		],
	}),
	[
		'// A JSONC fixture: comments and trailing commas',
		'{',
		`\t"@odata.type": "${node}", /* the tag */`,
		'\t"count": 1.5,',
		'\t"when": "2024-02-30T10:00:00",',
		'\t"mode": "On",',
		'\t"colour": "red",',
		'\t"children": [{ "count": "x" }, 1,],',
		'}',
	].join('\n'),
	'{"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "actionState": "fail", "errorCode": "x"}',
];

/** Characters and snippets that confuse scanners, line counters and UTF-16 arithmetic. */
const hostilePieces: readonly string[] = [
	'{',
	'}',
	'[',
	']',
	'"',
	':',
	',',
	'\\',
	'/',
	'*',
	'/*',
	'//',
	'*/',
	'\\u',
	'\\uD800',
	'\r',
	'\n',
	'\r\n',
	'\n\r',
	'\u2028',
	'\t',
	' ',
	'\u0000',
	'\uFEFF',
	'\uD800',
	'\uDC00',
	'\uDBFF\uDFFF',
	'\u{1F600}',
	'e',
	'-',
	'.',
	'0',
	'1e999',
	'-0.0e-0',
	'NaN',
	'Infinity',
	'true',
	'null',
	'"@odata.type":',
	`"${node}"`,
	'"#microsoft.graph.cycleB"',
	'"__proto__":',
	'"constructor":',
	'{"@odata.type":1}',
	'"@odata.count":',
	'"#microsoft.graph.hostileNode.child"',
	'9'.repeat(400),
	'1'.repeat(40) + '.' + '1'.repeat(40),
];

const piece = fc.oneof(
	fc.constantFrom(...hostilePieces),
	fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
	fc.string({ unit: 'binary', maxLength: 4 }),
);

type Mutation = (text: string) => string;

/** A position in the text, chosen as a fraction so that it fits any length. */
const at = fc.double({ min: 0, max: 1, noNaN: true });

function index(text: string, where: number): number {
	return Math.min(text.length, Math.floor(where * (text.length + 1)));
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	at.map(
		(where): Mutation =>
			(text) =>
				text.slice(0, index(text, where)),
	),
	fc.tuple(at, piece).map(([where, inserted]): Mutation => (text) => {
		const i = index(text, where);
		return text.slice(0, i) + inserted + text.slice(i);
	}),
	fc.tuple(at, piece).map(([where, flipped]): Mutation => (text) => {
		const i = index(text, where);
		return text.slice(0, i) + flipped + text.slice(i + 1);
	}),
	fc.tuple(at, at).map(([from, to]): Mutation => (text) => {
		const [a, b] = [index(text, from), index(text, to)].sort((x, y) => x - y);
		return text.slice(0, a) + text.slice(b);
	}),
	fc.tuple(at, at, at).map(([first, second, third]): Mutation => (text) => {
		const [a, b, c] = [first, second, third]
			.map((where) => index(text, where))
			.sort((x, y) => x - y);
		return text.slice(0, a) + text.slice(b, c) + text.slice(a, b) + text.slice(c);
	}),
	fc.constantFrom<Mutation>(
		(text) => text.replace(/\n/g, '\r\n'),
		(text) => text.replace(/\n/g, '\r'),
		(text) => `\uFEFF${text}`,
		(text) => text.replace(/"/g, "'"),
		(text) => text.replace(/:/g, ''),
		(text) => text.replace(/,/g, ',,'),
		(text) => text.replace(/[0-9]+/g, (digits) => digits.repeat(30)),
		(text) => text.replace(/"([a-z]+)":/g, '"$1":0,"$1":'),
	),
	fc
		.tuple(
			fc.integer({ min: 1, max: 3000 }),
			fc.constantFrom('[', '{"a":', `{"@odata.type":"${node}","child":`),
		)
		.map(
			([depth, opener]): Mutation =>
				(text) =>
					opener.repeat(depth) + text,
		),
);

/** A base fixture or random JSON, then one to six mutations. */
export const mutatedFixture: fc.Arbitrary<string> = fc
	.tuple(
		fc.oneof(
			{ weight: 3, arbitrary: fc.constantFrom(...baseFixtures) },
			{ weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
		),
		fc.array(mutation, { minLength: 1, maxLength: 6 }),
	)
	.map(([text, mutations]) => mutations.reduce((current, apply) => apply(current), text));

export interface FuzzParameters {
	numRuns: number;
	seed: number | undefined;
	path: string | undefined;
	/** Each property stops (without failing) after this long; a long fuzz run raises it. */
	timeLimitMs: number;
}

/** Runs and replay settings from the environment (see tools/fuzz.mjs). */
export function fuzzParameters(defaultRuns: number): FuzzParameters {
	const runs = Number(process.env.GRAPH_FIXTURES_FUZZ_RUNS);
	const seed = Number(process.env.GRAPH_FIXTURES_FUZZ_SEED);
	const seconds = Number(process.env.GRAPH_FIXTURES_FUZZ_SECONDS);
	return {
		numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns,
		seed: Number.isInteger(seed) ? seed : undefined,
		path: process.env.GRAPH_FIXTURES_FUZZ_PATH || undefined,
		timeLimitMs: seconds > 0 ? seconds * 1000 : 8000,
	};
}
