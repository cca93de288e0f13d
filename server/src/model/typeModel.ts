/**
 * The index over every loaded type definition: versioned, case-aware lookup, reference
 * resolution, inheritance and effective properties. Built once per load and then read-only, so
 * its caches never need invalidating.
 */
import { closestMatch } from './suggest';
import type {
	ApiVersion,
	EnumTypeDefinition,
	PrimitiveName,
	PropertyDefinition,
	StructuredTypeDefinition,
	TypeDefinition,
	TypeRef,
} from './types';

/** Where a definition lives: its API version, or `neutral` for version-less sources. */
export type Bucket = ApiVersion | 'neutral';

/** A type reference after lookup: what a value must be. */
export type ResolvedType =
	| { kind: 'primitive'; name: PrimitiveName }
	| { kind: 'enum'; type: EnumTypeDefinition }
	| { kind: 'structured'; type: StructuredTypeDefinition }
	| { kind: 'collection'; of: ResolvedType }
	| { kind: 'union'; of: ResolvedType[] }
	| { kind: 'any'; unresolvedName?: string };

export interface ResolvedProperty {
	definition: PropertyDefinition;
	/** The type (the object's own or a base type) whose source defines the property. */
	declaringType: StructuredTypeDefinition;
	type: ResolvedType;
}

/** A tag lookup: `exact` is false when only a case-insensitive match was found. */
export interface TypeLookup {
	type: TypeDefinition;
	exact: boolean;
}

/** Lookups by name (see TypeModel.find): null for none. */
type Lookups = Map<string, TypeLookup | null>;

/** Suggestions, and lookups, kept before their cache starts again. */
const maxCachedSuggestions = 10_000;
const maxCachedLookups = 10_000;

/** Inheritance chains are at most 4 deep in Graph; anything near this is a cycle or junk. */
const maxBaseDepth = 64;

const bucketOrder: Record<ApiVersion, Bucket[]> = {
	beta: ['beta', 'neutral', 'v1.0'],
	'v1.0': ['v1.0', 'neutral', 'beta'],
};

export function bucketOf(definition: TypeDefinition): Bucket {
	return definition.version ?? 'neutral';
}

/** Splits `a.b.c` into namespace `a.b` and name `c`. */
export function splitQualifiedName(name: string): { namespace: string; shortName: string } {
	const dot = name.lastIndexOf('.');
	return dot < 0
		? { namespace: '', shortName: name }
		: { namespace: name.slice(0, dot), shortName: name.slice(dot + 1) };
}

/** Namespaces compare without case (`termstore` vs `termStore`); type names with case. */
function isExactName(definitionName: string, name: string): boolean {
	const a = splitQualifiedName(definitionName);
	const b = splitQualifiedName(name);
	return a.shortName === b.shortName && a.namespace.toLowerCase() === b.namespace.toLowerCase();
}

export class TypeModel {
	private readonly byName = new Map<Bucket, Map<string, TypeDefinition[]>>();
	private readonly byShortName = new Map<Bucket, Map<string, TypeDefinition[]>>();
	/** Effective properties per type and document version (a neutral type's bases vary by version). */
	private readonly propertyCache = new Map<
		StructuredTypeDefinition,
		Map<ApiVersion, Map<string, ResolvedProperty>>
	>();
	private readonly derivedCache = new Map<string, StructuredTypeDefinition[]>();
	private readonly definitions: TypeDefinition[] = [];
	private readonly shortNames = new Map<boolean, Map<string, string>>();
	/**
	 * Suggestions already made: a collection repeats the same wrong tag thousands of times.
	 * Bounded, since a document may also hold any number of different wrong names.
	 */
	private readonly suggestions = new Map<string, string | undefined>();
	/**
	 * Lookups already made (by find), per version, then as a name and as a tag: each problem
	 * in a collection looks its item's tag up again. Bounded like the suggestions.
	 */
	private readonly lookups: Record<ApiVersion, [Lookups, Lookups]> = {
		beta: [new Map(), new Map()],
		'v1.0': [new Map(), new Map()],
	};
	private hasLookups = false;
	/** Named references that no definition answers, each treated as "anything goes". */
	readonly unresolvedNames = new Set<string>();

