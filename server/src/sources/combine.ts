/**
 * Combines the definitions of every source into the set the model indexes (DESIGN.md, "Where
 * types come from"): pieces of one type split over several pages are merged; a user's page
 * replaces the bundled definition of the same name; CSDL decides structure and pages describe.
 */
import { bucketOf } from '../model/typeModel';
import type { Bucket } from '../model/typeModel';
import type {
	EnumTypeDefinition,
	SourceProblem,
	StructuredTypeDefinition,
	TypeDefinition,
} from '../model/types';
import { mergeCsdlWithPages } from './merge';

export interface SourceDefinitions {
	bundled: readonly TypeDefinition[];
	pages: readonly TypeDefinition[];
	csdl: readonly TypeDefinition[];
}

export interface CombinedDefinitions {
	definitions: TypeDefinition[];
	/** Disagreements between CSDL and pages. */
	problems: SourceProblem[];
}

export function combineSources(sources: SourceDefinitions): CombinedDefinitions {
	const pages = groupPieces(sources.pages);
	const bundled = groupPieces(sources.bundled);
	const userNames = new Set(
		[...sources.pages, ...sources.csdl].map((definition) => definition.name.toLowerCase()),
	);
	const problems: SourceProblem[] = [];
	const definitions: TypeDefinition[] = [];
	/** Pages merged into a CSDL definition of their own version (or both version-neutral). */
	const replaced = new Set<TypeDefinition>();
	const csdlByKey = new Map(
		sources.csdl.map((item) => [pieceKey(bucketOf(item), item.name), item]),
	);
	for (const csdl of sources.csdl) {
		const described = describingPages(csdl, pages, bundled);
		for (const page of described) {
			if (bucketOf(page) === bucketOf(csdl)) {
				replaced.add(page);
			}
		}
		if (described.length === 0) {
			definitions.push(csdl);
			continue;
		}
		// Pages repeat rows of base types (Intune's "Inherited from"); the merge asks CSDL
		// for the bases so that those rows are not reported as missing from CSDL.
		const merged = mergeCsdlWithPages(csdl, described, {
			findCsdlType: (name) => csdlByKey.get(pieceKey(bucketOf(csdl), name)),
		});
		definitions.push(merged.merged);
		problems.push(...merged.problems);
	}
	for (const page of pages.values()) {
		// A page merged into CSDL of its own version is replaced by the merge (also when its
		// name differs in case: one type, spelled as CSDL spells it); a version-neutral page
		// merged into versioned CSDL still serves documents of the other version.
		if (!replaced.has(page)) {
			definitions.push(page);
		}
	}
	for (const definition of bundled.values()) {
		if (!userNames.has(definition.name.toLowerCase())) {
			definitions.push(definition);
		}
	}
	return { definitions, problems };
}

function pieceKey(bucket: Bucket, name: string): string {
	return `${bucket}\u0000${name.toLowerCase()}`;
}

/** The pages that describe a CSDL type: same version, else version-neutral, else bundled. */
function describingPages(
	csdl: TypeDefinition,
	pages: Map<string, TypeDefinition>,
	bundled: Map<string, TypeDefinition>,
): TypeDefinition[] {
	const candidates = [
		pages.get(pieceKey(bucketOf(csdl), csdl.name)),
		pages.get(pieceKey('neutral', csdl.name)),
		bundled.get(pieceKey('neutral', csdl.name)),
	];
	const found = candidates.find((item) => item !== undefined && item.kind === csdl.kind);
	return found ? [found] : [];
}

/** Merges the pieces of each type (same version and name): Intune types span several pages. */
function groupPieces(definitions: readonly TypeDefinition[]): Map<string, TypeDefinition> {
	const groups = new Map<string, TypeDefinition>();
	for (const definition of definitions) {
		const key = pieceKey(bucketOf(definition), definition.name);
		const existing = groups.get(key);
		if (!existing) {
			groups.set(key, definition);
		} else if (existing.kind === 'structured' && definition.kind === 'structured') {
			groups.set(key, mergeStructuredPieces(existing, definition));
		} else if (existing.kind === 'enum' && definition.kind === 'enum') {
			groups.set(key, mergeEnumPieces(existing, definition));
		}
	}
	return groups;
}

function mergeStructuredPieces(
	first: StructuredTypeDefinition,
	second: StructuredTypeDefinition,
): StructuredTypeDefinition {
	const names = new Set(first.properties.map((property) => property.name));
	return {
		...first,
		baseType: first.baseType ?? second.baseType,
		isAbstract: first.isAbstract || second.isAbstract,
		isOpen: first.isOpen || second.isOpen,
		isEntity: first.isEntity || second.isEntity,
		description: first.description || second.description,
		properties: [
			...first.properties,
			...second.properties.filter((property) => !names.has(property.name)),
		],
	};
}

function mergeEnumPieces(
	first: EnumTypeDefinition,
	second: EnumTypeDefinition,
): EnumTypeDefinition {
	const names = new Set(first.members.map((member) => member.name));
	return {
		...first,
		description: first.description || second.description,
		members: [...first.members, ...second.members.filter((member) => !names.has(member.name))],
	};
}
