/**
 * Document validation: one iterative walk finds the tagged objects and types every node,
 * checks tags, duplicate keys and annotations; ajv then checks each typed object's values
 * against the schema generated for its type. No walk recurses on the document's depth.
 */
import type { JSONDocument, JSONNode } from '../json';
import type { ResolvedType, TypeLookup, TypeModel } from '../model/typeModel';
import type { ApiVersion, StructuredTypeDefinition } from '../model/types';
import { mapValueErrors } from './errorMapping';
import { messages, nodePath } from './messages';
import type { Problem, Severity, SeverityLevel } from './problems';
import { DiagnosticCode, applySeverities, defaultSeverities } from './problems';
import { SchemaStore } from './schemaStore';
import { checkAnnotation } from './annotationCheck';
import { documentVersion, keyOf, readTag, tagKey } from './tags';
import type { Tag } from './tags';
import type { TypeContext } from './typing';
import { itemContext, memberContext, structuredOf, untyped } from './typing';
import { buildValue } from './values';

export interface ValidationSettings {
	/** The version of documents whose `@odata.context` names none. */
	apiVersion: ApiVersion;
	/** Report `syntax-error` and `duplicate-property` (VS Code's JSON support already does). */
	syntaxErrors: boolean;
	/** Report nothing at all for a document without any `@odata.type` (the language server). */
	onlyTagged: boolean;
	severity?: Readonly<Record<string, SeverityLevel>>;
	/** Polled at every step of a run; when it returns true, validation stops with an error. */
	isCancelled?: () => boolean;
}

/** Thrown when `isCancelled` asks validation to stop; nothing partial is returned. */
export class ValidationCancelledError extends Error {
	constructor() {
		super('Validation was cancelled.');
		this.name = 'ValidationCancelledError';
	}
}

/**
 * ajv follows nested values by calling per-type functions; a chain of nested objects is cut
 * every this many levels and checked as separate parts, so its stack stays shallow.
 */
const maxValueDepth = 128;

/** The engine over one type model: its ajv schemas are compiled once and reused. */
export class Validator {
	readonly store: SchemaStore;

	constructor(readonly model: TypeModel) {
		this.store = new SchemaStore(model);
	}

	/** Validates in one go; throws ValidationCancelledError when `isCancelled` says so. */
	doValidation(document: JSONDocument, settings: ValidationSettings): Problem[] {
		const steps = new ValidationRun(this, document, settings).steps();
		let step = steps.next();
		while (!step.done) {
			throwIfCancelled(settings);
			step = steps.next();
		}
		return applySeverities(step.value, settings.severity);
	}

	/**
	 * Validates in slices of about `sliceMilliseconds`, giving the event loop a turn between
	 * slices, so that a language server answers completion and hover while a large document is
	 * checked. The result equals doValidation's.
	 */
	async doValidationAsync(
		document: JSONDocument,
		settings: ValidationSettings,
		sliceMilliseconds = 15,
	): Promise<Problem[]> {
		const steps = new ValidationRun(this, document, settings).steps();
		let sliceStart = performance.now();
		let step = steps.next();
		while (!step.done) {
			if (performance.now() - sliceStart >= sliceMilliseconds) {
				await new Promise((resolve) => setImmediate(resolve));
				sliceStart = performance.now();
			}
			throwIfCancelled(settings);
			step = steps.next();
		}
		return applySeverities(step.value, settings.severity);
	}
}

function throwIfCancelled(settings: ValidationSettings): void {
	if (settings.isCancelled?.()) {
		throw new ValidationCancelledError();
	}
}

/** Nodes walked, or typed objects checked, between two points where a run may pause. */
const nodesPerStep = 2048;
const partsPerStep = 64;

interface Frame {
	node: JSONNode;
	context: TypeContext;
	/** Container levels since the nearest node that ajv checks on its own. */
	depth: number;
}

interface Part {
	node: JSONNode;
	type: ResolvedType;
}

class ValidationRun {
	private readonly problems: Problem[] = [];
	private readonly annotationProblems: Problem[] = [];
	private readonly parts: Part[] = [];
	private readonly boundaries = new Set<JSONNode>();
	private readonly model: TypeModel;
	private readonly version: ApiVersion;
	private hasTag = false;
	/** Tag lookups of this run: a collection repeats the same few tags thousands of times. */
	private readonly lookups = new Map<string, TypeLookup | null>();

