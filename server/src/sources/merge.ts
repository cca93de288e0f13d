/**
 * Merges a CSDL definition with reference pages of the same qualified name and version: CSDL
 * decides structure (properties, their types and nullability, base type, flags, enum members),
 * pages supply descriptions, description-derived enums and ranges, and go-to-definition targets.
 * Every disagreement becomes a warning at the page, so documentation drift is visible.
 */
import type {
	EnumMember,
	EnumTypeDefinition,
	PrimitiveName,
	PropertyDefinition,
	SourceLocation,
	SourceProblem,
	StructuredTypeDefinition,
	TypeDefinition,
	TypeRef,
} from '../model/types';

export interface MergeOptions {
	/**
	 * Finds a CSDL definition by qualified name, for the base types of the type being merged.
	 * Pages often repeat inherited rows (`id` from `entity`; Intune pages list every inherited
	 * property); rows CSDL declares on a base type are then not reported as missing from CSDL.
	 */
	findCsdlType?: (qualifiedName: string) => TypeDefinition | undefined;
}

export interface MergeResult {
	merged: TypeDefinition;
	problems: SourceProblem[];
}

interface MergeContext {
	typeName: string;
	/** Where type-level problems go: the first page with a location, else the CSDL definition. */
	place: SourceLocation;
	problems: SourceProblem[];
}

/** Merge a CSDL definition with the page definitions of the same qualified name and version. */
export function mergeCsdlWithPages(
	csdl: TypeDefinition,
	pages: TypeDefinition[],
	options: MergeOptions = {},
): MergeResult {
	if (pages.length === 0) {
		return { merged: csdl, problems: [] };
	}
	const pageLocation = pages.find((page) => page.location !== undefined)?.location;
	const context: MergeContext = {
		typeName: csdl.name,
		place: pageLocation ?? csdl.location ?? { fsPath: '', line: 0 },
		problems: [],
	};
	const sameKind = pages.filter((page) => page.kind === csdl.kind);
	if (sameKind.length < pages.length) {
		warn(
			context,
			`${csdl.name}: the page describes a ${otherKind(csdl.kind)}, CSDL ${kindName(csdl.kind)}; the CSDL definition is used`,
		);
	}
	const merged =
		csdl.kind === 'structured'
			? mergeStructured(csdl, sameKind as StructuredTypeDefinition[], context, options)
			: mergeEnum(csdl, sameKind as EnumTypeDefinition[], context);
	merged.description = firstNonEmpty(pages.map((page) => page.description)) || csdl.description;
	merged.location = pageLocation ?? csdl.location;
	return { merged, problems: context.problems };
}

function kindName(kind: TypeDefinition['kind']): string {
	return kind === 'enum' ? 'an enum' : 'a structured type';
}

function otherKind(kind: TypeDefinition['kind']): string {
	return kind === 'enum' ? 'structured type' : 'enum';
}

function firstNonEmpty(texts: readonly string[]): string {
	return texts.find((text) => text.trim() !== '') ?? '';
}

function warn(context: MergeContext, message: string, location?: SourceLocation): void {
	const at = location ?? context.place;
	context.problems.push({ fsPath: at.fsPath, line: at.line, message, severity: 'warning' });
}

/** Items of CSDL and pages paired by name: exactly first, then ignoring case. */
interface Pairing<T> {
	pageFor: Map<string, T>;
	csdlOnly: string[];
	pageOnly: T[];
	/** Pairs found only by ignoring case: the CSDL name and the page item. */
	respelled: [string, T][];
}

function pairByName<T extends { name: string; location?: SourceLocation }>(
	csdlNames: readonly string[],
	pageItems: readonly T[],
): Pairing<T> {
	// The first page row of a name wins, as the first description does.
	const unmatched = new Map<string, T>();
	for (const item of pageItems) {
		if (!unmatched.has(item.name)) {
			unmatched.set(item.name, item);
		}
	}
	const pageFor = new Map<string, T>();
	for (const name of csdlNames) {
		const exact = unmatched.get(name);
		if (exact !== undefined) {
			pageFor.set(name, exact);
			unmatched.delete(name);
		}
	}
	const csdlOnly: string[] = [];
	const respelled: [string, T][] = [];
	for (const name of csdlNames.filter((item) => !pageFor.has(item))) {
		const lower = name.toLowerCase();
		const loose = [...unmatched.values()].find((item) => item.name.toLowerCase() === lower);
		if (loose === undefined) {
			csdlOnly.push(name);
		} else {
			pageFor.set(name, loose);
			unmatched.delete(loose.name);
			respelled.push([name, loose]);
		}
	}
	return { pageFor, csdlOnly, pageOnly: [...unmatched.values()], respelled };
}

