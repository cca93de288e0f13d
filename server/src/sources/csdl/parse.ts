/** Reads one CSDL (OData 4.0 `$metadata`) document into type definitions. */
import * as path from 'node:path';
import type { ApiVersion, SourceProblem, TypeDefinition } from '../../model/types';
import { DescriptionIndex } from './annotations';
import { report, type ReadContext } from './context';
import { readEnumType } from './enums';
import { NameResolver } from './names';
import { readStructuredType } from './structured';
import {
	attribute,
	elementsOf,
	errorOffset,
	innermostUnclosed,
	LineIndex,
	parsePrefix,
	parseXml,
	type XmlElement,
} from './xml';

export interface CsdlParseResult {
	types: TypeDefinition[];
	problems: SourceProblem[];
	version?: ApiVersion;
}

const WHAT_TO_DO = 'Point graphFixtures.metadata or --metadata at a saved $metadata document.';

/**
 * Parses one document. `version` comes from the file name (`beta`, or `v1.0`/`v1`). Never
 * throws: what cannot be read becomes a problem and the rest is still returned.
 */
export function parseCsdl(fsPath: string, text: string): CsdlParseResult {
	const version = versionFromFileName(fsPath);
	const opened = openDocument(text);
	if ('failure' in opened) {
		const message = `${opened.failure} ${WHAT_TO_DO}`;
		return {
			types: [],
			problems: [{ fsPath, line: opened.line, message, severity: 'error' }],
			version,
		};
	}
	const names = new NameResolver();
	const context: ReadContext = {
		fsPath,
		lines: opened.lines,
		names,
		descriptions: new DescriptionIndex(names),
		problems: [],
	};
	if (opened.broken === undefined) {
		checkComplete(context, opened.root);
	} else {
		context.problems.push({ fsPath, ...opened.broken, severity: 'error' });
	}
	const types = readDocument(context, opened.root);
	for (const type of types) {
		type.version = version;
	}
	return { types, problems: context.problems, version };
}

interface OpenedDocument {
	root: XmlElement;
	lines: LineIndex;
	/** Where the XML broke off, when only the text before it could be read. */
	broken?: { line: number; message: string };
}

/** Parses the text and finds the CSDL root, or says why there is none. */
function openDocument(text: string): OpenedDocument | { failure: string; line: number } {
	const unreadable = describeUnreadableText(text);
	if (unreadable !== undefined) {
		return { failure: unreadable, line: 0 };
	}
	// A byte order mark is not markup; replacing it keeps offsets and lines unchanged.
	const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
	const lines = new LineIndex(body);
	const reading = readXml(body, lines);
	if (reading.failure !== undefined) {
		return {
			failure: `The file is not well-formed XML (${reading.failure.reason}).`,
			line: reading.failure.line,
		};
	}
	const root = reading.roots[0];
	if (root === undefined) {
		return { failure: 'The file holds no XML element; expected <edmx:Edmx>.', line: 0 };
	}
	if (root.tag !== 'Edmx' && root.tag !== 'Schema') {
		const failure = `The root element is <${root.tag}>, not <edmx:Edmx>: this is not a CSDL document.`;
		return { failure, line: lines.lineAt(root.offset) };
	}
	return { root, lines, broken: reading.broken };
}

/**
 * `beta` or `v1.0` when the file name says so (`beta_metadata.xml`, `v1.0-metadata.xml`,
 * `metadata_v1.xml`), else undefined.
 */
export function versionFromFileName(fsPath: string): ApiVersion | undefined {
	// Windows separators too: the name may come from a client on another system.
	const name = path.basename(fsPath.replace(/\\/g, '/'));
	// A word on its own (`beta_metadata`), or a camelCase part (`graphBetaMetadata`).
	const isBeta = /(?<![a-z])beta/i.test(name) || /[a-z]Beta/.test(name);
	const isV1 =
		/(?<![a-z0-9])v1(?:\.0)?(?![0-9])/i.test(name) || /[a-z]V1(?:\.0)?(?![0-9])/.test(name);
	if (isBeta === isV1) {
		return undefined;
	}
	return isBeta ? 'beta' : 'v1.0';
}

/**
 * Why text cannot be a CSDL document before parsing it, or undefined when it might be. Only the
 * start is examined with regular expressions: trimming or copying a large document costs time.
 */
function describeUnreadableText(text: string): string | undefined {
	if (/^\ufeff?\s*$/.test(text)) {
		return 'The file is empty; expected a CSDL $metadata document (<edmx:Edmx>).';
	}
	if (text.includes('\u0000')) {
		return 'The file is binary (it contains NUL characters), not a CSDL $metadata document.';
	}
	if (!/^\ufeff?\s*</.test(text)) {
		return 'The file is not XML: it does not start with "<" (a JSON $metadata or another format?).';
	}
	return undefined;
}

interface XmlReading {
	roots: XmlElement[];
	/** Set when nothing could be read. */
	failure?: { reason: string; line: number };
	/** Set when only the text before a break could be read. */
	broken?: { line: number; message: string };
}

/**
 * Parses the document; when the parser gives up (a file cut in the middle of a tag, say), reads
 * the text before the broken markup, so the types before it still load.
 */
function readXml(body: string, lines: LineIndex): XmlReading {
	try {
		return { roots: parseXml(body) };
	} catch (error) {
		const reason = errorText(error);
		const offset = errorOffset(error, body);
		const cut = Math.max(body.lastIndexOf('<', offset ?? body.length - 1), 0);
		const line = lines.lineAt(offset ?? cut);
		try {
			const roots = parsePrefix(body, cut);
			const message = `The XML breaks off here (${reason}): the file is truncated or not well-formed. The types read before this point are kept; save the $metadata document again.`;
			return roots.length > 0
				? { roots, broken: { line, message } }
				: { roots, failure: { reason, line } };
		} catch {
			return { roots: [], failure: { reason, line } };
		}
	}
}

