/**
 * Shape checks for what clients send. Messages arrive as untyped JSON, so a request with
 * `params: null` or a position without `line` must be caught here, before any handler reads it:
 * each check returns what is wrong, in words for the log, or undefined when the params are usable.
 */

/** What is wrong with a message's params, or undefined when nothing is. */
export type ParamsCheck = (params: unknown) => string | undefined;

type Fields = Record<string, unknown>;

export function isObject(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** LSP `uinteger`: lines, characters and versions are integers from 0. */
function isUnsigned(value: unknown): boolean {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isPosition(value: unknown): boolean {
	return isObject(value) && isUnsigned(value.line) && isUnsigned(value.character);
}

export function isRange(value: unknown): boolean {
	return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

/** The URI of `params.textDocument`, when there is one. */
export function documentUri(params: unknown): string | undefined {
	const textDocument = isObject(params) ? params.textDocument : undefined;
	return isObject(textDocument) && typeof textDocument.uri === 'string'
		? textDocument.uri
		: undefined;
}

/** The params object itself: null, a number or an array (positional params) are faults. */
export function checkObject(params: unknown): string | undefined {
	if (params === undefined) {
		return 'params are missing';
	}
	return isObject(params) ? undefined : `params are ${describeValue(params)}, not an object`;
}

/** `{ textDocument: { uri } }`, the start of every document message. */
export function checkDocument(params: unknown): string | undefined {
	return (
		checkObject(params) ??
		(documentUri(params) === undefined ? 'textDocument.uri is not a string' : undefined)
	);
}

/** `TextDocumentPositionParams`: hover, completion, definition. */
export function checkDocumentPosition(params: unknown): string | undefined {
	return (
		checkDocument(params) ??
		(isPosition((params as Fields).position)
			? undefined
			: 'position is not { line, character } with integers from 0')
	);
}

/** `CodeActionParams`: a range and a context whose diagnostics have ranges. */
export function checkCodeAction(params: unknown): string | undefined {
	const fault = checkDocument(params);
	if (fault !== undefined) {
		return fault;
	}
	const { range, context } = params as Fields;
	if (!isRange(range)) {
		return 'range is not { start, end } positions';
	}
	if (!isObject(context) || !Array.isArray(context.diagnostics)) {
		return 'context.diagnostics is not an array';
	}
	if (!context.diagnostics.every((item) => isObject(item) && isRange(item.range))) {
		return 'context.diagnostics holds an item without a range';
	}
	const only = context.only;
	const isKindList =
		only === undefined ||
		(Array.isArray(only) && only.every((kind) => typeof kind === 'string'));
	return isKindList ? undefined : 'context.only is not an array of strings';
}

/** `{ type }`, the payload of the custom requests that name a type. */
export function checkTypeParams(params: unknown): string | undefined {
	return (
		checkObject(params) ??
		(typeof (params as Fields).type === 'string' ? undefined : 'type is not a string')
	);
}

/** Requests without a payload accept any params: there is nothing to read in them. */
export function acceptAny(): undefined {
	return undefined;
}

/** A short rendering of a value for a log line; long values are cut. */
export function describeValue(value: unknown): string {
	if (value === undefined) {
		return 'missing';
	}
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
