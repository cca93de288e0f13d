import { parse as parseYaml } from 'yaml';

/**
 * The metadata block at the top of a page; only a hint for the reader. Values are parsed on
 * first use: YAML parsing costs more than reading the rest of the page, and most pages never
 * need it.
 */
export class FrontMatter {
	private parsed?: Record<string, string>;

	constructor(
		/** The lines between the two `---` lines. */
		readonly block: string[],
		/** The first line after the block (0 when the page has none). */
		readonly bodyStart: number,
	) {}

	/** Keys and values as text; nested YAML values are dropped. */
	get values(): Record<string, string> {
		this.parsed ??= parseBlock(this.block);
		return this.parsed;
	}
}

const FENCE = /^---\s*$/;
const MAX_LINES = 200;

/** Finds the block between the first `---` line and the next one, when the page opens with it. */
export function readFrontMatter(lines: string[]): FrontMatter {
	const open = lines.findIndex((line) => line.trim() !== '');
	if (open === -1 || !FENCE.test(lines[open])) {
		return new FrontMatter([], 0);
	}
	const limit = Math.min(lines.length, open + 1 + MAX_LINES);
	for (let i = open + 1; i < limit; i++) {
		if (FENCE.test(lines[i])) {
			return new FrontMatter(lines.slice(open + 1, i), i + 1);
		}
	}
	return new FrontMatter([], 0);
}

function parseBlock(block: string[]): Record<string, string> {
	if (block.length === 0) {
		return {};
	}
	const fromYaml = tryYaml(block.join('\n'));
	return fromYaml ?? parseKeyValueLines(block);
}

function tryYaml(source: string): Record<string, string> | undefined {
	let data: unknown;
	try {
		data = parseYaml(source, { uniqueKeys: false, prettyErrors: false });
	} catch {
		// Pages hold unquoted colons and stray quotes that YAML rejects; the caller falls back.
		return undefined;
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		return undefined;
	}
	const values: Record<string, string> = {};
	for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
			values[key] = String(value);
		}
	}
	return values;
}

/** The simple rule pages follow when YAML rejects them: `key: value`, quotes stripped. */
export function parseKeyValueLines(block: string[]): Record<string, string> {
	const values: Record<string, string> = {};
	for (const line of block) {
		const colon = line.indexOf(':');
		if (colon <= 0 || /^\s/.test(line)) {
			continue;
		}
		const key = line.slice(0, colon).trim();
		values[key] = stripQuotes(line.slice(colon + 1).trim());
	}
	return values;
}

function stripQuotes(value: string): string {
	const first = value[0];
	const isQuoted = value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first);
	return isQuoted ? value.slice(1, -1) : value;
}
