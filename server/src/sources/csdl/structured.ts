/** `<EntityType>` and `<ComplexType>` with their properties and navigation properties. */
import type { PropertyDefinition, StructuredTypeDefinition, TypeRef } from '../../model/types';
import { lineOf, report, type ReadContext } from './context';
import { attribute, elementsOf, type XmlElement } from './xml';

/** Reads an xs:boolean attribute; a value that is not one reports and gives `fallback`. */
export function booleanAttribute(
	context: ReadContext,
	element: XmlElement,
	name: string,
	fallback: boolean,
): boolean {
	const value = attribute(element, name)?.trim();
	if (value === undefined) {
		return fallback;
	}
	if (value === 'true' || value === '1') {
		return true;
	}
	if (value === 'false' || value === '0') {
		return false;
	}
	report(
		context,
		element,
		`${name}="${value}" is not true or false; ${String(fallback)} is used`,
	);
	return fallback;
}

export function readStructuredType(
	context: ReadContext,
	element: XmlElement,
	namespace: string,
): StructuredTypeDefinition | undefined {
	const localName = attribute(element, 'Name')?.trim();
	if (!localName) {
		report(context, element, `an <${element.tag}> without a Name was skipped`);
		return undefined;
	}
	const name = `${namespace}.${localName}`;
	const children = elementsOf(element.children);
	const baseType = attribute(element, 'BaseType')?.trim();
	return {
		kind: 'structured',
		name,
		baseType: baseType ? context.names.qualify(baseType) : undefined,
		isAbstract: booleanAttribute(context, element, 'Abstract', false),
		isOpen: booleanAttribute(context, element, 'OpenType', false),
		isEntity: element.tag === 'EntityType',
		description: context.descriptions.describe(name, children),
		properties: readProperties(context, children, name),
		location: { fsPath: context.fsPath, line: lineOf(context, element) },
		source: 'csdl',
	};
}

function readProperties(
	context: ReadContext,
	children: readonly XmlElement[],
	typeName: string,
): PropertyDefinition[] {
	const properties: PropertyDefinition[] = [];
	const seen = new Set<string>();
	for (const child of children) {
		if (child.tag !== 'Property' && child.tag !== 'NavigationProperty') {
			continue;
		}
		const property = readProperty(context, child, typeName);
		if (property === undefined) {
			continue;
		}
		if (seen.has(property.name)) {
			report(
				context,
				child,
				`${typeName}.${property.name} is declared twice; the first is used`,
			);
			continue;
		}
		seen.add(property.name);
		properties.push(property);
	}
	return properties;
}

function readProperty(
	context: ReadContext,
	element: XmlElement,
	typeName: string,
): PropertyDefinition | undefined {
	const name = attribute(element, 'Name')?.trim();
	if (!name) {
		report(context, element, `a <${element.tag}> of ${typeName} without a Name was skipped`);
		return undefined;
	}
	const type = readPropertyType(context, element, `${typeName}.${name}`);
	return {
		name,
		type,
		description: context.descriptions.describe(
			`${typeName}/${name}`,
			elementsOf(element.children),
		),
		isRelationship: element.tag === 'NavigationProperty',
		// CSDL's default is nullable. On a collection, Nullable speaks of the items and the
		// collection itself is never null in OData JSON; the model has no item nullability, so a
		// collection counts as nullable unless Nullable="false" says otherwise, and then the
		// whole value may not be null (an empty array is the way to say "none").
		nullable: booleanAttribute(context, element, 'Nullable', true),
		nullableSource: 'csdl',
		location: { fsPath: context.fsPath, line: lineOf(context, element) },
	};
}

function readPropertyType(context: ReadContext, element: XmlElement, path: string): TypeRef {
	const text = attribute(element, 'Type');
	if (text === undefined) {
		report(context, element, `${path} has no Type; any value is accepted`);
		return { kind: 'any' };
	}
	return context.names.typeRef(text, (message) =>
		report(context, element, `${path}: ${message}`),
	);
}
