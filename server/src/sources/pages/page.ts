/**
 * One page → its type definitions. Page kinds (FORMAT.md): an enum page (H1 `<name> enum type`
 * with a Members table), a resource page (a resource annotation, or a type-like H1 with a
 * Properties or Relationships section), a multi-enum page (`<name> values` tables); anything
 * else defines no type and is not a problem.
 */

import * as path from 'node:path';
import type {
	EnumTypeDefinition,
	SourceKind,
	SourceProblem,
	StructuredTypeDefinition,
} from '../../model/types';
import { findAnnotation, type ResourceAnnotation } from './annotation';
import { readBlocks } from './blocks';
import { readEnumMembers } from './enums';
import { readFrontMatter, type FrontMatter } from './frontMatter';
import { findStatedBase } from './inheritance';
import { markLines } from './lines';
import {
	DEFAULT_NAMESPACE,
	isTypeName,
	pageLinkResolver,
	qualify,
	versionOf,
	type PageTarget,
} from './links';
import { readOutline, type PageOutline } from './outline';
import type { PageReference, ParsedPage } from './pageTypes';
import { readProperties } from './properties';
import { dropTrailingParenthesis, splitPageLines, toPlainText, unwrapMarks } from './text';
import { readInlineValueTables, readMultiEnumTables, shortName } from './valueTables';

export interface ParseOptions {
	source?: SourceKind;
}

interface PageParts {
	outline: PageOutline;
	annotation?: ResourceAnnotation;
	definitions: Map<string, string>;
	source: SourceKind;
	/** The path as given (for locations) and resolved (for links). */
	paths: {
		fsPath: string;
		pagePath: string;
		resolveLink: (target: string) => PageTarget | undefined;
	};
}

type PageKind = 'enum' | 'resource' | 'other';

