/**
 * Problems: what the service finds, before a front end turns them into LSP diagnostics or CLI
 * lines. Offsets are UTF-16 offsets into the document text.
 */

/** The stable diagnostic codes of DESIGN.md, grouped by kind. */
export const DiagnosticCode = {
	// syntax
	syntaxError: 'syntax-error',
	duplicateProperty: 'duplicate-property',
	// typing
	unknownType: 'unknown-type',
	incompatibleType: 'incompatible-type',
	invalidTag: 'invalid-tag',
	// schema
	unknownProperty: 'unknown-property',
	typeMismatch: 'type-mismatch',
	outOfRange: 'out-of-range',
	invalidFormat: 'invalid-format',
	invalidEnumValue: 'invalid-enum-value',
	notNullable: 'not-nullable',
	unknownAnnotation: 'unknown-annotation',
	// limits
	notChecked: 'not-checked',
} as const;

export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const defaultSeverities: Record<DiagnosticCode, Severity> = {
	'syntax-error': 'error',
	'duplicate-property': 'warning',
	'unknown-type': 'error',
	'incompatible-type': 'error',
	'invalid-tag': 'error',
	'unknown-property': 'warning',
	'type-mismatch': 'error',
	'out-of-range': 'error',
	'invalid-format': 'error',
	'invalid-enum-value': 'error',
	'not-nullable': 'error',
	'unknown-annotation': 'warning',
	'not-checked': 'information',
};

export const allDiagnosticCodes = Object.keys(defaultSeverities) as DiagnosticCode[];

/** A text edit that repairs a problem: replace `length` characters at `offset` by `newText`. */
export interface Fix {
	title: string;
	offset: number;
	length: number;
	newText: string;
}

export interface Problem {
	offset: number;
	length: number;
	code: DiagnosticCode;
	severity: Severity;
	message: string;
	fixes?: Fix[];
}

export type SeverityLevel = Severity | 'off';

/** Applies user overrides; a code set to `off` drops its problems. */
export function applySeverities(
	problems: Problem[],
	overrides: Readonly<Record<string, SeverityLevel>> | undefined,
): Problem[] {
	if (!overrides || Object.keys(overrides).length === 0) {
		return problems;
	}
	const result: Problem[] = [];
	for (const problem of problems) {
		const level = Object.hasOwn(overrides, problem.code) ? overrides[problem.code] : undefined;
		if (level === 'off') {
			continue;
		}
		result.push(level ? { ...problem, severity: level } : problem);
	}
	return result;
}

/** A problem on a node's range, with its code's default severity. */
export function problemAt(
	node: { offset: number; length: number },
	code: DiagnosticCode,
	message: string,
	fixes?: Fix[],
): Problem {
	return {
		offset: node.offset,
		length: node.length,
		code,
		severity: defaultSeverities[code],
		message,
		fixes,
	};
}