/** The parser's message, without the excerpt it appends and in words a user can act on. */
function errorText(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	if (message.startsWith('readTagExp returned undefined')) {
		return 'a tag is not finished';
	}
	return message.replace(/\.?\s*Context:[\s\S]*$/, '').replace(/\.$/, '');
}

/** fast-xml-parser accepts a document cut short; say where it broke off so the user can fix it. */
function checkComplete(context: ReadContext, root: XmlElement): void {
	const unclosed = innermostUnclosed(root);
	if (unclosed === undefined) {
		return;
	}
	report(
		context,
		unclosed,
		`The <${unclosed.tag}> element that starts here is never closed: the file is truncated or not well-formed XML. The types read before this point are kept; save the $metadata document again.`,
		'error',
	);
}

/** A `<Schema>` with its namespace and its element children, read once. */
interface SchemaElement {
	element: XmlElement;
	namespace: string | undefined;
	children: XmlElement[];
}

/** Every schema: aliases and type definitions first, since any schema may use another's. */
function readDocument(context: ReadContext, root: XmlElement): TypeDefinition[] {
	const schemas = collectSchemas(context, root).map((element) => ({
		element,
		namespace: attribute(element, 'Namespace')?.trim() || undefined,
		children: elementsOf(element.children),
	}));
	for (const schema of schemas) {
		collectNames(context, schema);
	}
	for (const schema of schemas) {
		for (const child of schema.children) {
			if (child.tag === 'Annotations') {
				context.descriptions.add(child);
			}
		}
	}
	const types: TypeDefinition[] = [];
	const seen = new Set<string>();
	for (const schema of schemas) {
		readSchemaTypes(context, schema, types, seen);
	}
	return types;
}

/** `Schema` elements (under `edmx:DataServices`) and aliases from `edmx:Reference/edmx:Include`. */
function collectSchemas(context: ReadContext, root: XmlElement): XmlElement[] {
	if (root.tag === 'Schema') {
		return [root];
	}
	checkEdmxVersion(context, root);
	const schemas: XmlElement[] = [];
	for (const child of elementsOf(root.children)) {
		if (child.tag === 'DataServices') {
			schemas.push(
				...elementsOf(child.children).filter((element) => element.tag === 'Schema'),
			);
		} else if (child.tag === 'Reference') {
			collectIncludeAliases(context, child);
		}
	}
	if (schemas.length === 0) {
		report(
			context,
			root,
			'The document has no <Schema> under <edmx:DataServices>, so it defines no types.',
			'error',
		);
	}
	return schemas;
}

function checkEdmxVersion(context: ReadContext, root: XmlElement): void {
	const version = attribute(root, 'Version')?.trim();
	if (version !== undefined && !version.startsWith('4.')) {
		report(
			context,
			root,
			`This is CSDL version ${version}; the reader follows OData 4.0, so some types may be read wrongly. Use the OData 4.0 $metadata of the service.`,
		);
	}
}

function collectIncludeAliases(context: ReadContext, reference: XmlElement): void {
	for (const include of elementsOf(reference.children)) {
		const namespace = attribute(include, 'Namespace')?.trim();
		const alias = attribute(include, 'Alias')?.trim();
		if (include.tag === 'Include' && namespace && alias) {
			context.names.addAlias(alias, namespace);
		}
	}
}

function collectNames(context: ReadContext, schema: SchemaElement): void {
	const { namespace } = schema;
	const alias = attribute(schema.element, 'Alias')?.trim();
	if (namespace && alias) {
		context.names.addAlias(alias, namespace);
	}
	if (!namespace) {
		return;
	}
	for (const child of schema.children) {
		const name = attribute(child, 'Name')?.trim();
		const underlying = attribute(child, 'UnderlyingType');
		if (child.tag === 'TypeDefinition' && name && underlying !== undefined) {
			context.names.addTypeDefinition(`${namespace}.${name}`, underlying);
		} else if (name === 'Json' && isEmptyComplexType(child)) {
			context.names.addJsonType(`${namespace}.${name}`);
		}
	}
}

function isEmptyComplexType(element: XmlElement): boolean {
	const hasProperties = elementsOf(element.children).some(
		(child) => child.tag === 'Property' || child.tag === 'NavigationProperty',
	);
	return (
		element.tag === 'ComplexType' &&
		attribute(element, 'BaseType') === undefined &&
		!hasProperties
	);
}

function readSchemaTypes(
	context: ReadContext,
	schema: SchemaElement,
	types: TypeDefinition[],
	seen: Set<string>,
): void {
	const { namespace } = schema;
	if (!namespace) {
		report(
			context,
			schema.element,
			'A <Schema> without a Namespace was skipped: its types could not be named.',
		);
		return;
	}
	for (const child of schema.children) {
		const type = readType(context, child, namespace);
		if (type === undefined) {
			continue;
		}
		if (seen.has(type.name)) {
			report(
				context,
				child,
				`${type.name} is defined twice in this document; the first definition is used`,
			);
			continue;
		}
		seen.add(type.name);
		types.push(type);
	}
}

/** Actions, functions, terms, the entity container and annotations are not fixture types. */
function readType(
	context: ReadContext,
	element: XmlElement,
	namespace: string,
): TypeDefinition | undefined {
	switch (element.tag) {
		case 'EntityType':
		case 'ComplexType':
			return readStructuredType(context, element, namespace);
		case 'EnumType':
			return readEnumType(context, element, namespace);
		default:
			return undefined;
	}
}