const AREA_ENUMS = /^enums-([A-Za-z][A-Za-z0-9]*)\.md$/i;
const NAMESPACE_LINE = /^\s*\**Namespace\**\s*:/i;
const SKIPPED_INTRO = /^\s*(?:\[!INCLUDE|>|!\[)/i;

/** Parses one page's text. Links to other pages stay pending until `loadPages` resolves them. */
export function parsePage(fsPath: string, text: string, options: ParseOptions = {}): ParsedPage {
	const lines = splitPageLines(text);
	const front = readFrontMatter(lines);
	const marked = markLines(lines, front.bodyStart);
	const { blocks, definitions } = readBlocks(marked, front.bodyStart);
	const outline = readOutline(blocks);
	const annotation = findAnnotation(marked.comments);
	const pagePath = path.resolve(fsPath);
	const paths = { fsPath, pagePath, resolveLink: pageLinkResolver(pagePath) };
	const page = emptyPage(fsPath, pageNamespace(outline, annotation, pagePath), front);
	const parts: PageParts = {
		outline,
		annotation,
		definitions,
		source: options.source ?? 'page',
		paths,
	};
	const kind = pageKind(outline, annotation);
	if (kind === 'enum') {
		readEnumPage(page, parts);
	} else if (kind === 'resource') {
		readResourcePage(page, parts);
	} else {
		readMultiEnumTables(page, outline, parts.source);
		warnIfEnumWithoutMembers(page, outline);
	}
	resolveLocalReferences(page, pagePath);
	return page;
}

function emptyPage(fsPath: string, namespace: string, frontMatter: FrontMatter): ParsedPage {
	return {
		fsPath,
		version: versionOf(path.resolve(fsPath)),
		namespace,
		types: [],
		references: [],
		anchors: new Map(),
		problems: [],
		frontMatter,
	};
}

function pageNamespace(
	outline: PageOutline,
	annotation: ResourceAnnotation | undefined,
	pagePath: string,
): string {
	if (outline.namespace !== undefined) {
		return outline.namespace;
	}
	const typeName = annotation?.typeName ?? '';
	const dot = typeName.lastIndexOf('.');
	if (dot > 0) {
		return typeName.slice(0, dot);
	}
	// `enums-managedtenants.md` has no Namespace line; its area names the namespace (compared
	// case-insensitively, so the file name's lower case does no harm).
	const area = AREA_ENUMS.exec(path.basename(pagePath));
	return area === null ? DEFAULT_NAMESPACE : `${DEFAULT_NAMESPACE}.${area[1]}`;
}

function pageKind(outline: PageOutline, annotation: ResourceAnnotation | undefined): PageKind {
	const title = h1Title(outline);
	const isEnumTitle = /\s(?:enum|enumeration)(?:\s+type)?$/i.test(title);
	if (isEnumTitle && outline.propertyTables.length === 0 && membersTable(outline) !== undefined) {
		return 'enum';
	}
	if (annotation !== undefined) {
		return 'resource';
	}
	const isTypeTitle = /\s(?:type|resource|facet)$/i.test(title);
	// A type-like title with a Properties section that says "None" is still a type (rbacApplication).
	const hasProperties = outline.propertyTables.length > 0 || outline.hasPropertySection;
	return isTypeTitle && hasProperties ? 'resource' : 'other';
}

/** The H1 without marks and without a trailing parenthesis such as `(deprecated)`. */
function h1Title(outline: PageOutline): string {
	return dropTrailingParenthesis(unwrapMarks(outline.h1?.text ?? '')).trim();
}

function h1Name(outline: PageOutline): string | undefined {
	const first = unwrapMarks(h1Title(outline).split(/\s+/)[0] ?? '').replace(/[.:,]+$/, '');
	return isTypeName(first) ? first : undefined;
}

function membersTable(outline: PageOutline): PageOutline['membersTable'] {
	const underMembers = outline.valueTables.find((valueTable) =>
		/^members?$/i.test(valueTable.heading.text.trim()),
	);
	return underMembers?.table ?? outline.membersTable ?? outline.valueTables[0]?.table;
}

function warnIfEnumWithoutMembers(page: ParsedPage, outline: PageOutline): void {
	const isEnumTitle = /\s(?:enum|enumeration)(?:\s+type)?$/i.test(h1Title(outline));
	if (isEnumTitle && page.types.length === 0 && outline.h1 !== undefined) {
		const message =
			'The page is titled as an enum type but has no Members table; no type was read.';
		page.problems.push({ ...problem(page, outline.h1.line, message), severity: 'warning' });
	}
}

function readEnumPage(page: ParsedPage, parts: PageParts): void {
	const { outline } = parts;
	const name = h1Name(outline);
	const table = membersTable(outline);
	if (name === undefined || table === undefined) {
		return;
	}
	const enumType: EnumTypeDefinition = {
		kind: 'enum',
		name: qualify(name, page.namespace),
		members: readEnumMembers(table, page.fsPath),
		isFlags: false,
		description: typeDescription(parts),
		location: { fsPath: page.fsPath, line: outline.h1?.line ?? 0 },
		source: parts.source,
	};
	if (page.version !== undefined) {
		enumType.version = page.version;
	}
	page.types.push(enumType);
}

function readResourcePage(page: ParsedPage, parts: PageParts): void {
	const { outline, annotation } = parts;
	const written = annotation?.typeName ?? h1Name(outline);
	if (written === undefined) {
		const line = annotation?.line ?? outline.h1?.line ?? 0;
		const message =
			'The page describes a resource but names no type (no @odata.type, no name in its title); the page was skipped.';
		page.problems.push(problem(page, line, message));
		return;
	}
	const { fsPath, resolveLink } = parts.paths;
	const context = {
		fsPath,
		resolveLink,
		namespace: page.namespace,
		definitions: parts.definitions,
	};
	const reading = readProperties(outline.propertyTables, context);
	const type = newStructuredType(page, parts, qualify(written, page.namespace));
	type.properties = reading.properties.map((read) => read.property);
	page.types.push(type);
	page.references.push(...reading.references);
	page.problems.push(...reading.problems);
	setBaseType(page, type, parts);
	type.isEntity = isEntity(type, annotation);
	const { pagePath } = parts.paths;
	readInlineValueTables(page, {
		outline,
		properties: reading.properties,
		source: parts.source,
		pagePath,
	});
}

function newStructuredType(
	page: ParsedPage,
	parts: PageParts,
	name: string,
): StructuredTypeDefinition {
	const { outline, annotation } = parts;
	const type: StructuredTypeDefinition = {
		kind: 'structured',
		name,
		isAbstract: annotation?.isAbstract ?? false,
		isOpen: annotation?.isOpen ?? false,
		isEntity: false,
		description: typeDescription(parts),
		properties: [],
		location: { fsPath: page.fsPath, line: outline.h1?.line ?? annotation?.line ?? 0 },
		source: parts.source,
	};
	if (page.version !== undefined) {
		type.version = page.version;
	}
	return type;
}

function setBaseType(page: ParsedPage, type: StructuredTypeDefinition, parts: PageParts): void {
	const written = parts.annotation?.baseType;
	if (written === null) {
		return;
	}
	if (written !== undefined) {
		type.baseType = qualify(written, page.namespace);
		page.references.push({ baseOf: type, target: { kind: 'name' } });
		return;
	}
	const context = {
		...parts.paths,
		namespace: page.namespace,
		definitions: parts.definitions,
		ownName: type.name,
	};
	const stated = findStatedBase(parts.outline.paragraphs, context);
	if (stated !== undefined) {
		type.baseType = stated.name;
		page.references.push({
			baseOf: type,
			target: stated.target,
			alternatives: stated.alternatives,
		});
	}
}

/** Best effort: a key property, or `entity` as the base (loadPages also follows loaded bases). */
function isEntity(
	type: StructuredTypeDefinition,
	annotation: ResourceAnnotation | undefined,
): boolean {
	const isEntityName = (name: string | undefined): boolean =>
		name?.toLowerCase() === 'microsoft.graph.entity';
	return (
		annotation?.keyProperty !== undefined ||
		isEntityName(type.baseType) ||
		isEntityName(type.name)
	);
}

/** The first paragraph after the H1, without the Namespace line, includes and notes; a placeholder → ''. */
function typeDescription(parts: PageParts): string {
	for (const paragraph of parts.outline.intro) {
		const lines = paragraph.lines.filter(
			(line) => !NAMESPACE_LINE.test(line) && !SKIPPED_INTRO.test(line),
		);
		if (lines.length > 0) {
			const text = toPlainText(lines.join(' '));
			return isPlaceholder(text) ? '' : text;
		}
	}
	return '';
}

/**
 * The placeholder that reference pages without a written description carry (the docs' own
 * text, "TODO: Add Description", in any emphasis or case). Not a gap in this code: the page
 * lacks its description, so the type gets none, and hover shows the type without one.
 */
function isPlaceholder(text: string): boolean {
	const start = text.search(/[^*_\s]/);
	return start !== -1 && text.slice(start, start + 4).toUpperCase() === 'TODO';
}

/** Anchors into this page's own value tables, and bare names of its own enums. */
function resolveLocalReferences(page: ParsedPage, pagePath: string): void {
	const byShortName = new Map<string, string>();
	for (const type of page.types) {
		byShortName.set(shortName(type.name).toLowerCase(), type.name);
	}
	const ownPath = pagePath.toLowerCase();
	for (const reference of page.references) {
		const local = localName(reference, ownPath, page.anchors, byShortName);
		if (local !== undefined && reference.ref !== undefined) {
			reference.ref.name = local;
		}
	}
}

function localName(
	reference: PageReference,
	ownPath: string,
	anchors: Map<string, string>,
	byShortName: Map<string, string>,
): string | undefined {
	const { target } = reference;
	if (target.kind === 'page') {
		const isOwn = target.path.toLowerCase() === ownPath && target.anchor !== undefined;
		return isOwn ? anchors.get(target.anchor ?? '') : undefined;
	}
	const name = reference.ref?.name ?? '';
	return byShortName.get(shortName(name).toLowerCase());
}

function problem(page: ParsedPage, line: number, message: string): SourceProblem {
	return { fsPath: page.fsPath, line, message, severity: 'error' };
}
