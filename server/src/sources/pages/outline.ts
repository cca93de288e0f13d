/**
 * The page's outline: its H1, namespace, opening paragraph, the property tables of its
 * Properties and Relationships sections, and the tables that follow `... values` headings.
 */

import type { Block, HeadingBlock, ParagraphBlock, TableBlock } from './blocks';
import { isEnumTable } from './enums';
import { headerKey } from './tables';
import { dropLinks, unwrapMarks } from './text';

type SectionKind = 'properties' | 'relationships' | 'excluded' | 'other';

export interface PropertyTable {
	table: TableBlock;
	isRelationship: boolean;
}

/** A table under a heading, read as enum members when the heading names values. */
export interface ValueTable {
	heading: HeadingBlock;
	table: TableBlock;
	/** The paragraph between the heading and the table, if any. */
	description?: ParagraphBlock;
	namespace?: string;
	section: SectionKind;
}

type PendingValueTable = Omit<ValueTable, 'table'>;

export interface PageOutline {
	h1?: HeadingBlock;
	namespace?: string;
	/** Paragraphs between the H1 and the next heading, in order. */
	intro: ParagraphBlock[];
	paragraphs: ParagraphBlock[];
	propertyTables: PropertyTable[];
	valueTables: ValueTable[];
	/** The first enum-style table after the H1 that is not under a `... values` heading. */
	membersTable?: TableBlock;
	/** A Properties or Relationships heading exists, with or without a table ("None"). */
	hasPropertySection: boolean;
}

const NAMESPACE_LINE = /^\s*\**Namespace\**\s*:\s*\**\s*`?([A-Za-z_][\w.]*)/i;
const NAME_HEADERS = new Set([
	'property',
	'propertyname',
	'name',
	'relationship',
	'relationshipname',
]);

export function readOutline(blocks: Block[]): PageOutline {
	const outline: PageOutline = {
		intro: [],
		paragraphs: [],
		propertyTables: [],
		valueTables: [],
		hasPropertySection: false,
	};
	const sections: SectionKind[] = [];
	let section: SectionKind = 'properties';
	let heading: HeadingBlock | undefined;
	let namespace: string | undefined;
	let pending: PendingValueTable | undefined;
	for (const block of blocks) {
		if (block.kind === 'heading') {
			section = enterSection(sections, block, outline);
			heading = block;
			pending = { heading: block, section, namespace };
			continue;
		}
		if (block.kind === 'paragraph') {
			namespace = readParagraph(block, outline, heading, namespace);
			if (pending !== undefined && pending.description === undefined) {
				pending.description = block;
			}
			continue;
		}
		if (block.kind === 'table') {
			readTable(block, section, outline, pending);
			pending = undefined;
		}
	}
	return outline;
}

function enterSection(
	sections: SectionKind[],
	heading: HeadingBlock,
	outline: PageOutline,
): SectionKind {
	if (heading.level === 1) {
		outline.h1 = outline.h1 ?? heading;
		sections.length = 0;
		// Tables between the H1 and the first H2 are properties (5 real pages).
		sections[0] = 'properties';
		return 'properties';
	}
	sections.length = Math.min(sections.length, heading.level - 1);
	const parent = heading.level > 2 ? nearestSection(sections, heading.level - 2) : 'other';
	const own = classifyHeading(heading.text);
	outline.hasPropertySection ||= own === 'properties' || own === 'relationships';
	const kind = parent === 'excluded' || own === 'excluded' ? 'excluded' : (own ?? parent);
	sections[heading.level - 1] = kind;
	return kind;
}

/** An H2 stands on its own; deeper headings inherit from the nearest heading above them. */
function nearestSection(sections: SectionKind[], from: number): SectionKind {
	for (let level = from; level >= 0; level--) {
		if (sections[level] !== undefined) {
			return sections[level];
		}
	}
	return 'other';
}

/** Properties / Relationships sections; `Properties of a … definition`, examples and instance attributes are not the type's. */
export function classifyHeading(text: string): SectionKind | undefined {
	const title = unwrapMarks(dropLinks(text)).toLowerCase();
	const isExcluded =
		title.startsWith('example') ||
		title.includes('instance attributes') ||
		(title.startsWith('properties of') && title.includes('definition'));
	if (isExcluded) {
		return 'excluded';
	}
	if (/^propert(?:y|ies)\b/.test(title)) {
		return 'properties';
	}
	return /^(?:relationships?|navigation propert(?:y|ies))\b/.test(title)
		? 'relationships'
		: undefined;
}

function readParagraph(
	block: ParagraphBlock,
	outline: PageOutline,
	heading: HeadingBlock | undefined,
	namespace: string | undefined,
): string | undefined {
	outline.paragraphs.push(block);
	const match = NAMESPACE_LINE.exec(block.lines[0]);
	const found = match === null ? namespace : match[1].replace(/\.$/, '');
	if (match !== null) {
		outline.namespace = outline.namespace ?? found;
	}
	if (heading !== undefined && heading === outline.h1) {
		outline.intro.push(block);
	}
	return found;
}

function readTable(
	table: TableBlock,
	section: SectionKind,
	outline: PageOutline,
	pending: PendingValueTable | undefined,
): void {
	if (isPropertyTable(table)) {
		if (section === 'properties' || section === 'relationships') {
			outline.propertyTables.push({ table, isRelationship: section === 'relationships' });
		}
		return;
	}
	if (!isEnumTable(table) || section === 'excluded') {
		return;
	}
	if (pending !== undefined && pending.heading.level > 1) {
		outline.valueTables.push({ ...pending, table });
	} else if (outline.h1 !== undefined) {
		outline.membersTable = outline.membersTable ?? table;
	}
}

/** `Property | Type`, `Name | Type`, `Relationship | Type`, ... ignoring case, `*` and spaces. */
export function isPropertyTable(table: TableBlock): boolean {
	const keys = table.header.map(headerKey);
	return keys.length >= 2 && NAME_HEADERS.has(keys[0]) && keys[1] === 'type';
}
