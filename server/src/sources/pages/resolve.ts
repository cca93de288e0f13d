/**
 * Cross-page resolution, once every page is parsed. A link resolves to the type its target page
 * declares (not the link text), an anchor to the enum table it names; a name resolves, in order,
 * as written, in `microsoft.graph`, then as a short name unique within the API version.
 * Parsed pages are shared with the cache, so resolution copies types and never mutates them.
 */

import * as path from 'node:path';
import type {
	ApiVersion,
	PropertyDefinition,
	StructuredTypeDefinition,
	TypeDefinition,
	TypeRef,
} from '../../model/types';
import { DEFAULT_NAMESPACE } from './links';
import type { NamedRef, PageReference, ParsedPage } from './pageTypes';
import { shortName } from './valueTables';

interface TypeIndex {
	pages: Map<string, ParsedPage>;
	/** `version|lower-case qualified name` → name as declared. */
	names: Map<string, string>;
	/** `version|lower-case short name` → names as declared. */
	shortNames: Map<string, string[]>;
}

interface Resolution {
	refs: Map<NamedRef, string>;
	bases: Map<StructuredTypeDefinition, string>;
}

const MAX_BASE_DEPTH = 16;

export function resolvePages(pages: ParsedPage[]): TypeDefinition[] {
	const index = buildIndex(pages);
	const resolution: Resolution = { refs: new Map(), bases: new Map() };
	for (const page of pages) {
		for (const reference of page.references) {
			resolveReference(page, reference, index, resolution);
		}
	}
	const types = pages.flatMap((page) => page.types.map((type) => copyType(type, resolution)));
	markEntities(types);
	return types;
}

function buildIndex(pages: ParsedPage[]): TypeIndex {
	const index: TypeIndex = { pages: new Map(), names: new Map(), shortNames: new Map() };
	for (const page of pages) {
		index.pages.set(path.resolve(page.fsPath).toLowerCase(), page);
		for (const type of page.types) {
			const key = versionKey(page.version, type.name);
			if (!index.names.has(key)) {
				index.names.set(key, type.name);
			}
			const shortKey = versionKey(page.version, shortName(type.name));
			const list = index.shortNames.get(shortKey) ?? [];
			if (!list.includes(type.name)) {
				list.push(type.name);
			}
			index.shortNames.set(shortKey, list);
		}
	}
	return index;
}

function versionKey(version: ApiVersion | undefined, name: string): string {
	return `${version ?? ''}|${name.toLowerCase()}`;
}

function resolveReference(
	page: ParsedPage,
	reference: PageReference,
	index: TypeIndex,
	resolution: Resolution,
): void {
	const current = reference.ref?.name ?? reference.baseOf?.baseType;
	if (current === undefined) {
		return;
	}
	const names = [current, ...(reference.alternatives ?? [])];
	let resolved = byLink(reference, index, names);
	for (let i = 0; resolved === undefined && i < names.length; i++) {
		resolved = byName(names[i], page.version, index);
	}
	resolved ??= current;
	if (reference.ref !== undefined) {
		resolution.refs.set(reference.ref, resolved);
	} else if (reference.baseOf !== undefined) {
		resolution.bases.set(reference.baseOf, resolved);
	}
}

function byLink(
	reference: PageReference,
	index: TypeIndex,
	names: readonly string[],
): string | undefined {
	const { target } = reference;
	if (target.kind !== 'page') {
		return undefined;
	}
	const page = index.pages.get(target.path.toLowerCase());
	if (page === undefined) {
		return undefined;
	}
	if (target.anchor !== undefined) {
		const anchored = page.anchors.get(target.anchor) ?? enumForAnchor(page, target.anchor);
		if (anchored !== undefined) {
			return anchored;
		}
	}
	// A page of many enums, linked without a matching anchor: the link's own names pick one
	// (its first type would be any other enum of the page).
	return (
		(page.types.length > 1 ? typeOnPageNamed(page, names) : undefined) ?? page.types[0]?.name
	);
}

