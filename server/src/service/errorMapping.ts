/**
 * Turns ajv errors into problems: each error's instance path leads to its node (the key node for
 * an unknown property), and the model, not ajv's wording, supplies the message.
 */
import type { JSONNode } from '../json';
import { closestMatchOf } from '../model/suggest';
import type { ResolvedType, TypeModel } from '../model/typeModel';
import type { ApiVersion, EnumTypeDefinition } from '../model/types';
import { checkStringFormat } from './formats';
import { checkIntegralLiteral } from './numbers';
import { describeValue, messages, nodePath } from './messages';
import type { Fix, Problem } from './problems';
import { DiagnosticCode, problemAt } from './problems';
import type { IntegerKeywordValue } from './schema';
import { integerKeyword } from './schema';
import type { ValueError } from './schemaStore';
import { childNode, decodePointer } from './schemaStore';
import type { TypeContext } from './typing';
import { describeType, itemContext, memberContext, objectTypeOf, shortName } from './typing';

export interface PartContext {
	model: TypeModel;
	version: ApiVersion;
	/** The node ajv was given, and its type. */
	root: JSONNode;
	type: ResolvedType;
}

/** Keywords whose failure only repeats what the errors under them say. */
const silentKeywords = new Set(['if', 'then', 'else', 'allOf', 'oneOf', 'not', '$ref']);

export function mapValueErrors(errors: ValueError[], part: PartContext): Problem[] {
	const problems: Problem[] = [];
	const seen = new Set<string>();
	const objects = new Map<JSONNode, ObjectMembers>();
	for (const error of errors) {
		if (silentKeywords.has(error.keyword)) {
			continue;
		}
		const segments = decodePointer(error.instancePath);
		const located = locate(part, segments);
		if (!located) {
			continue;
		}
		for (const problem of toProblems(error, located, part, objects)) {
			const key = `${problem.offset}:${problem.length}:${problem.code}`;
			if (!seen.has(key)) {
				seen.add(key);
				problems.push(problem);
			}
		}
	}
	return problems;
}

interface Located {
	node: JSONNode;
	context: TypeContext;
}

/** Follows the instance path from the part's root, typing each step as validation did. */
function locate(part: PartContext, segments: string[]): Located | undefined {
	let node: JSONNode | undefined = part.root;
	let context: TypeContext = { expected: part.type, property: undefined };
	for (const segment of segments) {
		if (!node) {
			return undefined;
		}
		if (node.type === 'object') {
			const owner = objectTypeOf(node, context, part.model, part.version);
			context = memberContext(owner, segment, part.model, part.version);
		} else {
			context = itemContext(context);
		}
		node = childNode(node, node.type === 'array' ? Number(segment) : segment);
	}
	return node && { node, context };
}

function toProblems(
	error: ValueError,
	located: Located,
	part: PartContext,
	objects: Map<JSONNode, ObjectMembers>,
): Problem[] {
	const { node, context } = located;
	if (error.keyword === 'additionalProperties') {
		return unknownProperties(
			membersOf(node, part, objects),
			String(error.params.additionalProperty),
			part,
		);
	}
	const path = nodePath(node);
	switch (error.keyword) {
		case 'type':
		case 'enum':
		case 'pattern':
		case 'anyOf':
			return [valueProblem(node, context, path)];
		case 'format':
			return [formatProblem(node, context, path)];
		case integerKeyword:
		case 'minimum':
		case 'maximum':
			return [integerProblem(node, context, path, error)];
		default:
			return [
				problemAt(
					node,
					DiagnosticCode.typeMismatch,
					messages.typeMismatch(path, describeType(context.expected), describeNode(node)),
				),
			];
	}
}

const noMembers: ReadonlyMap<string, unknown> = new Map();

