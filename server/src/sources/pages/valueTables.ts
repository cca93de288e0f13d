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
import type { PageReference, ParsedPage } from './pageTypes';
import type { ReadProperty } from './properties';
import { dropLinks, slugify, toPlainText, unwrapMarks } from './text';

const LIST_WORDS = new Set(['values', 'options', 'members']);
const KIND_WORDS = new Set(['enumeration', 'enum', 'property']);

/** The name part of `x values`, `x enumeration values`, `x property values`, `x options`. */
export function valuesHeadingName(text: string): string | undefined {
	const words = unwrapMarks(dropLinks(text)).replace(/`/g, '').trim().split(/\s+/);
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
	for (const valueTable of outline.valueTables) {
		const name = valuesHeadingName(valueTable.heading.text);
		if (name !== undefined && isTypeName(name) && valueTable.section !== 'excluded') {
			addEnum(
				page,
				valueTable,
				qualify(name, valueTable.namespace ?? page.namespace),
				source,
			);
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
	const { outline, properties, source } = context;
	for (const valueTable of outline.valueTables) {
		const name = valuesHeadingName(valueTable.heading.text);
		if (name === undefined || valueTable.section === 'excluded') {
			continue;
		}
		const slug = slugify(valueTable.heading.text);
		const pointer = findPointer(page, context.pagePath, slug, name);
		if (pointer !== undefined) {
			const enumName = isTypeName(name) ? qualify(name, page.namespace) : pointer.name;
			addEnum(page, valueTable, enumName, source);
		} else if (
			!attachToProperties(page, valueTable, properties, slug, name) &&
			isTypeName(name)
		) {
			addEnum(page, valueTable, qualify(name, page.namespace), source);
		}
	}
}

/** A Type cell of this page that points at the table, by anchor or by name. */
function findPointer(
	page: ParsedPage,
	pagePath: string,
	slug: string,
	name: string,
): { name: string } | undefined {
	const lowerName = name.toLowerCase();
	const ownPath = pagePath.toLowerCase();
	const byAnchor = (reference: PageReference): boolean =>
		reference.target.kind === 'page' &&
		reference.target.anchor === slug &&
		reference.target.path.toLowerCase() === ownPath;
	const byName = (reference: PageReference): boolean =>
		reference.target.kind === 'name' &&
		shortName(reference.ref?.name ?? '').toLowerCase() === lowerName;
	const found = page.references.find(
		(reference) => reference.ref && (byAnchor(reference) || byName(reference)),
	);
	return found?.ref;
}

function attachToProperties(
	page: ParsedPage,
	valueTable: ValueTable,
	properties: ReadProperty[],
	slug: string,
	name: string,
): boolean {
	const lowerName = name.toLowerCase();
	let isAttached = false;
	for (const { property, rawDescription } of properties) {
		const isNamed =
			property.name.toLowerCase() === lowerName || rawDescription.includes(`(#${slug})`);
		if (isNamed && isStringType(property.type)) {
			const members = readEnumMembers(valueTable.table, page.fsPath);
			property.descriptionEnum = members.map((member) => member.name);
			isAttached = true;
		}
	}
	return isAttached;
}

function isStringType(type: TypeRef): boolean {
	const item = type.kind === 'collection' ? type.of : type;
	return item.kind === 'primitive' && item.name === 'String';
}

function addEnum(page: ParsedPage, valueTable: ValueTable, name: string, source: SourceKind): void {
	const slug = slugify(valueTable.heading.text);
	const existing = page.types.find(
		(type) => type.kind === 'enum' && type.name === page.anchors.get(slug),
	);
	if (existing?.kind === 'enum') {
		// A heading repeated on one page (7 in beta enums.md) adds to the enum it repeats.
		const known = new Set(existing.members.map((member) => member.name));
		const added = readEnumMembers(valueTable.table, page.fsPath).filter(
			(member) => !known.has(member.name),
		);
		existing.members.push(...added);
		return;
	}
	const lines = valueTable.description?.lines ?? [];
	const enumType: EnumTypeDefinition = {
		kind: 'enum',
		name,
		members: readEnumMembers(valueTable.table, page.fsPath),
		isFlags: false,
		description: lines.length > 0 ? toPlainText(lines.join(' ')) : '',
		location: { fsPath: page.fsPath, line: valueTable.heading.line },
		source,
	};
	if (page.version !== undefined) {
		enumType.version = page.version;
	}
	page.types.push(enumType);
	page.anchors.set(slug, name);
}

export function shortName(name: string): string {
	return name.slice(name.lastIndexOf('.') + 1);
}