/** One warning per type for names the page writes in another case, at the first such row. */
function reportRespelled<T extends { name: string; location?: SourceLocation }>(
	context: MergeContext,
	respelled: readonly [string, T][],
	noun: 'property' | 'member',
): void {
	if (respelled.length === 0) {
		return;
	}
	const one = respelled.length === 1;
	const list = respelled.map(([name, item]) => `"${item.name}" (CSDL "${name}")`).join(', ');
	const nouns = one ? noun : noun === 'property' ? 'properties' : 'members';
	warn(
		context,
		`${context.typeName}: the page spells ${one ? 'a' : respelled.length} ${nouns} in another case: ${list}; the CSDL ${one ? 'spelling is' : 'spellings are'} used`,
		firstLocation(respelled.map(([, item]) => item.location)),
	);
}

/** The earliest of some locations (rows of one page, in practice). */
function firstLocation(
	locations: readonly (SourceLocation | undefined)[],
): SourceLocation | undefined {
	let first: SourceLocation | undefined;
	for (const location of locations) {
		if (location !== undefined && (first === undefined || location.line < first.line)) {
			first = location;
		}
	}
	return first;
}

function mergeStructured(
	csdl: StructuredTypeDefinition,
	pages: readonly StructuredTypeDefinition[],
	context: MergeContext,
	options: MergeOptions,
): StructuredTypeDefinition {
	const pageProperties = pages.flatMap((page) => page.properties);
	const names = csdl.properties.map((property) => property.name);
	const pairing = pairByName(names, pageProperties);
	const properties = csdl.properties.map((property) =>
		mergeProperty(property, pairing.pageFor.get(property.name), context),
	);
	const inherited = inheritedPropertyNames(csdl, options.findCsdlType);
	if (pages.length > 0) {
		const pageOnly = pairing.pageOnly.filter((property) => !inherited.has(property.name));
		reportRespelled(context, pairing.respelled, 'property');
		reportUnpaired(
			context,
			pageOnly.map((property) => property.name),
			'property',
			'page',
		);
		reportUnpaired(context, pairing.csdlOnly, 'property', 'csdl');
	}
	return { ...csdl, properties };
}

/** Names of the properties of the base types, as far as `find` knows them. */
function inheritedPropertyNames(
	type: StructuredTypeDefinition,
	find: MergeOptions['findCsdlType'],
): Set<string> {
	const names = new Set<string>();
	const visited = new Set<string>([type.name]);
	let baseName = type.baseType;
	while (find !== undefined && baseName !== undefined && !visited.has(baseName)) {
		visited.add(baseName);
		const base = find(baseName);
		if (base?.kind !== 'structured') {
			break;
		}
		for (const property of base.properties) {
			names.add(property.name);
		}
		baseName = base.baseType;
	}
	return names;
}

/**
 * One warning per type and side, listing every name: a page that lags CSDL by twenty properties
 * gives two readable problems rather than twenty.
 */
function reportUnpaired(
	context: MergeContext,
	names: readonly string[],
	noun: 'property' | 'member',
	side: 'page' | 'csdl',
): void {
	if (names.length === 0) {
		return;
	}
	const one = names.length === 1;
	const counted = `${names.length} ${one ? noun : noun === 'property' ? 'properties' : 'members'}`;
	const where = side === 'page' ? 'on the page' : 'in CSDL';
	const missing = side === 'page' ? 'not in CSDL' : 'not on the page';
	const what = noun === 'property' ? 'the structure' : 'the members';
	const verdict = side === 'page' ? 'not accepted' : 'accepted';
	warn(
		context,
		`${context.typeName}: ${counted} ${where} ${one ? 'is' : 'are'} ${missing}: ${names.join(', ')}. CSDL decides ${what}, so ${one ? 'it is' : 'they are'} ${verdict}.`,
	);
}

function mergeProperty(
	csdl: PropertyDefinition,
	page: PropertyDefinition | undefined,
	context: MergeContext,
): PropertyDefinition {
	if (page === undefined) {
		return csdl;
	}
	if (!isSameType(page.type, csdl.type)) {
		warn(
			context,
			`${context.typeName}.${csdl.name}: the page says ${formatType(page.type)}, CSDL says ${formatType(csdl.type)}; the CSDL type ${formatType(csdl.type)} is used`,
			page.location,
		);
	}
	const merged: PropertyDefinition = {
		...csdl,
		description: page.description.trim() !== '' ? page.description : csdl.description,
		location: page.location ?? csdl.location,
	};
	if (page.descriptionEnum !== undefined) {
		merged.descriptionEnum = page.descriptionEnum;
	}
	if (page.range !== undefined) {
		merged.range = page.range;
	}
	return merged;
}

