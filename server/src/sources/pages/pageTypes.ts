import type {
	ApiVersion,
	SourceProblem,
	StructuredTypeDefinition,
	TypeDefinition,
} from '../../model/types';
import type { FrontMatter } from './frontMatter';

/** A named type reference as the parser builds it; `name` is the best name known so far. */
export interface NamedRef {
	kind: 'named';
	name: string;
}

/** What a named reference points at, before other pages are known. */
export type ReferenceTarget =
	/** A link to another file: absolute path as written (matched case-insensitively), anchor. */
	| { kind: 'page'; path: string; anchor?: string }
	/** A bare or qualified name: resolved by name among the loaded types. */
	| { kind: 'name' };

/** A reference inside one of the page's types that loadPages completes across pages. */
export interface PageReference {
	/** The object inside a property's TypeRef; resolution copies, never mutates it. */
	ref?: NamedRef;
	/** Set when the reference is a structured type's base type. */
	baseOf?: StructuredTypeDefinition;
	target: ReferenceTarget;
	/** Other qualified names a link offers (its text, its file's stem), tried by name in turn. */
	alternatives?: string[];
}

/** One page, parsed on its own. Immutable once returned: cached parses are shared. */
export interface ParsedPage {
	fsPath: string;
	version?: ApiVersion;
	/** The page's namespace: its `Namespace:` line, else its annotation's, else microsoft.graph. */
	namespace: string;
	/** Every type the page defines; the first is the one links to the page resolve to. */
	types: TypeDefinition[];
	references: PageReference[];
	/** Heading anchors of the page's enum tables (`x-values`) → the enum's qualified name. */
	anchors: Map<string, string>;
	problems: SourceProblem[];
	/** Front matter, parsed on first use (a hint only: `doc_type` has 11 spellings). */
	frontMatter: FrontMatter;
}
