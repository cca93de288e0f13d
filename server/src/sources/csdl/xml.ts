/**
 * The XML layer of the CSDL reader: fast-xml-parser configured for speed and safety, a thin view
 * over its ordered output, line numbers from node offsets, and the few entity references XML
 * predefines.
 */
import { XMLParser } from 'fast-xml-parser';

/** One node of fast-xml-parser's `preserveOrder` output: `{ tag: children, ':@': attributes }`. */
type RawNode = Record<string | symbol, unknown>;

/** An element as the reader sees it; children stay raw until someone walks into them. */
export interface XmlElement {
	/** Local name: namespace prefixes are removed (`edmx:Edmx` → `Edmx`). */
	tag: string;
	attributes: Readonly<Record<string, unknown>>;
	children: readonly RawNode[];
	/** Offset of the `<` that opens the element, in the text given to `parseXml`. */
	offset: number;
	/** False when the document ended (or a mismatched end tag came) before this element closed. */
	isClosed: boolean;
}

const ATTRIBUTES_KEY = ':@';
const TEXT_KEY = '#text';
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/**
 * Entity processing is off: a DTD's entities are never expanded (no "billion laughs"), and the
 * five predefined entities and character references are decoded by `decodeXml` instead.
 * Actions, functions, the entity container and vocabulary terms are not types for fixtures, so
 * the parser skips over their content without building nodes.
 * Namespace prefixes are dropped in `toElement`, which is cheaper than the parser's option.
 */
const options = {
	preserveOrder: true,
	captureMetaData: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
	parseAttributeValue: false,
	processEntities: false,
	htmlEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	jPath: false,
} as const;
const parser = new XMLParser({
	...options,
	stopNodes: ['*.Action', '*.Function', '*.EntityContainer', '*.Term'],
});
/** For a document cut short: an unclosed stop node throws, an unclosed element does not. */
const parserWithoutStops = new XMLParser(options);

/** Parses XML text into top-level elements; throws the parser's error on text it cannot read. */
export function parseXml(text: string): XmlElement[] {
	return elementsOf(parser.parse(text) as RawNode[]);
}

/** A document that stops in the middle of markup, read up to `end`. */
export function parsePrefix(text: string, end: number): XmlElement[] {
	return elementsOf(parserWithoutStops.parse(text.slice(0, end)) as RawNode[]);
}

/**
 * Where the parser stopped, as an offset in `text`, when its error says (it counts in the text
 * with line ends normalized to LF).
 */
export function errorOffset(error: unknown, text: string): number | undefined {
	const match = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
	if (!match) {
		return undefined;
	}
	const normalized = Number(match[1]);
	let offset = 0;
	for (let count = 0; count < normalized && offset < text.length; count++) {
		offset += text.startsWith('\r\n', offset) ? 2 : 1;
	}
	return offset;
}

/** The element children of a raw child list, in document order (text and comments dropped). */
export function elementsOf(nodes: readonly RawNode[]): XmlElement[] {
	const elements: XmlElement[] = [];
	for (const node of nodes) {
		const element = toElement(node);
		if (element) {
			elements.push(element);
		}
	}
	return elements;
}

function toElement(node: RawNode): XmlElement | undefined {
	for (const key in node) {
		if (key === ATTRIBUTES_KEY || key === TEXT_KEY) {
			continue;
		}
		const children = node[key];
		const meta = node[META] as { startIndex?: number; endIndex?: number } | undefined;
		const attributes = node[ATTRIBUTES_KEY];
		const colon = key.indexOf(':');
		return {
			tag: colon === -1 ? key : key.slice(colon + 1),
			attributes: typeof attributes === 'object' && attributes ? (attributes as RawNode) : {},
			children: Array.isArray(children) ? (children as RawNode[]) : [],
			offset: meta?.startIndex ?? 0,
			isClosed: meta?.endIndex !== undefined,
		};
	}
	return undefined;
}

/** An attribute's value with entity references decoded, or undefined when absent. */
export function attribute(element: XmlElement, name: string): string | undefined {
	const value = Object.hasOwn(element.attributes, name) ? element.attributes[name] : undefined;
	return typeof value === 'string' ? decodeXml(value) : undefined;
}

/** The element's own text content (CDATA included), decoded. */
export function textOf(element: XmlElement): string {
	let text = '';
	for (const node of element.children) {
		const value = node[TEXT_KEY];
		if (typeof value === 'string') {
			text += value;
		}
	}
	return decodeXml(text);
}

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};

/**
 * Decodes the predefined entities and character references. Any other `&name;` stays as written:
 * it could only come from a DTD, which this reader never trusts.
 */
export function decodeXml(value: string): string {
	if (!value.includes('&')) {
		return value;
	}
	return value.replace(ENTITY, (whole, hex?: string, decimal?: string, name?: string) => {
		if (name) {
			return PREDEFINED[name] ?? whole;
		}
		const codePoint = hex ? parseInt(hex, 16) : Number(decimal);
		return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
	});
}

/** Zero-based line numbers for offsets; CRLF, CR and LF each end a line. */
export class LineIndex {
	private readonly starts: number[] = [0];

	constructor(text: string) {
		if (!text.includes('\r')) {
			// The common case, and several times faster than looking at every character.
			for (
				let index = text.indexOf('\n');
				index !== -1;
				index = text.indexOf('\n', index + 1)
			) {
				this.starts.push(index + 1);
			}
			return;
		}
		for (let index = 0; index < text.length; index++) {
			const code = text.charCodeAt(index);
			if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
				this.starts.push(index + 1);
			}
		}
	}

	lineAt(offset: number): number {
		let low = 0;
		let high = this.starts.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (this.starts[middle] <= offset) {
				low = middle;
			} else {
				high = middle - 1;
			}
		}
		return low;
	}

	get lineCount(): number {
		return this.starts.length;
	}
}

/**
 * The innermost element that never closed, following the chain of unclosed elements down from
 * `root`. fast-xml-parser accepts truncated documents silently; this finds where one broke off.
 */
export function innermostUnclosed(root: XmlElement): XmlElement | undefined {
	if (root.isClosed) {
		return undefined;
	}
	let current = root;
	for (;;) {
		const children = elementsOf(current.children);
		const open = children.find((child) => !child.isClosed);
		if (!open) {
			return current;
		}
		current = open;
	}
}
