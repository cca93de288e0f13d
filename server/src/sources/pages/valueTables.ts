/**
 * Tables under `<name> values` headings: the enums of multi-enum pages, and the inline value
 * tables of resource pages. An inline table becomes an enum when a Type cell points at it (by
 * anchor or by name); when instead a String property names it (`### State enumeration values`
 * under a `state` row, or a description linking to its anchor) its members become that
 * property's description values, as no enum type exists for it.
 */

import type { EnumTypeDefinition, SourceKind, TypeRef } from '../../model/types';
import { readEnumMembers } from './enums';
import { isTypeName, qualify } from './links';
import type { PageOutline, ValueTable } from './outline';
import type { NamedRef, ParsedPage } from './pageTypes';
import type { ReadProperty } from './properties';
import { dropLinks, slugify, toPlainText, unwrapMarks } from './text';

const LIST_WORDS = new Set(['values', 'options', 'members']);
const KIND_WORDS = new Set(['enumeration', 'enum', 'property']);

/** The name part of `x values`, `x enumeration values`, `x property values`, `x options`. */
export function valuesHeadingName(text: string): string | undefined {
	// `fam values (preview)`: a trailing parenthesis qualifies the heading, as on H1s.
	const bare = unwrapMarks(dropLinks(text))
		.replace(/`/g, '')
		.replace(/\s*\([^()]*\)\s*$/, '');
	const words = bare.trim().split(/\s+/);
	if (words.length < 2 || !LIST_WORDS.has(words[words.length - 1].toLowerCase())) {
		return undefined;
	}
	words.pop();
	while (words.length > 1 && KIND_WORDS.has(words[words.length - 1].toLowerCase())) {
		words.pop();
	}
	return words.join(' ');
}

/** Every `<name> values` table of a page that defines no resource type. */
export function readMultiEnumTables(
	page: ParsedPage,
	outline: PageOutline,
	source: SourceKind,
): void {
	const sink = new EnumSink(page, source);
	for (const valueTable of outline.valueTables) {
		const name = valuesHeadingName(valueTable.heading.text);
		if (name !== undefined && isTypeName(name) && valueTable.section !== 'excluded') {
			sink.add(valueTable, qualify(name, valueTable.namespace ?? page.namespace));
		}
	}
}

export interface InlineContext {
	outline: PageOutline;
	properties: ReadProperty[];
	source: SourceKind;
	/** The page's absolute path: anchors into the page link to it. */
	pagePath: string;
}

/** The inline value tables of a resource page. */
export function readInlineValueTables(page: ParsedPage, context: InlineContext): void {
	const sink = new EnumSink(page, context.source);
	const pointers = indexPointers(page, context.pagePath);
	const holders = indexHolders(context.properties);
	for (const valueTable of context.outline.valueTables) {
		const name = valuesHeadingName(valueTable.heading.text);
		if (name === undefined || valueTable.section === 'excluded') {
			continue;
		}
		const slug = slugify(valueTable.heading.text);
		const pointer = pointers.get(`#${slug}`) ?? pointers.get(name.toLowerCase());
		if (pointer !== undefined) {
			sink.add(valueTable, isTypeName(name) ? qualify(name, page.namespace) : pointer.name);
		} else if (!attachToProperties(page, valueTable, holders, slug, name) && isTypeName(name)) {
			sink.add(valueTable, qualify(name, page.namespace));
		}
	}
}

/**
 * Type cells of this page that may point at a value table: `#anchor` → the reference for
 * links into the page, lower-case short name → the reference for bare names.
 */
function indexPointers(page: ParsedPage, pagePath: string): Map<string, NamedRef> {
	const ownPath = pagePath.toLowerCase();
	const pointers = new Map<string, NamedRef>();
	for (const { ref, target } of page.references) {
		let key: string | undefined;
		if (target.kind === 'page' && target.anchor !== undefined) {
			key = target.path.toLowerCase() === ownPath ? `#${target.anchor}` : undefined;
		} else if (target.kind === 'name') {
			key = shortName(ref?.name ?? '').toLowerCase();
		}
		if (ref !== undefined && key !== undefined && !pointers.has(key)) {
			pointers.set(key, ref);
		}
	}
	return pointers;
}

/** Properties by lower-case name and by the `(#anchor)` links in their descriptions. */
function indexHolders(properties: ReadProperty[]): Map<string, ReadProperty[]> {
	const holders = new Map<string, ReadProperty[]>();
	const add = (key: string, read: ReadProperty): void => {
		const list = holders.get(key) ?? [];
		list.push(read);
		holders.set(key, list);
	};
	for (const read of properties) {
		add(read.property.name.toLowerCase(), read);
		const text = read.rawDescription;
		for (let at = text.indexOf('(#'); at !== -1; at = text.indexOf('(#', at + 2)) {
			const end = text.indexOf(')', at);
			if (end === -1) {
				break;
			}
			add(text.slice(at + 1, end).toLowerCase(), read);
		}
	}
	return holders;
}

function attachToProperties(
	page: ParsedPage,
	valueTable: ValueTable,
	holders: Map<string, ReadProperty[]>,
	slug: string,
	name: string,
): boolean {
	const candidates = [
		...(holders.get(name.toLowerCase()) ?? []),
		...(holders.get(`#${slug}`) ?? []),
	];
	const targets = candidates.filter((read) => isStringType(read.property.type));
	if (targets.length === 0) {
		return false;
	}
	const values = readEnumMembers(valueTable.table, page.fsPath).map((member) => member.name);
	for (const { property } of targets) {
		property.descriptionEnum = values;
	}
	return true;
}

function isStringType(type: TypeRef): boolean {
	const item = type.kind === 'collection' ? type.of : type;
	return item.kind === 'primitive' && item.name === 'String';
}

/** Adds the page's enums; a heading repeated on one page (7 in beta enums.md) adds to the first. */
class EnumSink {
	private readonly bySlug = new Map<string, EnumTypeDefinition>();

	constructor(
		private readonly page: ParsedPage,
		private readonly source: SourceKind,
	) {}

	add(valueTable: ValueTable, name: string): void {
		const slug = slugify(valueTable.heading.text);
		const members = readEnumMembers(valueTable.table, this.page.fsPath);
		const existing = this.bySlug.get(slug);
		if (existing !== undefined) {
			const known = new Set(existing.members.map((member) => member.name));
			existing.members.push(...members.filter((member) => !known.has(member.name)));
			return;
		}
		const lines = valueTable.description?.lines ?? [];
		const enumType: EnumTypeDefinition = {
			kind: 'enum',
			name,
			members,
			isFlags: false,
			description: lines.length > 0 ? toPlainText(lines.join(' ')) : '',
			location: { fsPath: this.page.fsPath, line: valueTable.heading.line },
			source: this.source,
		};
		if (this.page.version !== undefined) {
			enumType.version = this.page.version;
		}
		this.page.types.push(enumType);
		this.page.anchors.set(slug, name);
		this.bySlug.set(slug, enumType);
	}
}

export function shortName(name: string): string {
	return name.slice(name.lastIndexOf('.') + 1);
}
