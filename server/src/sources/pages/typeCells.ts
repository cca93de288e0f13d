/**
 * The Type column of property tables: primitives in their 53 spellings, links, collections,
 * unions and the long tail of qualifiers measured in FORMAT.md. Junk gives `any`.
 */

import type { PrimitiveName, TypeRef } from '../../model/types';
import { isTypeName, linkNames, qualify, type PageTarget } from './links';
import type { NamedRef, ReferenceTarget } from './pageTypes';
import { breaksToNewlines, decodeEntities, findLinks, unwrapMarks } from './text';

export interface CellContext {
	fsPath: string;
	/** Where a link of the page points (relative to the page; undefined when external). */
	resolveLink: (target: string) => PageTarget | undefined;
	namespace: string;
	/** `[label]: url` definitions of the page, by lower-case label. */
	definitions: Map<string, string>;
}

export interface CellReference {
	ref: NamedRef;
	target: ReferenceTarget;
	alternatives?: string[];
}

export interface ParsedTypeCell {
	type: TypeRef;
	references: CellReference[];
	/** The cell could not be understood; `type` is `any`. */
	isJunk: boolean;
}

interface CellLink {
	text: string;
	target?: string;
}

const PRIMITIVES: Record<string, PrimitiveName> = {
	string: 'String',
	boolean: 'Boolean',
	bool: 'Boolean',
	int32: 'Int32',
	int: 'Int32',
	integer: 'Int32',
	int64: 'Int64',
	long: 'Int64',
	int16: 'Int16',
	byte: 'Byte',
	sbyte: 'SByte',
	double: 'Double',
	single: 'Single',
	float: 'Single',
	decimal: 'Decimal',
	numeric: 'Decimal',
	datetimeoffset: 'DateTimeOffset',
	datetime: 'DateTimeOffset',
	timestamp: 'DateTimeOffset',
	date: 'Date',
	timeofday: 'TimeOfDay',
	duration: 'Duration',
	guid: 'Guid',
	binary: 'Binary',
	stream: 'Stream',
	json: 'Json',
	object: 'Json',
	'untyped json object': 'Json',
	untyped: 'Untyped',
	url: 'Url',
};