	constructor(definitions: readonly TypeDefinition[]) {
		for (const definition of definitions) {
			this.add(definition);
		}
		this.addDescriptionEnums();
	}

	get typeCount(): number {
		return this.definitions.length;
	}

	/** Every definition, in load order. */
	all(): readonly TypeDefinition[] {
		return this.definitions;
	}

	/** Distinct qualified names of every structured and enum type, sorted. */
	allNames(): string[] {
		const names = new Set(this.definitions.map((definition) => definition.name));
		return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	}

	/**
	 * Finds the type a tag names: the document's version first, then version-neutral sources,
	 * then the other version; an exact match anywhere wins over a match that ignores case.
	 */
	find(name: string, version: ApiVersion, options?: { isTag?: boolean }): TypeLookup | undefined {
		const isTag = options?.isTag === true;
		const lookups = this.lookups[version][isTag ? 1 : 0];
		let found = lookups.get(name);
		if (found === undefined) {
			found = this.lookUp(name, version, isTag) ?? null;
			if (lookups.size >= maxCachedLookups) {
				lookups.clear();
			}
			lookups.set(name, found);
			this.hasLookups = true;
		}
		return found ?? undefined;
	}

	private lookUp(name: string, version: ApiVersion, isTag: boolean): TypeLookup | undefined {
		const key = name.toLowerCase();
		// Sources spell namespaces in either case (termstore, termStore); a tag is an OData
		// payload value, where names are case-sensitive throughout.
		const isExact = isTag
			? (definitionName: string) => definitionName === name
			: (definitionName: string) => isExactName(definitionName, name);
		let inexact: TypeDefinition | undefined;
		for (const bucket of bucketOrder[version]) {
			for (const definition of this.byName.get(bucket)?.get(key) ?? []) {
				if (isExact(definition.name)) {
					return { type: definition, exact: true };
				}
				inexact ??= definition;
			}
		}
		return inexact && { type: inexact, exact: false };
	}

	/**
	 * Resolves a name written in a source: as written, then in microsoft.graph, then by its short
	 * name when that is unique in the version (pages sometimes link by file name only).
	 */
	resolveName(name: string, version: ApiVersion): TypeDefinition | undefined {
		const direct = this.find(name, version);
		if (direct) {
			return direct.type;
		}
		const { namespace, shortName } = splitQualifiedName(name);
		if (namespace.toLowerCase() !== 'microsoft.graph') {
			const inGraph = this.find(`microsoft.graph.${shortName}`, version);
			if (inGraph) {
				return inGraph.type;
			}
		}
		for (const bucket of bucketOrder[version]) {
			const matches = this.byShortName.get(bucket)?.get(shortName.toLowerCase()) ?? [];
			if (matches.length === 1) {
				return matches[0];
			}
		}
		return undefined;
	}

	resolveRef(ref: TypeRef, version: ApiVersion): ResolvedType {
		switch (ref.kind) {
			case 'primitive':
				return ref;
			case 'any':
				return { kind: 'any' };
			case 'collection':
				return { kind: 'collection', of: this.resolveRef(ref.of, version) };
			case 'union':
				return { kind: 'union', of: ref.of.map((item) => this.resolveRef(item, version)) };
			case 'named': {
				const definition = this.resolveName(ref.name, version);
				if (!definition) {
					this.unresolvedNames.add(ref.name);
					return { kind: 'any', unresolvedName: ref.name };
				}
				return definition.kind === 'enum'
					? { kind: 'enum', type: definition }
					: { kind: 'structured', type: definition };
			}
		}
	}

