import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { defaultSettings } from '../../server/src/protocol';

// Compiled to out/test/unit/, three levels below the repository root.
const root = path.resolve(__dirname, '../../..');
const manifest = readJson('package.json');
const properties: Record<string, SettingSchema> = manifest.contributes.configuration.properties;

interface SettingSchema {
	type: string;
	default: unknown;
	scope: string;
	markdownDescription: string;
	enum?: string[];
	properties?: Record<string, SettingSchema>;
}

/** Settings the language client itself reads; the server never sees them. */
const clientOnlySettings = ['graphFixtures.trace.server'];

/** The diagnostic codes of DESIGN.md ("Diagnostic codes and ranges"). */
const diagnosticCodes = [
	'syntax-error',
	'unknown-type',
	'incompatible-type',
	'unknown-property',
	'duplicate-property',
	'type-mismatch',
	'out-of-range',
	'invalid-format',
	'invalid-enum-value',
	'not-nullable',
	'invalid-tag',
	'unknown-annotation',
	'not-checked',
];

function readJson(file: string) {
	return JSON.parse(readFileSync(path.join(root, file), 'utf8'));
}

/** Dotted setting keys of a settings object; objects without keys (like `severity`) are leaves. */
function flatten(value: object, prefix: string): Map<string, unknown> {
	const keys = new Map<string, unknown>();
	for (const [key, child] of Object.entries(value)) {
		const name = `${prefix}.${key}`;
		const isBranch = typeof child === 'object' && child !== null && !Array.isArray(child);
		if (isBranch && Object.keys(child).length > 0) {
			flatten(child, name).forEach((leaf, leafName) => keys.set(leafName, leaf));
		} else {
			keys.set(name, child);
		}
	}
	return keys;
}

