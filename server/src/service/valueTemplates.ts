/**
 * Example values for a declared type, written as LSP snippets: completion inserts them after a
 * property name, the skeleton writes them without placeholders. Every example is valid for its
 * type, so that accepting a completion or inserting a skeleton never adds a diagnostic.
 */
import type { ResolvedType, TypeModel } from '../model/typeModel';
import type { ApiVersion, PrimitiveName, StructuredTypeDefinition } from '../model/types';
import { tagKey } from './tags';

/** Valid examples of the primitives whose format an empty string would break. */
const primitiveExamples: Partial<Record<PrimitiveName, string>> = {
	DateTimeOffset: '2024-01-01T00:00:00Z',
	Date: '2024-01-01',
	TimeOfDay: '08:00:00',
	Duration: 'PT1H',
	Guid: '00000000-0000-0000-0000-000000000000',
};

const numericPrimitives = new Set<PrimitiveName>([
	'Byte',
	'SByte',
	'Int16',
	'Int32',
	'Int64',
	'Single',
	'Double',
	'Decimal',
]);

/** Escapes text for the literal part of a snippet (LSP snippet grammar: `$`, `}` and `\`). */
export function escapeSnippet(text: string): string {
	return text.replace(/[$}\\]/g, '\\$&');
}

/** Escapes one option of a snippet choice `${1|a,b|}`, where `,` and `|` are also special. */
function escapeChoice(text: string): string {
	return text.replace(/[$}\\,|]/g, '\\$&');
}

/** `${1|a,b|}`, or `${1:a}` for a single option. */
export function snippetChoice(options: readonly string[]): string {
	if (options.length === 1) {
		return `\${1:${escapeSnippet(options[0])}}`;
	}
	return `\${1|${options.map(escapeChoice).join(',')}|}`;
}

/**
 * The text a snippet inserts when the client cannot expand snippets: the first option of a
 * choice, the default of a placeholder, nothing for a bare tab stop.
 */
export function snippetToPlainText(snippet: string): string {
	let result = '';
	for (let i = 0; i < snippet.length; i++) {
		const char = snippet[i];
		if (char === '\\' && i + 1 < snippet.length) {
			result += snippet[++i];
		} else if (char === '$') {
			i = skipSnippetPlaceholder(snippet, i, (text) => (result += text));
		} else {
			result += char;
		}
	}
	return result;
}

/** Reads the placeholder starting at `start` (`$1`, `${1:x}`, `${1|a,b|}`); returns its end. */
function skipSnippetPlaceholder(
	snippet: string,
	start: number,
	emit: (text: string) => void,
): number {
	const simple = /^\$\d+/.exec(snippet.slice(start, start + 4));
	if (simple) {
		return start + simple[0].length - 1;
	}
	const match = /^\$\{\d+([:|])((?:\\.|[^\\}])*)\}/.exec(snippet.slice(start));
	if (!match) {
		emit('$');
		return start;
	}
	const body = match[1] === '|' ? match[2].replace(/\|$/, '') : match[2];
	const first = match[1] === '|' ? splitChoice(body)[0] : body;
	emit(unescapeSnippet(first ?? ''));
	return start + match[0].length - 1;
}

function splitChoice(body: string): string[] {
	return body.split(/(?<!\\),/);
}

function unescapeSnippet(text: string): string {
	return text.replace(/\\(.)/g, '$1');
}

/**
 * A snippet for a value of `type`: a choice of members for an enum, a valid example for a
 * formatted primitive, the tag of the declared type for a structured value, `[]` for a
 * collection.
 */
export function valueSnippet(type: ResolvedType | undefined, range?: IntegerRange): string {
	switch (type?.kind) {
		case 'enum': {
			const members = type.type.members.map((member) => member.name);
			return members.length > 0 ? `"${snippetChoice(members)}"` : '"$1"';
		}
		case 'primitive':
			return primitiveSnippet(type.name, range);
		case 'structured':
			return `{ "${tagKey}": "#${escapeSnippet(type.type.name)}"$1 }`;
		case 'collection':
			return '[$1]';
		case 'union':
			return valueSnippet(type.of[0], range);
		default:
			return '${1:null}';
	}
}

/** An inclusive range a description puts on an integer property. */
export interface IntegerRange {
	min: bigint;
	max: bigint;
}

function primitiveSnippet(name: PrimitiveName, range: IntegerRange | undefined): string {
	if (name === 'Boolean') {
		return '${1|false,true|}';
	}
	if (numericPrimitives.has(name)) {
		// Zero, unless the description narrows the range to exclude it.
		const example = range && (range.min > 0n || range.max < 0n) ? range.min : 0n;
		return `\${1:${example}}`;
	}
	const example = primitiveExamples[name];
	if (example !== undefined) {
		return `"\${1:${escapeSnippet(example)}}"`;
	}
	if (name === 'Json' || name === 'Untyped' || name === 'Stream') {
		return '${1:null}';
	}
	return '"$1"';
}

/** A valid example string for a formatted primitive, for completion proposals. */
export function primitiveExample(name: PrimitiveName): string | undefined {
	return primitiveExamples[name];
}

/** The structured types a value of `declared` may be tagged with, concrete ones first. */
export function concreteTypes(
	model: TypeModel,
	declared: StructuredTypeDefinition,
	version: ApiVersion,
): StructuredTypeDefinition[] {
	const derived = model.derivedTypes(declared, version);
	const seen = new Set<string>();
	const result: StructuredTypeDefinition[] = [];
	for (const type of [declared, ...derived]) {
		if (!seen.has(type.name)) {
			seen.add(type.name);
			result.push(type);
		}
	}
	return result.sort((a, b) => Number(a.isAbstract) - Number(b.isAbstract));
}