	/** The type and its bases, most derived first; stops at a cycle or a missing base. */
	baseChain(type: StructuredTypeDefinition, version: ApiVersion): StructuredTypeDefinition[] {
		const chain = [type];
		const seen = new Set([type]);
		let current = type;
		while (current.baseType && chain.length < maxBaseDepth) {
			const base = this.resolveName(current.baseType, version);
			if (!base || base.kind !== 'structured' || seen.has(base)) {
				if (!base) {
					this.unresolvedNames.add(current.baseType);
				}
				break;
			}
			chain.push(base);
			seen.add(base);
			current = base;
		}
		return chain;
	}

	/** Own properties plus the base chain's, own rows winning (Intune pages repeat inherited rows). */
	propertiesOf(
		type: StructuredTypeDefinition,
		version: ApiVersion,
	): Map<string, ResolvedProperty> {
		let byVersion = this.propertyCache.get(type);
		if (!byVersion) {
			byVersion = new Map();
			this.propertyCache.set(type, byVersion);
		}
		let properties = byVersion.get(version);
		if (properties) {
			return properties;
		}
		properties = new Map();
		for (const declaringType of this.baseChain(type, version)) {
			for (const definition of declaringType.properties) {
				if (!properties.has(definition.name)) {
					const resolved = reconcileEnum(
						this.resolveRef(definition.type, version),
						definition,
					);
					properties.set(definition.name, { definition, declaringType, type: resolved });
				}
			}
		}
		byVersion.set(version, properties);
		return properties;
	}

	/**
	 * Whether any extra property is allowed: a type in the chain is open, or the chain names a
	 * base type that no source defines, whose properties are then unknown ("anything goes").
	 */
	isOpen(type: StructuredTypeDefinition, version: ApiVersion): boolean {
		const chain = this.baseChain(type, version);
		const last = chain[chain.length - 1];
		const isBaseMissing =
			last.baseType !== undefined && !this.resolveName(last.baseType, version);
		return isBaseMissing || chain.some((item) => item.isOpen);
	}

	isDerivedFrom(
		type: StructuredTypeDefinition,
		ancestor: StructuredTypeDefinition,
		version: ApiVersion,
	): boolean {
		const name = ancestor.name.toLowerCase();
		return this.baseChain(type, version).some((item) => item.name.toLowerCase() === name);
	}

	/** Every structured type derived (directly or not) from `type`, itself included. */
	derivedTypes(type: StructuredTypeDefinition, version: ApiVersion): StructuredTypeDefinition[] {
		const key = `${version}\u0000${type.name.toLowerCase()}`;
		let derived = this.derivedCache.get(key);
		if (!derived) {
			derived = this.definitions.filter(
				(item): item is StructuredTypeDefinition =>
					item.kind === 'structured' && this.isDerivedFrom(item, type, version),
			);
			this.derivedCache.set(key, derived);
		}
		return derived;
	}

	/** The known qualified name closest to a misspelled one, for "did you mean". */
	suggestName(name: string, options?: { structuredOnly?: boolean }): string | undefined {
		const structuredOnly = options?.structuredOnly === true;
		const key = `${structuredOnly}|${name}`;
		if (this.suggestions.has(key)) {
			return this.suggestions.get(key);
		}
		const byShort = this.shortNamesFor(structuredOnly);
		const match = closestMatch(splitQualifiedName(name).shortName, byShort.keys());
		const suggestion = match === undefined ? undefined : byShort.get(match);
		if (this.suggestions.size >= maxCachedSuggestions) {
			this.suggestions.clear();
		}
		this.suggestions.set(key, suggestion);
		return suggestion;
	}

	/** Short name → qualified name of every definition (or every structured one), built once. */
	private shortNamesFor(structuredOnly: boolean): Map<string, string> {
		let byShort = this.shortNames.get(structuredOnly);
		if (byShort === undefined) {
			byShort = new Map();
			for (const definition of this.definitions) {
				if (!structuredOnly || definition.kind === 'structured') {
					byShort.set(splitQualifiedName(definition.name).shortName, definition.name);
				}
			}
			this.shortNames.set(structuredOnly, byShort);
		}
		return byShort;
	}

