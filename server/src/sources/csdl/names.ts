/**
 * Qualified names and type references in CSDL: alias expansion, `Collection(...)`, the Edm
 * primitives, and type definitions replaced by their underlying primitive.
 */
import type { PrimitiveName, TypeRef } from '../../model/types';

const EDM_PREFIX = 'Edm.';

const EDM_PRIMITIVES: ReadonlyMap<string, PrimitiveName> = new Map<string, PrimitiveName>([
	...(
		[
			'String',
			'Boolean',
			'Byte',
			'SByte',
			'Int16',
			'Int32',
			'Int64',
			'Single',
			'Double',
			'Decimal',
			'DateTimeOffset',
			'Date',
			'TimeOfDay',
			'Duration',
			'Guid',
			'Binary',
			'Stream',
			'Untyped',
		] as const
	).map((name) => [name, name] as const),
	// Abstract types: any primitive value, any object.
	['PrimitiveType', 'Json'],
	['ComplexType', 'Json'],
	['EntityType', 'Json'],
	// Path expressions, written in JSON as strings (vocabularies use them).
	['AnnotationPath', 'String'],
	['PropertyPath', 'String'],
	['NavigationPropertyPath', 'String'],
	['AnyPropertyPath', 'String'],
	['ModelElementPath', 'String'],
]);

/**
 * Spatial values are GeoJSON objects, which the model has no primitive for: they are read as
 * `Json` (any JSON value), and a warning says so once per spatial type and document.
 */
const SPATIAL = /^(?:Geography|Geometry)[A-Za-z]*$/;

/** Integer types an enum may be based on. */
export const ENUM_UNDERLYING_TYPES: ReadonlySet<string> = new Set([
	'Edm.Byte',
	'Edm.SByte',
	'Edm.Int16',
	'Edm.Int32',
	'Edm.Int64',
]);

const COLLECTION = /^Collection\s*\(\s*(.*?)\s*\)$/;

/** Resolves names within one document: aliases of its schemas and of included vocabularies. */
export class NameResolver {
	private readonly aliases = new Map<string, string>();
	private readonly typeDefinitions = new Map<string, string>();
	private readonly notedSpatialTypes = new Set<string>();
	private readonly jsonTypes = new Set<string>();

	addAlias(alias: string, namespace: string): void {
		this.aliases.set(alias, namespace);
	}

	/** Records `<TypeDefinition>`: `underlyingType` as written, resolved when it is used. */
	addTypeDefinition(qualifiedName: string, underlyingType: string): void {
		this.typeDefinitions.set(qualifiedName, underlyingType);
	}

	/**
	 * Records an empty complex type that stands for "any JSON value". Microsoft Graph declares
	 * `<ComplexType Name="Json" />` and sends any JSON there (workbook ranges are arrays of
	 * arrays), so properties of that type are read as the `Json` primitive; the type itself
	 * stays defined, for tags that name it.
	 */
	addJsonType(qualifiedName: string): void {
		this.jsonTypes.add(qualifiedName);
	}

	/** `graph.user` → `microsoft.graph.user` when `graph` is an alias; other names unchanged. */
	qualify(name: string): string {
		const dot = name.lastIndexOf('.');
		if (dot <= 0) {
			return name;
		}
		const namespace = this.aliases.get(name.slice(0, dot));
		return namespace === undefined ? name : `${namespace}${name.slice(dot)}`;
	}

	/**
	 * Reads a `Type` attribute. `report` receives a sentence for anything that could not be
	 * understood; the result is then the closest safe reading.
	 */
	typeRef(text: string, report: (message: string) => void): TypeRef {
		const collection = COLLECTION.exec(text.trim());
		if (collection) {
			// CSDL 4.0 has no nested collections; reading the inner type as a single type keeps
			// a malformed `Collection(Collection(x))` from recursing.
			return { kind: 'collection', of: this.singleTypeRef(collection[1], report) };
		}
		return this.singleTypeRef(text, report);
	}

	private singleTypeRef(text: string, report: (message: string) => void): TypeRef {
		const name = this.qualify(text.trim());
		if (name === '' || name.startsWith('Collection(')) {
			report(`the type "${text}" is not a type name; any value is accepted`);
			return { kind: 'any' };
		}
		if (name.startsWith(EDM_PREFIX)) {
			return { kind: 'primitive', name: this.edmPrimitive(name, report) };
		}
		if (this.jsonTypes.has(name)) {
			return { kind: 'primitive', name: 'Json' };
		}
		const underlying = this.typeDefinitions.get(name);
		if (underlying === undefined) {
			return { kind: 'named', name };
		}
		const primitive = this.qualify(underlying.trim());
		if (!primitive.startsWith(EDM_PREFIX)) {
			report(
				`the type definition ${name} has the underlying type "${underlying}", which is not an Edm primitive; any value is accepted`,
			);
			return { kind: 'any' };
		}
		return { kind: 'primitive', name: this.edmPrimitive(primitive, report) };
	}

	private edmPrimitive(qualifiedName: string, report: (message: string) => void): PrimitiveName {
		const local = qualifiedName.slice(EDM_PREFIX.length);
		const primitive = EDM_PRIMITIVES.get(local);
		if (primitive !== undefined) {
			return primitive;
		}
		if (!SPATIAL.test(local)) {
			report(
				`${qualifiedName} is not an Edm type this reader knows; any JSON value is accepted`,
			);
		} else if (!this.notedSpatialTypes.has(local)) {
			this.notedSpatialTypes.add(local);
			report(
				`${qualifiedName} (first used here) is read as Json: spatial values (GeoJSON) are accepted without being checked`,
			);
		}
		return 'Json';
	}
}