function typeOnPageNamed(page: ParsedPage, names: readonly string[]): string | undefined {
	for (const name of names) {
		const wanted = shortName(name).toLowerCase();
		const found = page.types.find((type) => shortName(type.name).toLowerCase() === wanted);
		if (found !== undefined) {
			return found.name;
		}
	}
	return undefined;
}

/** An anchor that matches no heading exactly: `x-values` still names the enum `x`. */
function enumForAnchor(page: ParsedPage, anchor: string): string | undefined {
	const wanted = anchor.replace(/-values$/, '');
	const found = page.types.find(
		(type) => type.kind === 'enum' && shortName(type.name).toLowerCase() === wanted,
	);
	return found?.name;
}

function byName(
	name: string,
	version: ApiVersion | undefined,
	index: TypeIndex,
): string | undefined {
	const short = shortName(name);
	const versions = [
		version,
		undefined,
		...(['beta', 'v1.0'] as const).filter((other) => other !== version),
	];
	for (const candidate of [name, `${DEFAULT_NAMESPACE}.${short}`]) {
		for (const each of versions) {
			const found = index.names.get(versionKey(each, candidate));
			if (found !== undefined) {
				return found;
			}
		}
	}
	const sameVersion = index.shortNames.get(versionKey(version, short));
	return sameVersion?.length === 1 ? sameVersion[0] : undefined;
}

function copyType(type: TypeDefinition, resolution: Resolution): TypeDefinition {
	if (type.kind === 'enum') {
		return { ...type, members: type.members.map((member) => ({ ...member })) };
	}
	const copy: StructuredTypeDefinition = {
		...type,
		properties: type.properties.map((property) => copyProperty(property, resolution)),
	};
	const base = resolution.bases.get(type);
	if (base !== undefined) {
		copy.baseType = base;
	}
	return copy;
}

function copyProperty(property: PropertyDefinition, resolution: Resolution): PropertyDefinition {
	return { ...property, type: copyRef(property.type, resolution) };
}

/** TypeRefs are built by the reader at most three levels deep (union → collection → named). */
function copyRef(type: TypeRef, resolution: Resolution): TypeRef {
	switch (type.kind) {
		case 'named':
			return { kind: 'named', name: resolution.refs.get(type) ?? type.name };
		case 'collection':
			return { kind: 'collection', of: copyRef(type.of, resolution) };
		case 'union':
			return { kind: 'union', of: type.of.map((item) => copyRef(item, resolution)) };
		default:
			return { ...type };
	}
}

/** A type whose base chain reaches an entity is an entity too (best effort, loaded pages only). */
function markEntities(types: TypeDefinition[]): void {
	const structured = types.filter(
		(type): type is StructuredTypeDefinition => type.kind === 'structured',
	);
	const byName = new Map<string, StructuredTypeDefinition>();
	for (const type of structured) {
		const key = versionKey(type.version, type.name);
		byName.set(key, byName.get(key) ?? type);
	}
	for (const type of structured) {
		type.isEntity = type.isEntity || hasEntityBase(type, byName);
	}
}

function hasEntityBase(
	type: StructuredTypeDefinition,
	byName: Map<string, StructuredTypeDefinition>,
): boolean {
	let current: StructuredTypeDefinition | undefined = type;
	const seen = new Set<StructuredTypeDefinition>();
	for (let depth = 0; depth < MAX_BASE_DEPTH && current?.baseType !== undefined; depth++) {
		seen.add(current);
		const base: string = current.baseType;
		if (base.toLowerCase() === `${DEFAULT_NAMESPACE}.entity`) {
			return true;
		}
		current =
			byName.get(versionKey(type.version, base)) ?? byName.get(versionKey(undefined, base));
		if (current === undefined || seen.has(current)) {
			return false;
		}
		if (current.isEntity) {
			return true;
		}
	}
	return false;
}