function mergeEnum(
	csdl: EnumTypeDefinition,
	pages: readonly EnumTypeDefinition[],
	context: MergeContext,
): EnumTypeDefinition {
	const pageMembers = pages.flatMap((page) => page.members);
	const names = csdl.members.map((member) => member.name);
	const pairing = pairByName(names, pageMembers);
	const members = csdl.members.map((member) =>
		mergeMember(member, pairing.pageFor.get(member.name)),
	);
	if (pages.length > 0) {
		reportValueDifferences(context, csdl.members, pairing.pageFor);
		reportRespelled(context, pairing.respelled, 'member');
		reportUnpaired(
			context,
			pairing.pageOnly.map((member) => member.name),
			'member',
			'page',
		);
		reportUnpaired(context, pairing.csdlOnly, 'member', 'csdl');
	}
	return { ...csdl, members };
}

function mergeMember(csdl: EnumMember, page: EnumMember | undefined): EnumMember {
	if (page === undefined) {
		return csdl;
	}
	return {
		...csdl,
		description: page.description.trim() !== '' ? page.description : csdl.description,
		location: page.location ?? csdl.location,
	};
}

/** One warning per enum whose page numbers members differently, at the first such row. */
function reportValueDifferences(
	context: MergeContext,
	members: readonly EnumMember[],
	pageFor: ReadonlyMap<string, EnumMember>,
): void {
	const differences: string[] = [];
	const rows: (SourceLocation | undefined)[] = [];
	for (const member of members) {
		const page = pageFor.get(member.name);
		if (
			page?.value === undefined ||
			member.value === undefined ||
			page.value === member.value
		) {
			continue;
		}
		differences.push(`${member.name} (page ${page.value}, CSDL ${member.value})`);
		rows.push(page.location);
	}
	if (differences.length > 0) {
		warn(
			context,
			`${context.typeName}: the page gives other values than CSDL to ${differences.join(', ')}; the CSDL values are used`,
			firstLocation(rows),
		);
	}
}

/**
 * Spellings that mean the same JSON value: Url is a String with a hint; Json and Untyped are
 * anything.
 */
const EQUIVALENT: ReadonlyMap<PrimitiveName, PrimitiveName> = new Map<PrimitiveName, PrimitiveName>(
	[
		['Url', 'String'],
		['Untyped', 'Json'],
	],
);

/**
 * Whether a page's type agrees with CSDL's. A type either side could not understand agrees with
 * anything (its reader already reported it); a union agrees when one of its members does.
 */
export function isSameType(page: TypeRef, csdl: TypeRef): boolean {
	if (page.kind === 'any' || csdl.kind === 'any') {
		return true;
	}
	if (page.kind === 'union') {
		return page.of.some((member) => isSameType(member, csdl));
	}
	if (csdl.kind === 'union') {
		return csdl.of.some((member) => isSameType(page, member));
	}
	if (page.kind === 'collection' || csdl.kind === 'collection') {
		return (
			page.kind === 'collection' && csdl.kind === 'collection' && isSameType(page.of, csdl.of)
		);
	}
	if (page.kind === 'primitive' && csdl.kind === 'primitive') {
		return (
			(EQUIVALENT.get(page.name) ?? page.name) === (EQUIVALENT.get(csdl.name) ?? csdl.name)
		);
	}
	if (page.kind === 'named' && csdl.kind === 'named') {
		return isSameName(page.name, csdl.name);
	}
	return false;
}

/**
 * Namespaces differ in case between pages and CSDL (`termstore`, `termStore`), and a page reader
 * qualifies a bare name with a guessed namespace (`microsoft.graph.workloadActionStatus` for
 * `microsoft.graph.managedTenants.workloadActionStatus`): the local names decide.
 */
function isSameName(page: string, csdl: string): boolean {
	return localName(page.toLowerCase()) === localName(csdl.toLowerCase());
}

function localName(name: string): string {
	return name.slice(name.lastIndexOf('.') + 1);
}

/** A type as messages show it: `String`, `microsoft.graph.actionState`, `Collection(Int32)`. */
export function formatType(type: TypeRef): string {
	switch (type.kind) {
		case 'primitive':
		case 'named':
			return type.name;
		case 'collection':
			return `Collection(${formatType(type.of)})`;
		case 'union':
			return type.of.map(formatType).join(' or ');
		case 'any':
			return 'an unknown type';
	}
}
