/**
 * Document validation: one iterative walk finds the tagged objects and types every node,
 * checks tags, duplicate keys and annotations; ajv then checks each typed object's values
 * against the schema generated for its type. No walk recurses on the document's depth.
 */
import type { ValidateFunction } from 'ajv';
import type { JSONDocument, JSONNode } from '../json';
import { LazyItem, isUnbuilt } from '../json';
import type { ItemCheck } from '../json';
import type { ResolvedType, TypeLookup, TypeModel } from '../model/typeModel';
import type { ApiVersion, StructuredTypeDefinition } from '../model/types';
import { mapValueErrors } from './errorMapping';
import { messages, nodePath } from './messages';
import type { Problem, SeverityLevel } from './problems';
import { DiagnosticCode, applySeverities, problemAt } from './problems';
import { SchemaStore, rawFromBuiltNodes, rawFromPath } from './schemaStore';
import type { RawLiterals, ValueError } from './schemaStore';
import { checkAnnotation, isAnnotationFine } from './annotationCheck';
import { documentVersion, keyOf, nameOfTag, readTag, tagKey, versionFromContext } from './tags';
import type { Tag } from './tags';
import type { TypeContext } from './typing';
import { itemContext, propertyContext, structuredOf, untyped } from './typing';
import { buildValue } from './values';
import { KeyOrder, isReadingMet } from './plainCheck';
import { firstAtOrAbove } from '../sorted';

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
	private readonly untypedChecks = new Map<ApiVersion, UntypedItemCheck>();

	constructor(readonly model: TypeModel) {
		this.store = new SchemaStore(model);
	}

	/** How this validator reads items where no type is expected, at one version. */
	untypedCheck(version: ApiVersion): UntypedItemCheck {
		let check = this.untypedChecks.get(version);
		if (check === undefined) {
			check = new UntypedItemCheck(this, version);
			this.untypedChecks.set(version, check);
		}
		return check;
	}

	/**
	 * A parser hook (ParseOptions.checkItem) that checks each collection item as it is read,
	 * at the version the document's `@odata.context` names so far (`apiVersion` when none).
	 * Items of an array inside a tagged object are left to the run, which types them. Either
	 * way the run's problems are the same: it takes an answer only when its own version, and
	 * the item's context, are the ones the answer was given for.
	 */
	itemChecker(apiVersion: ApiVersion): (item: LazyItem) => void {
		const notes = new MemberNotes();
		let container: JSONNode | undefined;
		let check: UntypedItemCheck | undefined;
		return (item) => {
			// The items of one array share the answers to both questions; a tag or a context
			// that comes later in the text is the run's to see.
			if (item.parent !== container) {
				container = item.parent;
				check = notes.isTaggedAround(item)
					? undefined
					: this.untypedCheck(notes.versionOf(item, apiVersion));
			}
			if (check !== undefined) {
				item.checkWith(check);
			}
		};
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

	/**
	 * The problems inside one object of a document, as a whole-document run reports them
	 * there, for an object whose context is untyped (no tagged object around it) in a document
	 * that has a tag elsewhere. Syntax errors are not included: they belong to the document.
	 */
	validateUntypedObject(
		document: JSONDocument,
		node: JSONNode,
		settings: ValidationSettings,
	): Problem[] {
		const version = documentVersion(document.root, settings.apiVersion);
		const run = new ValidationRun(this, document, settings, { node, version });
		const steps = run.steps();
		let step = steps.next();
		while (!step.done) {
			step = steps.next();
		}
		return applySeverities(step.value, settings.severity);
	}
}

/** A run over one object instead of the whole document. */
interface RunScope {
	node: JSONNode;
	/** The document's version: the object's own `@odata.context` does not decide it. */
	version: ApiVersion;
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
	/** The nearest enclosing node that ajv checks on its own. */
	part: Part | undefined;
}

interface Part {
	node: JSONNode;
	type: ResolvedType;
	/** Whether nodes inside it are checked on their own (nested tags, containers cut for depth). */
	hasInnerParts: boolean;
	/** Whether a number literal inside is not the canonical text of its value (1.0, 1e3, 2^63). */
	hasOddNumbers: boolean;
}