	constructor(
		private readonly validator: Validator,
		private readonly document: JSONDocument,
		private readonly settings: ValidationSettings,
	) {
		this.model = validator.model;
		this.version = documentVersion(document.root, settings.apiVersion);
	}

	/** The run as a sequence of steps: each `yield` is a point where the caller may pause. */
	*steps(): Generator<void, Problem[]> {
		const root = this.document.root;
		if (root) {
			yield* this.walk(root);
		}
		if (this.settings.onlyTagged && !this.hasTag) {
			return [];
		}
		if (this.settings.syntaxErrors) {
			this.addSyntaxErrors();
		}
		if (this.hasTag) {
			yield* this.checkParts();
			this.problems.push(...this.annotationProblems);
		}
		this.dropValueProblemsOnBrokenTokens();
		return this.problems.sort((a, b) => a.offset - b.offset);
	}

	private *walk(root: JSONNode): Generator<void> {
		const stack: Frame[] = [{ node: root, context: untyped, depth: 0 }];
		let count = 0;
		while (stack.length > 0) {
			if (++count % nodesPerStep === 0) {
				yield;
			}
			const frame = stack.pop() as Frame;
			if (frame.node.type === 'object') {
				this.visitObject(frame, stack);
			} else if (frame.node.type === 'array') {
				this.visitArray(frame, stack);
			}
		}
	}

	private visitObject(frame: Frame, stack: Frame[]): void {
		const { node } = frame;
		const tag = readTag(node);
		let owner: StructuredTypeDefinition | undefined;
		let depth = frame.depth + 1;
		if (tag) {
			this.hasTag = true;
			this.boundaries.add(node);
			owner = this.typeFromTag(tag, frame.context);
			if (owner) {
				this.parts.push({ node, type: { kind: 'structured', type: owner } });
			}
			depth = 0;
		} else {
			owner = structuredOf(frame.context.expected);
			depth = this.cutIfDeep(frame, depth);
		}
		const children = node.children ?? [];
		this.checkMembers(node, children);
		for (let i = children.length - 1; i >= 0; i--) {
			const property = children[i];
			const key = keyOf(property);
			const value = property.children?.[1];
			if (key !== undefined && value) {
				const context = key.includes('@')
					? untyped
					: memberContext(owner, key, this.model, this.version);
				stack.push({ node: value, context, depth });
			}
		}
	}

	private visitArray(frame: Frame, stack: Frame[]): void {
		const depth = this.cutIfDeep(frame, frame.depth + 1);
		const context = itemContext(frame.context);
		const items = frame.node.children ?? [];
		for (let i = items.length - 1; i >= 0; i--) {
			stack.push({ node: items[i], context, depth });
		}
	}

	/** Starts a separate ajv part at a deeply nested typed container; returns the new depth. */
	private cutIfDeep(frame: Frame, depth: number): number {
		if (depth < maxValueDepth || frame.context.expected === undefined) {
			return depth;
		}
		this.boundaries.add(frame.node);
		this.parts.push({ node: frame.node, type: frame.context.expected });
		return 0;
	}

	/** Duplicate keys (each later occurrence) and annotations, in one pass over the members. */
	private checkMembers(object: JSONNode, members: JSONNode[]): void {
		const seen = new Set<string>();
		let path: string | undefined;
		for (const property of members) {
			const key = keyOf(property);
			const keyNode = property.children?.[0];
			if (key === undefined || !keyNode) {
				continue;
			}
			if (seen.has(key) && this.settings.syntaxErrors) {
				path ??= nodePath(object);
				const message =
					key === tagKey
						? messages.duplicateTag(path)
						: messages.duplicateProperty(path, key);
				this.add(keyNode, DiagnosticCode.duplicateProperty, message);
			}
			seen.add(key);
			if (key.includes('@')) {
				const problem = checkAnnotation(key, keyNode, property.children?.[1]);
				if (problem) {
					this.annotationProblems.push(problem);
				}
			}
		}
	}