/** What unknown-property messages need of an object, worked out once per object. */
interface ObjectMembers {
	object: JSONNode;
	typeName: string;
	/** The type's members by name; none when the type is not known. */
	known: ReadonlyMap<string, unknown>;
	/** Whether the type's definition in the other API version has a member of this name. */
	isInOtherVersion: (key: string) => boolean;
	/** Key nodes by key: ajv reports each unknown key on its own, and one object may have 100,000. */
	keys: Map<string, JSONNode[]>;
}

function membersOf(
	object: JSONNode,
	part: PartContext,
	objects: Map<JSONNode, ObjectMembers>,
): ObjectMembers {
	let members = objects.get(object);
	if (members === undefined) {
		const owner = objectTypeOf(object, locateContext(object, part), part.model, part.version);
		const known = owner ? part.model.propertiesOf(owner, part.version) : noMembers;
		const keys = keyIndex(object);
		const typeName = owner?.name ?? 'this type';
		const isInOtherVersion = (key: string): boolean => {
			const other = part.version === 'beta' ? 'v1.0' : 'beta';
			const found = owner && part.model.find(owner.name, other);
			return (
				found?.type.kind === 'structured' &&
				found.type !== owner &&
				part.model.propertiesOf(found.type, other).has(key)
			);
		};
		members = { object, typeName, known, keys, isInOtherVersion };
		objects.set(object, members);
	}
	return members;
}

/** The key nodes of an object's members, by key. */
function keyIndex(object: JSONNode): Map<string, JSONNode[]> {
	const keys = new Map<string, JSONNode[]>();
	for (const member of object.children ?? []) {
		const keyNode = member.children?.[0];
		if (typeof keyNode?.value !== 'string') {
			continue;
		}
		const list = keys.get(keyNode.value);
		if (list === undefined) {
			keys.set(keyNode.value, [keyNode]);
		} else {
			list.push(keyNode);
		}
	}
	return keys;
}

function unknownProperties(members: ObjectMembers, key: string, part: PartContext): Problem[] {
	const suggestion = closestMatchOf(members.known, key, () => members.known.keys());
	const path = nodePath(members.object, key);
	return (members.keys.get(key) ?? []).map((keyNode) => {
		const fixes = suggestion ? [fix(keyNode, suggestion)] : undefined;
		const message =
			messages.unknownProperty(path, key, members.typeName, suggestion) +
			(members.isInOtherVersion(key) ? ` ${messages.otherVersionHas(part.version)}` : '');
		return problemAt(keyNode, DiagnosticCode.unknownProperty, message, fixes);
	});
}

/** The context an object had during validation: walk down again from the part's root. */
function locateContext(object: JSONNode, part: PartContext): TypeContext {
	const segments: string[] = [];
	let node: JSONNode = object;
	while (node !== part.root && node.parent) {
		const parent: JSONNode = node.parent;
		if (parent.type === 'property') {
			segments.push(String(parent.children?.[0]?.value));
		} else if (parent.type === 'array') {
			segments.push(String(parent.children?.indexOf(node)));
		}
		node = parent;
	}
	return (
		locate(part, segments.reverse())?.context ?? { expected: part.type, property: undefined }
	);
}

/** A value of the wrong kind, a non-member of an enum, or null where it is not allowed. */
function valueProblem(node: JSONNode, context: TypeContext, path: string): Problem {
	const expected = context.expected;
	if (node.type === 'null') {
		const source = context.property?.definition.nullableSource;
		const severity = source === 'csdl' ? 'error' : 'warning';
		const origin = source === 'csdl' ? 'the $metadata (CSDL)' : 'the reference page';
		return {
			...problemAt(node, DiagnosticCode.notNullable, messages.notNullable(path, origin)),
			severity,
		};
	}
	if (expected?.kind === 'enum' && node.type === 'string') {
		return enumProblem(node, expected.type, path);
	}
	return problemAt(
		node,
		DiagnosticCode.typeMismatch,
		messages.typeMismatch(path, expectation(expected), describeNode(node)),
	);
}