describe('contributed settings', () => {
	const serverSettings = flatten(defaultSettings, 'graphFixtures');
	const contributed = Object.keys(properties).filter((key) => !clientOnlySettings.includes(key));

	it('contributes every field of the server Settings type', () => {
		assert.deepEqual([...serverSettings.keys()].sort(), contributed.sort());
	});

	it('declares the same defaults as the server', () => {
		for (const [key, value] of serverSettings) {
			assert.deepEqual(properties[key]?.default, value, key);
		}
	});

	it('gives every setting a type, a default, a scope and a markdown description', () => {
		for (const [key, schema] of Object.entries(properties)) {
			assert.ok(schema.type, `${key} has a type`);
			assert.ok('default' in schema, `${key} has a default`);
			assert.ok(['window', 'resource', 'machine', 'application'].includes(schema.scope), key);
			assert.ok(schema.markdownDescription.length > 20, `${key} has a description`);
		}
	});

	it('offers every diagnostic code in the severity setting with the five levels', () => {
		const severity = properties['graphFixtures.severity'];
		assert.deepEqual(
			Object.keys(severity?.properties ?? {}).sort(),
			[...diagnosticCodes].sort(),
		);
		for (const [code, level] of Object.entries(severity?.properties ?? {})) {
			assert.deepEqual(level.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
		}
	});

	it('offers exactly the two API versions, beta first', () => {
		assert.deepEqual(properties['graphFixtures.apiVersion']?.enum, ['beta', 'v1.0']);
	});

	it('says in the syntaxErrors description that the VS Code client always sends false', () => {
		assert.match(properties['graphFixtures.syntaxErrors']?.markdownDescription ?? '', /false/);
	});

	it('offers the trace levels of the language client', () => {
		assert.deepEqual(properties['graphFixtures.trace.server']?.enum, [
			'off',
			'messages',
			'verbose',
		]);
	});
});

describe('contributed commands', () => {
	const commands: { command: string; title: string; category: string }[] =
		manifest.contributes.commands;
	const clientSource = readFileSync(path.join(root, 'client/src/commandIds.ts'), 'utf8');
	const registered = [...clientSource.matchAll(/'(graphFixtures\.\w+)'/g)].map((m) => m[1]);

	it('contributes exactly the commands the client registers', () => {
		const ids = commands.map((command) => command.command).sort();
		const contextKeys = ['graphFixtures.isActive', 'graphFixtures.isServerRunning'];
		assert.deepEqual(ids, registered.filter((id) => !contextKeys.includes(id)).sort());
	});

	it('gives every command a title in the Graph Fixtures category', () => {
		for (const command of commands) {
			assert.equal(command.category, 'Graph Fixtures', command.command);
			assert.ok(command.title.length > 0, command.command);
		}
	});

	it('hides every command from the palette until it can work', () => {
		const palette: { command: string; when: string }[] =
			manifest.contributes.menus.commandPalette;
		assert.deepEqual(
			palette.map((entry) => entry.command).sort(),
			commands.map((command) => command.command).sort(),
		);
		for (const entry of palette) {
			assert.match(entry.when, /graphFixtures\.is(Active|ServerRunning)/, entry.command);
		}
	});
});

describe('activation and capabilities', () => {
	it('activates on JSON and JSON with Comments documents', () => {
		assert.deepEqual(manifest.activationEvents, ['onLanguage:json', 'onLanguage:jsonc']);
	});

	it('starts from the bundled client', () => {
		assert.equal(manifest.main, './dist/client.js');
	});

	it('restricts the path settings in an untrusted workspace', () => {
		const untrusted = manifest.capabilities.untrustedWorkspaces;
		assert.equal(untrusted.supported, 'limited');
		assert.deepEqual(untrusted.restrictedConfigurations, [
			'graphFixtures.docs',
			'graphFixtures.metadata',
		]);
		assert.ok(untrusted.description.length > 20);
	});

	it('ships the icon it names', () => {
		assert.ok(existsSync(path.join(root, manifest.icon)), manifest.icon);
	});
});

interface GrammarRule {
	name?: string;
	match?: string;
	begin?: string;
	end?: string;
	include?: string;
	patterns?: GrammarRule[];
}

interface Grammar {
	scopeName: string;
	injectionSelector: string;
	patterns: GrammarRule[];
	repository: Record<string, GrammarRule>;
}

describe('OData injection grammar', () => {
	const contribution = manifest.contributes.grammars[0];
	const grammar: Grammar = readJson(contribution.path);
	const rules = grammar.repository;

	it('is injected into JSON and JSON with Comments under its own scope name', () => {
		assert.deepEqual(contribution.injectTo, ['source.json', 'source.json.comments']);
		assert.equal(contribution.scopeName, grammar.scopeName);
		assert.equal(contribution.language, undefined);
		const selectors = grammar.injectionSelector.split(',').map((part) => part.trim());
		assert.deepEqual(
			selectors.map((selector) => selector.split(' ')[0]),
			['L:source.json', 'L:source.json.comments'],
		);
	});

	it('includes only its own rules and the JSON grammar values', () => {
		const includes = JSON.stringify(grammar).matchAll(/"include":"([^"]+)"/g);
		for (const [, include] of includes) {
			const isOwn = include?.startsWith('#') === true && include.slice(1) in rules;
			assert.ok(isOwn || include === 'source.json#value', include);
		}
	});

	// JavaScript regular expressions stand in for Oniguruma: the patterns use only syntax the two
	// share (classes, \w, non-capturing groups, lookahead).
	const typeMember = new RegExp(rules.typeAnnotationMember?.begin ?? '', 'g');
	const typeName = new RegExp(rules.typeName?.match ?? '', 'y');
	const annotationKey = new RegExp(rules.annotationKey?.match ?? '', 'g');

	/** What the grammar scopes on one line: annotation keys and `@odata.type` values. */
	function scan(line: string): { keys: string[]; types: string[] } {
		const keys: string[] = [];
		const types: string[] = [];
		const taken = new Set<number>();
		for (const member of line.matchAll(typeMember)) {
			keys.push(member[1] ?? '');
			taken.add(member.index ?? -1);
			typeName.lastIndex = (member.index ?? 0) + member[0].length;
			typeName.lastIndex += /^\s*/.exec(line.slice(typeName.lastIndex))?.[0].length ?? 0;
			const value = typeName.exec(line);
			if (value !== null) {
				types.push(value[0]);
			}
		}
		for (const key of line.matchAll(annotationKey)) {
			if (!taken.has(key.index ?? -1)) {
				keys.push(key[0]);
			}
		}
		return { keys, types };
	}

	const cases: { what: string; line: string; keys: string[]; types: string[] }[] = [
		{
			what: 'an @odata.type key and its type name',
			line: '{ "@odata.type": "#microsoft.graph.user", "id": "1" }',
			keys: ['"@odata.type"'],
			types: ['"#microsoft.graph.user"'],
		},
		{
			what: 'a property type annotation and its type name, space before the colon',
			line: '\t"manager@odata.type" : "microsoft.graph.user",',
			keys: ['"manager@odata.type"'],
			types: ['"microsoft.graph.user"'],
		},
		{
			what: 'an instance annotation key but not its value',
			line: '  "@odata.etag": "W/\\"3\\"",',
			keys: ['"@odata.etag"'],
			types: [],
		},
		{
			what: 'a property annotation key',
			line: '"value@odata.nextLink": "https://graph.microsoft.com/beta/users?$skiptoken=x"',
			keys: ['"value@odata.nextLink"'],
			types: [],
		},
		{
			what: 'a custom namespace annotation key',
			line: '"@microsoft.graph.tips": "x",',
			keys: ['"@microsoft.graph.tips"'],
			types: [],
		},
		{
			what: 'an annotation key with no space before its value',
			line: '"@odata.context":"https://graph.microsoft.com/beta/$metadata#users"',
			keys: ['"@odata.context"'],
			types: [],
		},
		{
			what: 'an @odata.type key whose value is not a string, without a type name',
			line: '"@odata.type": { "nested": true },',
			keys: ['"@odata.type"'],
			types: [],
		},
		{
			what: 'nothing in an e-mail address value',
			line: '"mail": "someone@contoso.com",',
			keys: [],
			types: [],
		},
		{
			what: 'nothing in keys without @ or without a namespace',
			line: '"odata.type": "#x", "@type": "y"',
			keys: [],
			types: [],
		},
		{
			what: 'nothing in annotation names used as array items',
			line: '["@odata.type", "@odata.etag"]',
			keys: [],
			types: [],
		},
		{ what: 'nothing in a plain member', line: '"displayName": "Adele"', keys: [], types: [] },
	];

	for (const { what, line, keys, types } of cases) {
		it(`scopes ${what}`, () => {
			assert.deepEqual(scan(line), { keys, types });
		});
	}

	it('gives annotation keys and type names scopes of their own', () => {
		assert.match(
			rules.annotationKey?.name ?? '',
			/support\.type\.property-name\.annotation\.odata\.json$/,
		);
		assert.match(rules.typeName?.name ?? '', /entity\.name\.type\.odata\.json$/);
	});

	it('ends the @odata.type value where the JSON grammar ends a value', () => {
		assert.equal(rules.typeAnnotationMember?.end, '(,)|(?=\\})');
	});
});