	/** Resolves a tag; reports invalid, unknown and incompatible tags. */
	private typeFromTag(tag: Tag, context: TypeContext): StructuredTypeDefinition | undefined {
		const value = tag.value;
		if (!value) {
			return undefined;
		}
		if (value.type !== 'string') {
			this.add(value, DiagnosticCode.invalidTag, messages.tagNotString(kindName(value)));
			return undefined;
		}
		if (tag.name === undefined) {
			this.add(value, DiagnosticCode.invalidTag, messages.tagMalformed(String(value.value)));
			return undefined;
		}
		let found = this.lookups.get(tag.name);
		if (found === undefined) {
			found = this.model.find(tag.name, this.version, { isTag: true }) ?? null;
			this.lookups.set(tag.name, found);
		}
		if (!found) {
			const suggestion = this.model.suggestName(tag.name);
			const fixes = suggestion ? [replaceWith(value, `#${suggestion}`)] : undefined;
			this.add(
				value,
				DiagnosticCode.unknownType,
				messages.unknownType(tag.name, suggestion),
				fixes,
			);
			return undefined;
		}
		if (found.type.kind !== 'structured') {
			this.add(value, DiagnosticCode.invalidTag, messages.tagNamesEnum(found.type.name));
			return undefined;
		}
		if (!found.exact) {
			const fixes = [replaceWith(value, `#${found.type.name}`)];
			this.add(
				value,
				DiagnosticCode.unknownType,
				messages.wrongCaseType(tag.name, found.type.name),
				fixes,
			);
		}
		this.checkDerived(value, found.type, context);
		return found.type;
	}

	private checkDerived(
		value: JSONNode,
		type: StructuredTypeDefinition,
		context: TypeContext,
	): void {
		const declared = structuredOf(context.expected);
		if (declared && !this.model.isDerivedFrom(type, declared, this.version)) {
			const path = nodePath(value.parent?.parent ?? value);
			const message = messages.incompatibleType(path, type.name, declared.name);
			this.add(value, DiagnosticCode.incompatibleType, message);
		}
	}

	private *checkParts(): Generator<void> {
		for (let i = 0; i < this.parts.length; i++) {
			if (i % partsPerStep === partsPerStep - 1) {
				yield;
			}
			this.checkPart(this.parts[i]);
		}
	}

	private checkPart(part: Part): void {
		const validate = this.validator.store.validatorFor(part.type, this.version);
		if (!validate) {
			return;
		}
		const built = buildValue(
			part.node,
			(node) => node !== part.node && this.boundaries.has(node),
		);
		const errors = this.validator.store.validate(validate, built.value, built.nodes);
		if (errors.length > 0) {
			const context = {
				model: this.model,
				version: this.version,
				root: part.node,
				type: part.type,
			};
			this.problems.push(...mapValueErrors(errors, context));
		}
	}

	/**
	 * A value the parser could only partly read (an unterminated string while typing) already
	 * has its syntax error; checking its half-read value would report the same mistake twice.
	 */
	private dropValueProblemsOnBrokenTokens(): void {
		const broken = this.document.syntaxErrors;
		if (broken.length === 0) {
			return;
		}
		const starts = broken.map((error) => error.offset).sort((a, b) => a - b);
		const touchesError = (problem: Problem): boolean => {
			const end = problem.offset + problem.length;
			const index = lowerBound(starts, problem.offset);
			return index < starts.length && starts[index] < end;
		};
		const kept = this.problems.filter(
			(problem) => !valueCodes.has(problem.code) || !touchesError(problem),
		);
		this.problems.length = 0;
		this.problems.push(...kept);
	}

	private addSyntaxErrors(): void {
		for (const error of this.document.syntaxErrors) {
			this.problems.push({
				offset: error.offset,
				length: error.length,
				code: DiagnosticCode.syntaxError,
				severity: 'error',
				message: error.message,
			});
		}
	}

	private add(
		node: JSONNode,
		code: DiagnosticCode,
		message: string,
		fixes?: Problem['fixes'],
	): void {
		const severity: Severity = defaultSeverities[code];
		this.problems.push({
			offset: node.offset,
			length: node.length,
			code,
			severity,
			message,
			fixes,
		});
	}
}

const valueCodes = new Set<string>([
	DiagnosticCode.typeMismatch,
	DiagnosticCode.invalidEnumValue,
	DiagnosticCode.invalidFormat,
	DiagnosticCode.outOfRange,
	DiagnosticCode.invalidTag,
	DiagnosticCode.unknownType,
]);

/** The index of the first element not below `value` in a sorted array. */
function lowerBound(sorted: number[], value: number): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle] < value) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	return low;
}

function kindName(node: JSONNode): string {
	switch (node.type) {
		case 'object':
			return 'an object';
		case 'array':
			return 'an array';
		case 'null':
			return 'null';
		default:
			return `a ${node.type}`;
	}
}

export function replaceWith(
	node: JSONNode,
	text: string,
): { title: string; offset: number; length: number; newText: string } {
	return {
		title: `Change to "${text}"`,
		offset: node.offset,
		length: node.length,
		newText: JSON.stringify(text),
	};
}