class ValidationRun {
	private readonly problems: Problem[] = [];
	private readonly annotationProblems: Problem[] = [];
	private readonly parts: Part[] = [];
	private readonly boundaries = new Set<JSONNode>();
	private readonly model: TypeModel;
	private readonly version: ApiVersion;
	private hasTag = false;
	private markStarts: number[] | undefined;
	/** Keys met in the object being checked; one set for the run, cleared per object. */
	private readonly seenKeys = new Set<string>();
	/** Tag lookups of this run: a collection repeats the same few tags thousands of times. */
	private readonly lookups = new Map<string, TypeLookup | null>();
	private readonly untypedCheck: UntypedItemCheck;

	constructor(
		private readonly validator: Validator,
		private readonly document: JSONDocument,
		private readonly settings: ValidationSettings,
		private readonly scope?: RunScope,
	) {
		this.model = validator.model;
		this.version = scope?.version ?? documentVersion(document.root, settings.apiVersion);
		this.untypedCheck = validator.untypedCheck(this.version);
	}

	/** The run as a sequence of steps: each `yield` is a point where the caller may pause. */
	*steps(): Generator<void, Problem[]> {
		const root = this.scope?.node ?? this.document.root;
		if (root) {
			yield* this.walk(root);
		}
		// A scoped run is asked for only where the document has a tag outside the scope.
		this.hasTag ||= this.scope !== undefined;
		if (this.settings.onlyTagged && !this.hasTag) {
			return [];
		}
		if (this.settings.syntaxErrors && this.scope === undefined) {
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
		// Unbuilt items are settled by visitArray; a run over one item settles it here.
		if (isUnbuilt(root) && this.isCleanUnbuilt(root, undefined, untyped)) {
			return;
		}
		const stack: Frame[] = [{ node: root, context: untyped, depth: 0, part: undefined }];
		let count = 0;
		while (stack.length > 0) {
			if (++count >= nodesPerStep) {
				count = 0;
				yield;
			}
			const frame = stack.pop() as Frame;
			const node = frame.node;
			if (node.type === 'object') {
				this.visitObject(frame, stack);
			} else if (node.type === 'array') {
				yield* this.visitArray(frame, stack);
			} else if (node.type === 'number' && frame.part && String(node.value) !== node.raw) {
				// 1.0, 1e3, 2^63: the parsed number does not tell the literal; ajv must read it.
				frame.part.hasOddNumbers = true;
			}
		}
	}

	/**
	 * Whether an unbuilt item is settled without building it: an item that a whole run would
	 * find nothing in. Only where no type is expected of it is the answer (UntypedItemCheck)
	 * taken, from the parse when it was given there; elsewhere, and for any item the answer
	 * is false for, the item is built and walked like any other, so the problems are the same
	 * either way.
	 */
	private isCleanUnbuilt(item: LazyItem, part: Part | undefined, context: TypeContext): boolean {
		if (part !== undefined || context.expected !== undefined) {
			return false;
		}
		// An item that is not settled is walked, and its tag is met again there.
		this.hasTag ||= item.hasTypeMember;
		const check = this.untypedCheck;
		return item.answerOf(check) ?? check.isClean(item, item.takeValue());
	}

	private lookup(name: string): TypeLookup | undefined {
		let found = this.lookups.get(name);
		if (found === undefined) {
			found = this.model.find(name, this.version, { isTag: true }) ?? null;
			this.lookups.set(name, found);
		}
		return found ?? undefined;
	}

	private visitObject(frame: Frame, stack: Frame[]): void {
		const { node } = frame;
		const tag = readTag(node);
		let owner: StructuredTypeDefinition | undefined;
		let depth = frame.depth + 1;
		let part = frame.part;
		if (tag) {
			this.hasTag = true;
			this.addBoundary(node, frame);
			owner = this.typeFromTag(tag, frame.context);
			if (owner) {
				part = this.addPart(node, { kind: 'structured', type: owner });
			}
			depth = 0;
		} else {
			owner = structuredOf(frame.context.expected);
			[depth, part] = this.cutIfDeep(frame, depth);
		}
		const children = node.children ?? [];
		this.checkMembers(node, children);
		// memberContext's reading, with the owner's members looked up once for all of them.
		const members = owner && this.model.propertiesOf(owner, this.version);
		for (let i = children.length - 1; i >= 0; i--) {
			const property = children[i];
			const key = keyOf(property);
			const value = property.children?.[1];
			if (key !== undefined && value) {
				const context =
					members === undefined || key.includes('@')
						? untyped
						: propertyContext(members.get(key));
				stack.push({ node: value, context, depth, part });
			}
		}
	}

	/**
	 * Pushes the items to walk. Unbuilt items that need no walk are settled here, in one loop
	 * that pauses every so often, rather than each becoming a frame of the walk.
	 */
	private *visitArray(frame: Frame, stack: Frame[]): Generator<void> {
		const [depth, part] = this.cutIfDeep(frame, frame.depth + 1);
		const context = itemContext(frame.context);
		const items = frame.node.children ?? [];
		const toWalk: JSONNode[] = [];
		let members = 0;
		for (let i = 0; i < items.length; i++) {
			const item = items[i];
			if (isUnbuilt(item)) {
				if (members >= nodesPerStep) {
					members = 0;
					yield;
				}
				members += item.memberCount + 1;
				if (this.isCleanUnbuilt(item, part, context)) {
					continue;
				}
			}
			toWalk.push(item);
		}
		for (let i = toWalk.length - 1; i >= 0; i--) {
			stack.push({ node: toWalk[i], context, depth, part });
		}
	}

	/**
	 * Starts a separate ajv part at a deeply nested typed container; returns the depth and the
	 * part for its children.
	 */
	private cutIfDeep(frame: Frame, depth: number): [number, Part | undefined] {
		if (depth < maxValueDepth || frame.context.expected === undefined) {
			return [depth, frame.part];
		}
		this.addBoundary(frame.node, frame);
		return [0, this.addPart(frame.node, frame.context.expected)];
	}

	/** A node its enclosing part must not check: the part then builds its value from nodes. */
	private addBoundary(node: JSONNode, frame: Frame): void {
		if (frame.part) {
			this.boundaries.add(node);
			frame.part.hasInnerParts = true;
		}
	}

	private addPart(node: JSONNode, type: ResolvedType): Part {
		const part: Part = { node, type, hasInnerParts: false, hasOddNumbers: false };
		this.parts.push(part);
		return part;
	}

	/** Duplicate keys (each later occurrence) and annotations, in one pass over the members. */
	private checkMembers(object: JSONNode, members: JSONNode[]): void {
		const seen = this.seenKeys;
		seen.clear();
		// Most objects have a handful of members: comparing with the earlier ones directly is
		// cheaper there than hashing every key into a set.
		const isSmall = members.length <= smallObjectSize;
		let path: string | undefined;
		for (let i = 0; i < members.length; i++) {
			const property = members[i];
			const key = keyOf(property);
			const keyNode = property.children?.[0];
			if (key === undefined || !keyNode) {
				continue;
			}
			const isDuplicate = isSmall ? hasKeyBefore(members, i, key) : seen.has(key);
			if (isDuplicate && this.settings.syntaxErrors) {
				path ??= nodePath(object);
				const message =
					key === tagKey
						? messages.duplicateTag(path)
						: messages.duplicateProperty(path, key);
				this.add(keyNode, DiagnosticCode.duplicateProperty, message);
			}
			if (!isSmall) {
				seen.add(key);
			}
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
		const found = this.lookup(tag.name);
		if (!found) {
			const suggestion = this.model.suggestName(tag.name, { structuredOnly: true });
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
		// One mistake, one diagnostic: a tag that the declared type does not admit is reported
		// alone, and the object's members are not checked against either type.
		if (!this.isAdmitted(value, found.type, context)) {
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
		return found.type;
	}

	/** Whether the declared type (if any) admits the tagged type; reports it when not. */
	private isAdmitted(
		value: JSONNode,
		type: StructuredTypeDefinition,
		context: TypeContext,
	): boolean {
		const declared = structuredOf(context.expected);
		if (!declared || this.model.isDerivedFrom(type, declared, this.version)) {
			return true;
		}
		const path = nodePath(value.parent?.parent ?? value);
		const message = messages.incompatibleType(path, type.name, declared.name);
		this.add(value, DiagnosticCode.incompatibleType, message);
		return false;
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
		const parsed = part.hasInnerParts ? undefined : this.parsePlainPart(part.node);
		const errors =
			parsed === undefined
				? this.validateBuilt(validate, part.node)
				: this.validator.store.validate(validate, parsed.value, this.rawLiterals(part));
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

	/** Number literals are read from the tree only where their parsed value cannot tell them. */
	private rawLiterals(part: Part): RawLiterals {
		return part.hasOddNumbers ? rawFromPath(part.node) : canonicalLiterals;
	}

	private validateBuilt(validate: ValidateFunction, root: JSONNode): ValueError[] {
		const built = buildValue(root, (node) => node !== root && this.boundaries.has(node));
		return this.validator.store.validate(validate, built.value, rawFromBuiltNodes(built.nodes));
	}

	/**
	 * The value of a part without inner parts, read by JSON.parse from its text when that gives
	 * the same value as building it from the tree: well-formed JSON without comments. JSON.parse
	 * is native and several times faster than building from nodes. (A part with inner parts
	 * builds from nodes, stopping at them, so that nested parts are not read again and again.)
	 */
	private parsePlainPart(node: JSONNode): { value: unknown } | undefined {
		const kept = node instanceof LazyItem ? node.takeParsedValue() : undefined;
		if (kept !== undefined) {
			return { value: kept };
		}
		const end = node.offset + node.length;
		if (this.hasMarkWithin(node.offset, end)) {
			return undefined;
		}
		try {
			return { value: JSON.parse(this.document.text.slice(node.offset, end)) };
		} catch {
			// Not plain JSON after all (the tree recovered from something): build it instead.
			return undefined;
		}
	}

	/** Whether a syntax error or a comment starts inside [start, end). */
	private hasMarkWithin(start: number, end: number): boolean {
		const marks = (this.markStarts ??= [
			...this.document.syntaxErrors.map((error) => error.offset),
			...this.document.comments.map((comment) => comment.offset),
		].sort((a, b) => a - b));
		const index = firstAtOrAbove(marks, start);
		return index < marks.length && marks[index] < end;
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
			const index = firstAtOrAbove(starts, problem.offset);
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
		this.problems.push(problemAt(node, code, message, fixes));
	}
}

/**
 * Reads an unbuilt item from its parsed value alone. In an untyped context a whole run checks
 * the item's tag, its keys and annotations, and its values against its tagged type; the value
 * tells all of that for certain unless JSON.parse merged a duplicate key, or a literal like 1.0
 * or 1e3 lost its text, or there is an annotation with a problem or a tag nested inside. Any of
 * those, or any problem, answers false. One instance per validator and version: the answers do
 * not depend on the document or the settings.
 */
export class UntypedItemCheck implements ItemCheck {
	/** The last tag text met, and its answer (see validatorFor). */
	private lastTag: { text: unknown; validate: ValidateFunction | undefined | null } = {
		text: undefined,
		validate: null,
	};
	/** The key order of the flat objects last read (see flatAnswer). */
	private keyOrder: KeyOrder | undefined = undefined;

	constructor(
		private readonly validator: Validator,
		private readonly version: ApiVersion,
	) {}

	isClean(item: LazyItem, value: unknown): boolean {
		if (item.hasOddNumbers || item.depth >= maxValueDepth) {
			return false;
		}
		const object = value as Record<string, unknown>;
		const flat = item.depth === 1 ? this.flatAnswer(object, item.memberCount) : undefined;
		if (flat !== undefined) {
			return flat;
		}
		if (plainMemberCount(object) !== item.memberCount) {
			return false;
		}
		if (!Object.hasOwn(object, tagKey)) {
			// No tag in or around it: a whole run checks nothing in it but keys and annotations.
			return true;
		}
		const validate = this.validatorFor(object[tagKey]);
		const store = this.validator.store;
		// A flat object had its plain reading in flatAnswer, which could not settle it.
		return (
			validate !== null &&
			(validate === undefined ||
				(item.depth > 1 && store.isPlainlyValid(validate, object)) ||
				store.validate(validate, object, canonicalLiterals).length === 0)
		);
	}

	/**
	 * The answer for a tagged object without nested values, in one pass over its members that
	 * counts them, checks annotations and reads each value against the type's plain rules:
	 * collections are mostly such objects. Undefined when the pass cannot tell, for the
	 * general reading to decide (no tag, no plain rules, or a value the rules do not settle).
	 */
	private flatAnswer(object: Record<string, unknown>, memberCount: number): boolean | undefined {
		if (!Object.hasOwn(object, tagKey)) {
			return undefined;
		}
		const validate = this.validatorFor(object[tagKey]);
		if (validate === null) {
			return false;
		}
		const rules = validate && this.validator.store.plainRules(validate);
		if (rules === undefined) {
			return undefined;
		}
		if (this.keyOrder?.rules !== rules) {
			this.keyOrder = new KeyOrder(rules);
		}
		const order = this.keyOrder;
		let count = 0;
		for (const key in object) {
			const reading = order.readingAt(count++, key);
			const member = object[key];
			if (reading.isAnnotation && key !== tagKey && !isAnnotationFine(key, member)) {
				return false;
			}
			if (!isReadingMet(reading, member)) {
				return undefined;
			}
		}
		return count === memberCount;
	}

	/**
	 * The validator for a tag's text when the tag is an exact, structured match (in an untyped
	 * context every type is admitted), undefined when its type needs none; null when the tag
	 * is not clean. A collection repeats one tag thousands of times: the last answer is kept.
	 */
	private validatorFor(tag: unknown): ValidateFunction | undefined | null {
		if (tag === this.lastTag.text) {
			return this.lastTag.validate;
		}
		const name = typeof tag === 'string' ? nameOfTag(tag) : undefined;
		const model = this.validator.model;
		const found =
			name === undefined ? undefined : model.find(name, this.version, { isTag: true });
		let validate: ValidateFunction | undefined | null = null;
		if (found?.exact && found.type.kind === 'structured') {
			const type: ResolvedType = { kind: 'structured', type: found.type };
			validate = this.validator.store.validatorFor(type, this.version);
		}
		this.lastTag = { text: tag, validate };
		return validate;
	}
}

/**
 * What the members of the objects around collection items say while the parser is still
 * reading them: whether one is `@odata.type`, and the root's first `@odata.context`. Each
 * object's members are read once, as they come: asking again after every array would read a
 * root of 100,000 members 100,000 times.
 */
class MemberNotes {
	private readonly notes = new WeakMap<
		JSONNode,
		{ read: number; hasTag: boolean; context?: string }
	>();

	/** Whether an object at or above the node has a `@odata.type` member so far. */
	isTaggedAround(node: JSONNode): boolean {
		for (let at = node.parent; at !== undefined; at = at.parent) {
			if (at.type === 'object' && this.read(at).hasTag) {
				return true;
			}
		}
		return false;
	}

	/** The version the root's `@odata.context` names so far, else `fallback`. */
	versionOf(node: JSONNode, fallback: ApiVersion): ApiVersion {
		let root = node;
		while (root.parent !== undefined) {
			root = root.parent;
		}
		const context = root.type === 'object' ? this.read(root).context : undefined;
		return (context !== undefined && versionFromContext(context)) || fallback;
	}

	private read(object: JSONNode): { read: number; hasTag: boolean; context?: string } {
		let note = this.notes.get(object);
		if (note === undefined) {
			note = { read: 0, hasTag: false };
			this.notes.set(object, note);
		}
		const members = object.children ?? [];
		// A member whose value is still being read has no children yet: it is read later.
		for (; note.read < members.length && members[note.read].children; note.read++) {
			const [key, value] = members[note.read].children!;
			note.hasTag ||= key.value === tagKey;
			if (key.value === '@odata.context' && typeof value?.value === 'string') {
				note.context ??= value.value;
			}
		}
		return note;
	}
}

const smallObjectSize = 16;

/**
 * The number of members of all objects in a parsed value, or -1 when a member needs its node
 * to be checked: a tag below the top level (a part of its own) or an annotation with a
 * problem. Compared with the ':' count of the item's text, it tells whether JSON.parse merged
 * a duplicate key.
 */
function plainMemberCount(top: Record<string, unknown>): number {
	let count = 0;
	const stack: unknown[] = [top];
	while (stack.length > 0) {
		const value = stack.pop();
		if (Array.isArray(value)) {
			for (const item of value) {
				if (typeof item === 'object' && item !== null) {
					stack.push(item);
				}
			}
			continue;
		}
		const object = value as Record<string, unknown>;
		// for-in reads JSON.parse's objects from their enumeration cache, without an array.
		for (const key in object) {
			count++;
			const member = object[key];
			if (key.includes('@')) {
				const isTopTag = key === tagKey && object === top;
				if (!isTopTag && (key === tagKey || !isAnnotationFine(key, member))) {
					return -1;
				}
			}
			if (typeof member === 'object' && member !== null) {
				stack.push(member);
			}
		}
	}
	return count;
}

function hasKeyBefore(members: JSONNode[], index: number, key: string): boolean {
	for (let i = 0; i < index; i++) {
		if (keyOf(members[i]) === key) {
			return true;
		}
	}
	return false;
}

/** Every number in the value is canonical: its text is what String() gives back. */
const canonicalLiterals: RawLiterals = () => undefined;

const valueCodes = new Set<string>([
	DiagnosticCode.typeMismatch,
	DiagnosticCode.invalidEnumValue,
	DiagnosticCode.invalidFormat,
	DiagnosticCode.outOfRange,
	DiagnosticCode.invalidTag,
	DiagnosticCode.unknownType,
]);

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