	private add(definition: TypeDefinition): void {
		const bucket = bucketOf(definition);
		const { shortName } = splitQualifiedName(definition.name);
		addTo(this.byName, bucket, definition.name.toLowerCase(), definition);
		addTo(this.byShortName, bucket, shortName.toLowerCase(), definition);
		this.definitions.push(definition);
		// Description enums are added after lookups were made for them.
		if (this.hasLookups) {
			this.hasLookups = false;
			for (const kept of Object.values(this.lookups).flat()) {
				kept.clear();
			}
		}
	}

	/**
	 * Pages often name an enum only by the values in a property's description (the seed page's
	 * actionState). When no definition answers such a name, those values define the enum; an
	 * enum page or CSDL, when loaded, wins because it resolves first.
	 */
	private addDescriptionEnums(): void {
		const created = new Map<string, EnumTypeDefinition>();
		for (const type of [...this.definitions]) {
			if (type.kind !== 'structured') {
				continue;
			}
			const version: ApiVersion = type.version ?? 'beta';
			for (const property of type.properties) {
				const name = namedTarget(property.type);
				if (!name || !property.descriptionEnum?.length) {
					continue;
				}
				const key = `${bucketOf(type)}\u0000${name.toLowerCase()}`;
				const existing = created.get(key);
				if (existing) {
					mergeMembers(existing, property);
				} else if (!this.resolveName(name, version)) {
					const definition = descriptionEnum(name, type, property);
					created.set(key, definition);
					this.add(definition);
				}
			}
		}
	}
}

/**
 * An enum table that shares no member with the values the property's own description lists is
 * a documentation slip (v1.0 changeType's table was copied from another enum); rather than
 * reject the values the page itself names, the property accepts both lists.
 */
function reconcileEnum(type: ResolvedType, property: PropertyDefinition): ResolvedType {
	const listed = property.descriptionEnum;
	const target = type.kind === 'collection' ? type.of : type;
	if (target.kind !== 'enum' || !listed?.length || target.type.source === 'csdl') {
		return type;
	}
	const members = new Set(target.type.members.map((member) => member.name));
	if (listed.some((name) => members.has(name))) {
		return type;
	}
	const union: ResolvedType = {
		kind: 'enum',
		type: {
			...target.type,
			members: [
				...target.type.members,
				...listed.map((name) => ({ name, description: '', location: property.location })),
			],
		},
	};
	return type.kind === 'collection' ? { kind: 'collection', of: union } : union;
}

function addTo<T>(
	index: Map<Bucket, Map<string, T[]>>,
	bucket: Bucket,
	key: string,
	value: T,
): void {
	let map = index.get(bucket);
	if (!map) {
		map = new Map();
		index.set(bucket, map);
	}
	const list = map.get(key);
	if (list) {
		list.push(value);
	} else {
		map.set(key, [value]);
	}
}

/** The named type a property refers to, through one level of collection. */
function namedTarget(ref: TypeRef): string | undefined {
	if (ref.kind === 'named') {
		return ref.name;
	}
	return ref.kind === 'collection' && ref.of.kind === 'named' ? ref.of.name : undefined;
}

function descriptionEnum(
	name: string,
	owner: StructuredTypeDefinition,
	property: PropertyDefinition,
): EnumTypeDefinition {
	return {
		kind: 'enum',
		name,
		members: (property.descriptionEnum ?? []).map((member) => ({
			name: member,
			description: '',
			location: property.location,
		})),
		isFlags: false,
		description: `Known from the description of ${owner.name}.${property.name}.`,
		location: property.location,
		source: owner.source,
		version: owner.version,
	};
}

function mergeMembers(definition: EnumTypeDefinition, property: PropertyDefinition): void {
	const names = new Set(definition.members.map((member) => member.name));
	for (const member of property.descriptionEnum ?? []) {
		if (!names.has(member)) {
			names.add(member);
			definition.members.push({ name: member, description: '', location: property.location });
		}
	}
}