const PLACEHOLDER = /^\u0001(\d+)\u0001$/;
/** `[x]` (a shortcut reference link) or `[x](y` whose `)` is missing (one real page). */
const BARE_LINK = /^\[([^[\]]+)\](?:\(([^()\s]*))?$/;
const TRAILING_WORDS = [' resource', ' enum', ' object'];
const MAX_WRAPPERS = 4;
const MAX_SENTENCES = 4;
const MAX_CELL = 2000;
/** Longer than any spelling (`Edm.Untyped JSON object`), spaces included. */
const MAX_PRIMITIVE = 40;

/** A primitive name in any of the page spellings (`string`, `Edm.Int32`, `GUID`, ...). */
export function primitiveOf(text: string): PrimitiveName | undefined {
	if (text.length > MAX_PRIMITIVE) {
		return undefined;
	}
	let key = text.trim().toLowerCase();
	if (key.startsWith('edm.')) {
		key = key.slice(4);
	}
	if (key.includes(' ')) {
		key = key.replace(/\s+/g, ' ');
	}
	return Object.prototype.hasOwnProperty.call(PRIMITIVES, key) ? PRIMITIVES[key] : undefined;
}

export function parseTypeCell(cell: string, context: CellContext): ParsedTypeCell {
	// Two rows in three name a primitive plainly (`String`, `Int32`): no need to tokenise those.
	const plain = primitiveOf(cell);
	if (plain !== undefined) {
		return { type: { kind: 'primitive', name: plain }, references: [], isJunk: false };
	}
	if (cell.length > MAX_CELL) {
		// Real Type cells are under 200 characters; a longer one is prose or junk.
		return { type: { kind: 'any' }, references: [], isJunk: true };
	}
	const { shape, links } = toShape(cell, context);
	const whole = parseShape(shape, links, context);
	if (whole !== undefined) {
		return whole;
	}
	// Prose around the type in the cell ("Moment in time ... created.  DateTimeOffset",
	// "[x](x.md) collection. Holds grades"): the first sentence that is a type is the type.
	for (const sentence of shape.split(/\.\s/, MAX_SENTENCES)) {
		const parsed = parseShape(sentence.replace(/\.$/, ''), links, context);
		if (parsed !== undefined) {
			return parsed;
		}
	}
	return { type: { kind: 'any' }, references: [], isJunk: true };
}

function parseShape(
	shape: string,
	links: CellLink[],
	context: CellContext,
): ParsedTypeCell | undefined {
	const references: CellReference[] = [];
	const parts = normalize(shape).split(/\s+or\s+/i);
	const types: TypeRef[] = [];
	for (const part of parts) {
		const type = parseSingle(part, links, context, references);
		if (type === undefined) {
			return undefined;
		}
		types.push(type);
	}
	const type: TypeRef = types.length === 1 ? types[0] : { kind: 'union', of: types };
	return { type, references, isJunk: false };
}

/** The cell with each link replaced by a placeholder, marks and line breaks removed. */
function toShape(cell: string, context: CellContext): { shape: string; links: CellLink[] } {
	const text = decodeEntities(breaksToNewlines(cell)).replace(/[\u0001\n]/g, ' ');
	const links: CellLink[] = [];
	let shape = '';
	let position = 0;
	for (const link of findLinks(text)) {
		const target = link.target ?? context.definitions.get((link.label ?? '').toLowerCase());
		shape += `${text.slice(position, link.start)}\u0001${links.length}\u0001`;
		// One real page writes the word inside the parentheses: `[x](x.md collection)`.
		shape += /collection/i.test(link.rest ?? '') ? ' collection' : '';
		links.push({ text: link.text, target });
		position = link.end;
	}
	shape += text.slice(position);
	// Collapsing spaces first keeps the qualifier patterns below linear.
	const collapsed = shape.replace(/\s+/g, ' ');
	return { shape: unwrapMarks(collapsed).replace(/[`*]/g, ''), links };
}

/** Drops qualifiers: `(url)`, `(enum)`, `, maximum size N`, a trailing `resource`/`enum`/`object`. */
function normalize(shape: string): string {
	let text = shape.trim();
	const comma = text.indexOf(',');
	text = comma === -1 ? text : text.slice(0, comma).trim();
	text = text.replace(/^collection\s+\(/i, 'Collection(');
	if (primitiveOf(text) !== undefined) {
		return text;
	}
	text = text.replace(/\s+\([^()]*\)/g, '').trim();
	for (const word of TRAILING_WORDS) {
		if (text.toLowerCase().endsWith(word) && primitiveOf(text) === undefined) {
			text = text.slice(0, -word.length).trim();
		}
	}
	return text;
}

function parseSingle(
	part: string,
	links: CellLink[],
	context: CellContext,
	references: CellReference[],
): TypeRef | undefined {
	let core = part.trim();
	let isCollection = false;
	for (let round = 0; round < MAX_WRAPPERS; round++) {
		const inner = unwrapCollection(core);
		if (inner === undefined) {
			break;
		}
		core = inner;
		// `x collection collection` occurs; OData has no nested collections, so one level.
		isCollection = true;
	}
	const item = parseCore(core, links, context, references);
	if (item === undefined) {
		return undefined;
	}
	return isCollection ? { kind: 'collection', of: item } : item;
}

function unwrapCollection(text: string): string | undefined {
	const lower = text.toLowerCase();
	if (lower.startsWith('collection(') && lower.endsWith(')')) {
		return text.slice('collection('.length, -1).trim();
	}
	if (lower.startsWith('collection of ')) {
		return text.slice('collection of '.length).trim();
	}
	if (lower.endsWith(' collection')) {
		return text.slice(0, -' collection'.length).trim();
	}
	return undefined;
}

function parseCore(
	core: string,
	links: CellLink[],
	context: CellContext,
	references: CellReference[],
): TypeRef | undefined {
	const placeholder = PLACEHOLDER.exec(core);
	if (placeholder !== null) {
		return parseLink(links[Number(placeholder[1])], context, references);
	}
	const primitive = primitiveOf(core);
	if (primitive !== undefined) {
		return { kind: 'primitive', name: primitive };
	}
	const bare = BARE_LINK.exec(core);
	if (bare !== null) {
		const target = bare[2] ?? context.definitions.get(bare[1].toLowerCase());
		return parseLink({ text: bare[1], target }, context, references);
	}
	if (!isTypeName(core)) {
		return undefined;
	}
	const ref: NamedRef = { kind: 'named', name: qualify(core, context.namespace) };
	references.push({ ref, target: { kind: 'name' } });
	return ref;
}

function parseLink(
	link: CellLink,
	context: CellContext,
	references: CellReference[],
): TypeRef | undefined {
	const primitive = primitiveOf(unwrapMarks(link.text));
	if (primitive !== undefined) {
		// `[DateTimeOffset](timestamp.md)`: a primitive's name as link text means the primitive
		// (the target page declares microsoft.graph.timeStamp; CSDL says DateTimeOffset).
		return { kind: 'primitive', name: primitive };
	}
	const page = link.target === undefined ? undefined : context.resolveLink(link.target);
	const names = linkNames(link.text, link.target).map((name) => qualify(name, context.namespace));
	if (names.length === 0) {
		return undefined;
	}
	const ref: NamedRef = { kind: 'named', name: names[0] };
	references.push({ ref, target: page ?? { kind: 'name' }, alternatives: names.slice(1) });
	return ref;
}
