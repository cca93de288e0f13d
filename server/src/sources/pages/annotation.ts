/**
 * The resource annotation: an HTML comment whose body is JSON with `"blockType": "resource"`.
 * Pages write it loosely (13 have a trailing comma, some raw newlines in strings, some comments),
 * so it is repaired in one pass before JSON.parse, and read key by key when even that fails.
 */

import type { PageComment } from './lines';

export interface ResourceAnnotation {
	line: number;
	/** `@odata.type` (or `@type`), leading '#' stripped. */
	typeName?: string;
	/** A string base type; `null` when the annotation says there is none. */
	baseType?: string | null;
	keyProperty?: string;
	isAbstract: boolean;
	isOpen: boolean;
}

const RESOURCE_MARK = /"blockType"\s*:\s*"resource"/;

/** The first comment on the page that is a resource annotation. */
export function findAnnotation(comments: PageComment[]): ResourceAnnotation | undefined {
	for (const comment of comments) {
		if (RESOURCE_MARK.test(comment.body)) {
			return readAnnotation(comment);
		}
	}
	return undefined;
}

function readAnnotation(comment: PageComment): ResourceAnnotation {
	const data = parseLenientJson(comment.body) ?? readKeysByPattern(comment.body);
	const typeName = stringValue(data['@odata.type']) ?? stringValue(data['@type']);
	const base = data.baseType;
	return {
		line: comment.line,
		typeName: typeName?.replace(/^#/, '').trim() || undefined,
		baseType: base === null ? null : stringValue(base)?.replace(/^#/, '').trim() || undefined,
		keyProperty: stringValue(data.keyProperty),
		isAbstract: isTrue(data.abstract) || isTrue(data.isAbstract),
		isOpen: isTrue(data.openType),
	};
}

function stringValue(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** `true` or the string `"true"` (3 real pages quote it). */
function isTrue(value: unknown): boolean {
	return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** Parses the JSON object in `body` after repairing trailing commas, raw newlines and comments. */
export function parseLenientJson(body: string): Record<string, unknown> | undefined {
	const start = body.indexOf('{');
	const end = body.lastIndexOf('}');
	if (start === -1 || end < start) {
		return undefined;
	}
	const json = body.slice(start, end + 1);
	try {
		// Most annotations are valid JSON already; the repair pass is only for the rest.
		const value: unknown = parseJson(json) ?? JSON.parse(repairJson(json));
		const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
		return isObject ? (value as Record<string, unknown>) : undefined;
	} catch {
		// Still not JSON: the caller reads the few keys it needs one by one.
		return undefined;
	}
}

function parseJson(json: string): unknown {
	try {
		return JSON.parse(json) as unknown;
	} catch {
		// Not strict JSON: the caller repairs it.
		return undefined;
	}
}

/** One pass: escapes control characters inside strings, drops comments and trailing commas. */
function repairJson(text: string): string {
	let out = '';
	let isInString = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (isInString) {
			out += escapeInString(char);
			if (char === '\\') {
				out += text[++i] ?? '';
			} else if (char === '"') {
				isInString = false;
			}
			continue;
		}
		if (char === '"') {
			isInString = true;
			out += char;
		} else if (char === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
			i = skipComment(text, i);
		} else if (char === ',' && isBeforeClose(text, i + 1)) {
			continue;
		} else {
			out += char;
		}
	}
	return out;
}

function escapeInString(char: string): string {
	if (char === '\n') {
		return '\\n';
	}
	if (char === '\r') {
		return '\\r';
	}
	return char === '\t' ? '\\t' : char;
}

/** Returns the index of the comment's last character. */
function skipComment(text: string, start: number): number {
	if (text[start + 1] === '/') {
		const end = text.indexOf('\n', start);
		return end === -1 ? text.length : end - 1;
	}
	const end = text.indexOf('*/', start + 2);
	return end === -1 ? text.length : end + 1;
}

// Looks ahead over whitespace only, so the whole repair stays linear.
function isBeforeClose(text: string, from: number): boolean {
	let i = from;
	while (i < text.length && /\s/.test(text[i])) {
		i++;
	}
	return text[i] === '}' || text[i] === ']';
}

const KEY_PATTERNS: [string, RegExp][] = [
	['@odata.type', /"@odata\.type"\s*:\s*"([^"\n]*)"/],
	['@type', /"@type"\s*:\s*"([^"\n]*)"/],
	['baseType', /"baseType"\s*:\s*(null|"[^"\n]*")/],
	['keyProperty', /"keyProperty"\s*:\s*"([^"\n]*)"/],
	['abstract', /"(?:is)?[aA]bstract"\s*:\s*"?(true|false)/],
	['openType', /"openType"\s*:\s*"?(true|false)/],
];

function readKeysByPattern(body: string): Record<string, unknown> {
	const data: Record<string, unknown> = {};
	for (const [key, pattern] of KEY_PATTERNS) {
		const match = pattern.exec(body);
		if (match === null) {
			continue;
		}
		const raw = match[1];
		data[key] = raw === 'null' ? null : raw.replace(/^"|"$/g, '');
	}
	return data;
}
