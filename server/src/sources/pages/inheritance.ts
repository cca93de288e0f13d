/**
 * The base type stated in prose when the annotation gives none: the first sentence with
 * `Inherits from [x](y)`, `Derived from`, `derives from`, `inherit from` or
 * `derived from microsoft.graph.x`. Sentences naming a type before the verb
 * (`[x] types inherit from this type`) speak of subtypes and are skipped.
 */

import type { ParagraphBlock } from './blocks';
import { isTypeName, linkNames, qualify, type PageTarget } from './links';
import type { ReferenceTarget } from './pageTypes';
import { findLinks, unwrapMarks, type InlineLink } from './text';

export interface StatedBase {
	name: string;
	target: ReferenceTarget;
	alternatives?: string[];
}

export interface BaseContext {
	/** Where a link of the page points (relative to the page; undefined when external). */
	resolveLink: (target: string) => PageTarget | undefined;
	namespace: string;
	definitions: Map<string, string>;
	/** The page's own type name, qualified: a sentence naming it is about its subtypes. */
	ownName: string;
}

const VERB = /\b(?:inherits?|derive[sd]?)\s+from\b/gi;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
/** Words between the verb and the name: "Inherits from the base class [x](y)". */
const LEAD_IN = /^(?:(?:the|a|an)\s+)?(?:abstract\s+)?(?:base\s+(?:class|type)\s+)?/i;
/** `[x]`: a shortcut reference link (Education pages). */
const SHORTCUT = /^\*{0,2}\[([^[\]]+)\](?![([])/;
const NOT_TYPES = new Set([
	'here',
	'this',
	'that',
	'these',
	'those',
	'it',
	'them',
	'which',
	'other',
]);
const LOOK_AHEAD = 400;
const LOOK_BACK = 400;

export function findStatedBase(
	paragraphs: ParagraphBlock[],
	context: BaseContext,
): StatedBase | undefined {
	for (const paragraph of paragraphs) {
		if (!paragraph.lines.some((line) => line.includes('from'))) {
			continue;
		}
		const text = paragraph.lines.join(' ');
		VERB.lastIndex = 0;
		for (let match = VERB.exec(text); match; match = VERB.exec(text)) {
			const base = readSentence(text, match.index, match.index + match[0].length, context);
			if (base !== undefined) {
				return base;
			}
		}
	}
	return undefined;
}

function readSentence(
	text: string,
	verbStart: number,
	verbEnd: number,
	context: BaseContext,
): StatedBase | undefined {
	// The look-back is bounded so that a paragraph repeating the verb stays linear.
	const windowStart = Math.max(0, verbStart - LOOK_BACK);
	const sentenceStart = Math.max(text.lastIndexOf('. ', verbStart) + 1, windowStart);
	if (text.slice(sentenceStart, verbStart).includes('[')) {
		return undefined;
	}
	const after = text
		.slice(verbEnd, verbEnd + LOOK_AHEAD)
		.trimStart()
		.replace(LEAD_IN, '');
	const base =
		after.startsWith('[') || after.startsWith('**[')
			? fromLink(after, context)
			: fromWord(after, context);
	const isSelf = base !== undefined && base.name.toLowerCase() === context.ownName.toLowerCase();
	return isSelf ? undefined : base;
}

function fromLink(after: string, context: BaseContext): StatedBase | undefined {
	const shortcut = SHORTCUT.exec(after);
	const link: Omit<InlineLink, 'end'> | undefined = shortcut
		? { start: 0, text: shortcut[1], label: shortcut[1] }
		: findLinks(after)[0];
	if (link === undefined || link.start > 2) {
		return undefined;
	}
	const target = link.target ?? context.definitions.get((link.label ?? '').toLowerCase());
	const names = linkNames(link.text, target).map((name) => qualify(name, context.namespace));
	if (names.length === 0) {
		return undefined;
	}
	const page = target === undefined ? undefined : context.resolveLink(target);
	return { name: names[0], target: page ?? { kind: 'name' }, alternatives: names.slice(1) };
}

/** A bare name counts when it looks like a type: qualified, camelCase, marked, or `x type`. */
function fromWord(after: string, context: BaseContext): StatedBase | undefined {
	const isMarked = /^[`*_]/.test(after);
	const unmarked = isMarked ? unwrapMarks(after.split(/\s/)[0].replace(/[.,;:]+$/, '')) : after;
	const word = WORD.exec(unmarked)?.[0];
	if (word === undefined || !isTypeName(word) || NOT_TYPES.has(word.toLowerCase())) {
		return undefined;
	}
	const rest = unmarked.slice(word.length);
	const looksLikeType =
		isMarked ||
		word.includes('.') ||
		/[A-Z]/.test(word) ||
		/^(?:\s+(?:type|resource)\b|\s*[.;]|$)/.test(rest);
	return looksLikeType
		? { name: qualify(word, context.namespace), target: { kind: 'name' } }
		: undefined;
}