/** VS Code's own TextMate engine, as .ci/e2e-setup.sh installs it with code-server. */
const vscodeRoot = '/var/cache/graph-fixtures/code-server/node_modules/code-server/lib/vscode';
const hasTextMate = existsSync(path.join(vscodeRoot, 'node_modules/vscode-textmate'));

interface Token {
	text: string;
	scopes: string;
}

async function tokenizeInVSCode(rootScope: string, text: string): Promise<Token[]> {
	const modules = path.join(vscodeRoot, 'node_modules');
	const textmate = require(path.join(modules, 'vscode-textmate'));
	const oniguruma = require(path.join(modules, 'vscode-oniguruma'));
	const wasm = readFileSync(path.join(modules, 'vscode-oniguruma/release/onig.wasm'));
	const grammarFiles: Record<string, string> = {
		'source.json': path.join(vscodeRoot, 'extensions/json/syntaxes/JSON.tmLanguage.json'),
		'source.json.comments': path.join(
			vscodeRoot,
			'extensions/json/syntaxes/JSONC.tmLanguage.json',
		),
		'odata.injection': path.join(root, 'syntaxes/odata.injection.tmLanguage.json'),
	};
	const registry = new textmate.Registry({
		onigLib: oniguruma.loadWASM(wasm).then(() => ({
			createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
			createOnigString: (line: string) => new oniguruma.OnigString(line),
		})),
		loadGrammar: async (scope: string) => {
			const file = grammarFiles[scope];
			return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
		},
		getInjections: (scope: string) =>
			manifest.contributes.grammars[0].injectTo.includes(scope) ? ['odata.injection'] : [],
	});
	const grammar = await registry.loadGrammar(rootScope);
	const tokens: Token[] = [];
	let state = textmate.INITIAL;
	for (const line of text.split('\n')) {
		const result = grammar.tokenizeLine(line, state);
		for (const token of result.tokens as {
			startIndex: number;
			endIndex: number;
			scopes: string[];
		}[]) {
			tokens.push({
				text: line.slice(token.startIndex, token.endIndex),
				scopes: token.scopes.join(' '),
			});
		}
		state = result.ruleStack;
	}
	return tokens;
}

describe('OData injection grammar in VS Code', () => {
	const document = [
		'{',
		'\t"@odata.type": "#microsoft.graph.user", // the tag',
		'\t// "@odata.etag": "commented out",',
		'\t/* "@odata.etag": "commented out", */',
		'\t"note": "@odata.id",',
		'\t"photo@odata.mediaEtag": "x"',
		'}',
	].join('\n');
	// The engine comes with code-server, which .ci/e2e-setup.sh installs outside the repository.
	const skip = hasTextMate ? false : 'code-server is not installed (run .ci/e2e-setup.sh)';

	for (const rootScope of ['source.json', 'source.json.comments']) {
		it(
			`scopes annotations and type names in ${rootScope} as VS Code does`,
			{ skip },
			async () => {
				const tokens = await tokenizeInVSCode(rootScope, document);
				const scopesOf = (text: string) =>
					tokens.filter((token) => token.text === text).map((token) => token.scopes);
				assert.match(scopesOf('@odata.type')[0] ?? '', /annotation\.odata\.json$/);
				assert.match(
					scopesOf('#microsoft.graph.user')[0] ?? '',
					/entity\.name\.type\.odata\.json$/,
				);
				assert.match(
					scopesOf('photo@odata.mediaEtag')[0] ?? '',
					/annotation\.odata\.json$/,
				);
				assert.doesNotMatch(scopesOf('@odata.id').join(), /odata\.json/);
				const commented = tokens.filter((token) =>
					/comment\.(line|block)/.test(token.scopes),
				);
				assert.ok(commented.length > 0);
				assert.ok(commented.every((token) => !/odata\.json/.test(token.scopes)));
			},
		);
	}
});
