/** `<EnumType>`: members, values and flags. */
import type { EnumMember, EnumTypeDefinition } from '../../model/types';
import { lineOf, report, type ReadContext } from './context';
import { ENUM_UNDERLYING_TYPES } from './names';
import { booleanAttribute } from './structured';
import { attribute, elementsOf, type XmlElement } from './xml';

const INTEGER = /^[+-]?[0-9]+$/;

export function readEnumType(
	context: ReadContext,
	element: XmlElement,
	namespace: string,
): EnumTypeDefinition | undefined {
	const localName = attribute(element, 'Name')?.trim();
	if (!localName) {
		report(context, element, 'an <EnumType> without a Name was skipped');
		return undefined;
	}
	const name = `${namespace}.${localName}`;
	checkUnderlyingType(context, element, name);
	const isFlags = booleanAttribute(context, element, 'IsFlags', false);
	const children = elementsOf(element.children);
	return {
		kind: 'enum',
		name,
		members: readMembers(context, children, name, isFlags),
		isFlags,
		description: context.descriptions.describe(name, children),
		location: { fsPath: context.fsPath, line: lineOf(context, element) },
		source: 'csdl',
	};
}

function checkUnderlyingType(context: ReadContext, element: XmlElement, name: string): void {
	const underlying = attribute(element, 'UnderlyingType')?.trim();
	if (underlying !== undefined && !ENUM_UNDERLYING_TYPES.has(underlying)) {
		report(
			context,
			element,
			`${name} has UnderlyingType="${underlying}", but an enum must be based on Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64; the members are read anyway`,
		);
	}
}

function readMembers(
	context: ReadContext,
	children: readonly XmlElement[],
	enumName: string,
	isFlags: boolean,
): EnumMember[] {
	const members: EnumMember[] = [];
	const seen = new Set<string>();
	for (const child of children) {
		if (child.tag !== 'Member') {
			continue;
		}
		const member = readMember(context, child, enumName, isFlags, members.length);
		if (member === undefined) {
			continue;
		}
		if (seen.has(member.name)) {
			report(
				context,
				child,
				`${enumName} has the member ${member.name} twice; the first is used`,
			);
			continue;
		}
		seen.add(member.name);
		members.push(member);
	}
	return members;
}

function readMember(
	context: ReadContext,
	element: XmlElement,
	enumName: string,
	isFlags: boolean,
	position: number,
): EnumMember | undefined {
	const name = attribute(element, 'Name')?.trim();
	if (!name) {
		report(context, element, `a <Member> of ${enumName} without a Name was skipped`);
		return undefined;
	}
	return {
		name,
		value: memberValue(context, element, `${enumName}.${name}`, isFlags, position),
		description: context.descriptions.describe(
			`${enumName}/${name}`,
			elementsOf(element.children),
		),
		location: { fsPath: context.fsPath, line: lineOf(context, element) },
	};
}

/**
 * CSDL: without values, members are numbered 0, 1, 2… in order; a flags enum must state every
 * value, since the numbering would not give powers of two.
 */
function memberValue(
	context: ReadContext,
	element: XmlElement,
	path: string,
	isFlags: boolean,
	position: number,
): number | undefined {
	const text = attribute(element, 'Value')?.trim();
	if (text === undefined) {
		if (isFlags) {
			report(
				context,
				element,
				`${path} has no Value; a flags enum needs one for each member`,
			);
			return undefined;
		}
		return position;
	}
	if (!INTEGER.test(text)) {
		report(
			context,
			element,
			`${path} has Value="${text}", which is not an integer; it is ignored`,
		);
		return undefined;
	}
	// Int64 values beyond 2^53 lose precision as numbers; the model keeps numbers, and member
	// values only serve hover text, never validation (members are matched by name).
	return Number(text);
}
