/**
 * Completion of `@odata.type` values: every known structured type, always in the '#' form, the
 * ones that fit the place ranked first (types derived from the declared type, then types that
 * define the object's other keys), but none hidden.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { JSONNode } from '../json';
import type { TypeModel } from '../model/typeModel';
import type { ApiVersion, StructuredTypeDefinition } from '../model/types';
import type { CompletionContext, ValueProposal } from './completion';
import type { ValueSlot } from './cursor';
import { keyOf } from './tags';
import { contextOf, structuredOf } from './typing';
import { concreteTypes, escapeSnippet, snippetChoice } from './valueTemplates';

/** Up to this many candidate types, the tag's value is a snippet choice; beyond, a placeholder. */
const maxChoices = 20;

/** Every structured type the model knows, one definition per name, in the version's order. */
export function structuredTypes(model: TypeModel, version: ApiVersion): StructuredTypeDefinition[] {
	const types: StructuredTypeDefinition[] = [];
	for (const name of model.allNames()) {
		const found = model.find(name, version);
		if (found?.type.kind === 'structured') {
			types.push(found.type);
		}
	}
	return types;
}

/** The JSON value of a new tag: a choice among the fitting types when there are few. */
export function tagValueSnippet(
	model: TypeModel,
	declared: StructuredTypeDefinition | undefined,
	version: ApiVersion,
): string {
	const candidates = declared
		? concreteTypes(model, declared, version).filter((type) => !type.isAbstract)
		: structuredTypes(model, version);
	if (candidates.length === 0 || candidates.length > maxChoices) {
		return `"#\${1:${escapeSnippet(declared?.name ?? 'microsoft.graph.')}}"`;
	}
	return `"${snippetChoice(candidates.map((type) => `#${type.name}`))}"`;
}

/** Proposals for the value of the `@odata.type` member of `slot.container`. */
export function typeItems(context: CompletionContext, slot: ValueSlot): ValueProposal[] {
	const { model, version } = context;
	const object = slot.container;
	const declared = structuredOf(contextOf(object, model, version).expected);
	const derived = new Set(
		declared ? model.derivedTypes(declared, version).map((type) => type.name) : [],
	);
	const siblings = siblingKeys(object);
	return structuredTypes(model, version).map((type) => {
		const rank = derived.has(type.name)
			? 0
			: 1 + (siblings.length - matchedKeys(model, type, siblings, version));
		return {
			item: {
				label: `#${type.name}`,
				kind: CompletionItemKind.Class,
				detail: typeDetail(type),
				documentation: type.description || undefined,
				sortText: `${String(rank).padStart(4, '0')}_${type.name}`,
			},
			snippet: JSON.stringify(`#${type.name}`).replace(/[$}\\]/g, '\\$&'),
		};
	});
}

function typeDetail(type: StructuredTypeDefinition): string {
	const kind = type.isEntity ? 'entity type' : 'complex type';
	const abstract = type.isAbstract ? 'abstract ' : '';
	return type.baseType
		? `${abstract}${kind}, derived from ${type.baseType}`
		: `${abstract}${kind}`;
}

/** The other keys of the object: property names only, not annotations. */
function siblingKeys(object: JSONNode): string[] {
	const keys: string[] = [];
	for (const property of object.children ?? []) {
		const key = keyOf(property);
		if (key !== undefined && !key.includes('@')) {
			keys.push(key);
		}
	}
	return keys;
}

function matchedKeys(
	model: TypeModel,
	type: StructuredTypeDefinition,
	keys: readonly string[],
	version: ApiVersion,
): number {
	if (keys.length === 0) {
		return 0;
	}
	const properties = model.propertiesOf(type, version);
	return keys.filter((key) => properties.has(key)).length;
}
