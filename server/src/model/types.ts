/**
 * The type model shared by every source reader, the validator and the language features.
 * Readers produce `TypeDefinition`s; `TypeModel` (model/typeModel.ts) indexes and resolves them.
 */

/** The two published versions of Microsoft Graph. */
export type ApiVersion = 'beta' | 'v1.0';

/** The Edm primitive types the OData JSON format defines, plus `Url`, a String with a hint. */
export type PrimitiveName =
	| 'String'
	| 'Boolean'
	| 'Byte'
	| 'SByte'
	| 'Int16'
	| 'Int32'
	| 'Int64'
	| 'Single'
	| 'Double'
	| 'Decimal'
	| 'DateTimeOffset'
	| 'Date'
	| 'TimeOfDay'
	| 'Duration'
	| 'Guid'
	| 'Binary'
	| 'Stream'
	| 'Json'
	| 'Untyped'
	| 'Url';

/**
 * A reference to a type, as written in a source. Named references keep the name the source wrote
 * (qualified where the reader could qualify it); the model resolves them lazily.
 */
export type TypeRef =
	| { kind: 'primitive'; name: PrimitiveName }
	| { kind: 'named'; name: string }
	| { kind: 'collection'; of: TypeRef }
	| { kind: 'union'; of: TypeRef[] }
	/** A type the reader could not understand: anything goes, and a problem was reported. */
	| { kind: 'any' };

/** Where a definition came from: a file and a zero-based line in it. */
export interface SourceLocation {
	fsPath: string;
	line: number;
}

/** Which kind of source produced a definition; CSDL decides structure, pages describe. */
export type SourceKind = 'page' | 'csdl' | 'bundled';

export interface PropertyDefinition {
	name: string;
	type: TypeRef;
	description: string;
	/** A relationship (navigation property) rather than a structural property. */
	isRelationship: boolean;
	/**
	 * `false` when a source forbids null. `nullableSource` tells which: CSDL `Nullable="false"`
	 * gives an error, a page's "Not nullable"/"Required" only a warning.
	 */
	nullable?: boolean;
	nullableSource?: SourceKind;
	/** Enum members named in the description ("Possible values are: `a`, `b`."). */
	descriptionEnum?: string[];
	/** An inclusive integer range named in the description ("Valid values 0 to 4294967295"). */
	range?: { min: bigint; max: bigint };
	location?: SourceLocation;
}

export interface StructuredTypeDefinition {
	kind: 'structured';
	/** Namespace-qualified name as the source spells it, without a leading '#'. */
	name: string;
	/** Qualified name of the base type, if any. */
	baseType?: string;
	isAbstract: boolean;
	isOpen: boolean;
	isEntity: boolean;
	description: string;
	properties: PropertyDefinition[];
	location?: SourceLocation;
	source: SourceKind;
	/** The API version the source belongs to; undefined for version-neutral sources. */
	version?: ApiVersion;
}

export interface EnumMember {
	name: string;
	value?: number;
	description: string;
	location?: SourceLocation;
}

export interface EnumTypeDefinition {
	kind: 'enum';
	name: string;
	members: EnumMember[];
	isFlags: boolean;
	description: string;
	location?: SourceLocation;
	source: SourceKind;
	version?: ApiVersion;
}

export type TypeDefinition = StructuredTypeDefinition | EnumTypeDefinition;

/** Something a reader could not fully understand. Reading goes on; the problem is reported. */
export interface SourceProblem {
	fsPath: string;
	/** Zero-based line. */
	line: number;
	message: string;
	/** `error`: the file or a whole type was lost; `warning`: a row or a cell was. */
	severity: 'error' | 'warning';
}

/** What one source file yields. */
export interface SourceResult {
	types: TypeDefinition[];
	problems: SourceProblem[];
}