function enumProblem(node: JSONNode, type: EnumTypeDefinition, path: string): Problem {
	const value = String(node.value);
	const members = type.members.map((member) => member.name);
	const parts = type.isFlags ? value.split(',') : [value];
	const wrong = parts.find((item) => !members.includes(item)) ?? value;
	const replacement = closestMatchOf(type, wrong.trim(), () => members);
	const suggestion =
		replacement === undefined
			? undefined
			: parts.map((item) => (item === wrong ? replacement : item.trim())).join(',');
	const fixes = suggestion === undefined ? undefined : [fix(node, suggestion)];
	const name = shortName(type.name);
	const message = type.isFlags
		? messages.invalidFlags(path, value, name, members, suggestion)
		: messages.invalidEnum(path, value, name, members, suggestion);
	return problemAt(node, DiagnosticCode.invalidEnumValue, message, fixes);
}

function formatProblem(node: JSONNode, context: TypeContext, path: string): Problem {
	const expected = context.expected;
	const primitive = expected?.kind === 'primitive' ? expected.name : 'String';
	const found = checkStringFormat(primitive, String(node.value));
	const detail = found ? found.message : `expected ${primitive}.`;
	const fixes = found?.suggestion === undefined ? undefined : [fix(node, found.suggestion)];
	return problemAt(
		node,
		DiagnosticCode.invalidFormat,
		messages.invalidFormat(path, primitive, detail),
		fixes,
	);
}

function integerProblem(
	node: JSONNode,
	context: TypeContext,
	path: string,
	error: ValueError,
): Problem {
	const keyword = (
		error.keyword === integerKeyword ? error.schema : error.parentSchema?.[integerKeyword]
	) as IntegerKeywordValue | undefined;
	const raw = node.type === 'string' ? String(node.value) : (node.raw ?? String(node.value));
	if (
		keyword &&
		checkIntegralLiteral(raw, BigInt(keyword.min), BigInt(keyword.max)) === 'not-integral'
	) {
		return problemAt(
			node,
			DiagnosticCode.typeMismatch,
			messages.typeMismatch(path, expectation(context.expected), describeNode(node)),
		);
	}
	const type = keyword?.type ?? describeType(context.expected);
	const message = messages.outOfRange(path, raw, type, keyword?.min ?? '?', keyword?.max ?? '?');
	return problemAt(node, DiagnosticCode.outOfRange, message);
}

/** What a value of a declared type looks like, in words. */
function expectation(type: ResolvedType | undefined): string {
	if (type?.kind !== 'primitive') {
		if (type?.kind === 'enum') {
			return `a member of enum ${shortName(type.type.name)} (a string)`;
		}
		if (type?.kind === 'structured') {
			return `an object of type ${type.type.name}`;
		}
		return type?.kind === 'collection'
			? `an array (${describeType(type)})`
			: describeType(type);
	}
	switch (type.name) {
		case 'Byte':
		case 'SByte':
		case 'Int16':
		case 'Int32':
			return `${type.name} (an integer number)`;
		case 'Int64':
			return 'Int64 (an integer number, or a string of digits)';
		case 'Single':
		case 'Double':
			return `${type.name} (a number, or "NaN", "INF", "-INF")`;
		case 'Decimal':
			return 'Decimal (a number or a numeric string)';
		case 'Boolean':
			return 'Boolean (true or false)';
		default:
			return `${describeType(type)} (a string)`;
	}
}

function describeNode(node: JSONNode): string {
	if (node.type === 'object') {
		return 'an object';
	}
	if (node.type === 'array') {
		return 'an array';
	}
	return describeValue(node.type === 'null' ? null : node.value, node.raw);
}

function fix(node: JSONNode, replacement: string): Fix {
	return {
		title: `Change to "${replacement}"`,
		offset: node.offset,
		length: node.length,
		newText: JSON.stringify(replacement),
	};
}
