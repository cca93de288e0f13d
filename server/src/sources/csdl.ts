/**
 * The CSDL (`$metadata`, OData 4.0 XML) reader. CSDL decides the structure of types: property
 * types, nullability, base types, abstract and open types, enum members and flags.
 */
export { parseCsdl, versionFromFileName, type CsdlParseResult } from './csdl/parse';
export {
	loadMetadata,
	MetadataCache,
	type MetadataLoadOptions,
	type MetadataLoadResult,
} from './csdl/load';
