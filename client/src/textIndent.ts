/** Text helpers for inserting server-made JSON into an editor; free of `vscode` imports. */

/** The whitespace that starts a line. */
export function leadingWhitespace(line: string): string {
	return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/**
 * Indents every line but the first by `indent`, so a multi-line snippet inserted at a cursor that
 * sits on an indented line keeps its shape: the first line lands at the cursor itself.
 */
export function indentFollowingLines(text: string, indent: string): string {
	if (indent === '') {
		return text;
	}
	return text
		.split(/\r?\n/)
		.map((line, index) => (index === 0 || line === '' ? line : indent + line))
		.join('\n');
}
