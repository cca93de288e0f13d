/**
 * The three output formats of `check`: stylish (path:line:column lines, one-based, for editors
 * and CI logs), json (the DESIGN.md contract, LSP ranges) and SARIF 2.1.0.
 */
import { createColors } from 'picocolors';
import type { Range } from 'vscode-languageserver-textdocument';
import type { DiagnosticCode, Severity } from '../service/problems';
import { allDiagnosticCodes } from '../service/problems';

/**
 * Colours only on a terminal (or when FORCE_COLOR asks): a report written to a file or a CI log
 * is read by tools, which must not meet escape sequences. NO_COLOR turns them off everywhere.
 */
function shouldColour(): boolean {
	const force = process.env.FORCE_COLOR;
	if (force !== undefined) {
		return force !== '0' && force !== 'false';
	}
	return process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
}

const pc = createColors(shouldColour());

export interface ReportedDiagnostic {
	range: Range;
	severity: Severity;
	code: DiagnosticCode;
	message: string;
}

export interface FileReport {
	file: string;
	diagnostics: ReportedDiagnostic[];
}

export interface Totals {
	errors: number;
	warnings: number;
	others: number;
}

export function countTotals(reports: readonly FileReport[]): Totals {
	const totals: Totals = { errors: 0, warnings: 0, others: 0 };
	for (const report of reports) {
		for (const diagnostic of report.diagnostics) {
			if (diagnostic.severity === 'error') {
				totals.errors++;
			} else if (diagnostic.severity === 'warning') {
				totals.warnings++;
			} else {
				totals.others++;
			}
		}
	}
	return totals;
}

const severityColour: Record<Severity, (text: string) => string> = {
	error: pc.red,
	warning: pc.yellow,
	information: pc.blue,
	hint: pc.dim,
};

/**
 * Control characters and bidirectional overrides, which text from a fixture, a page or a file
 * name may hold: an ESC sequence can retitle or clear the terminal, a line break can forge a
 * line of output (a CI annotation such as `::error::`), an override can disguise the text.
 */
const unprintable =
	/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text made safe for one line of a terminal or a CI log: each such character as `\uXXXX`. */
export function printable(text: string): string {
	return text.replace(
		unprintable,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

export function formatStylish(reports: readonly FileReport[]): string {
	const lines: string[] = [];
	for (const report of reports) {
		const file = printable(report.file);
		for (const { range, severity, message, code } of report.diagnostics) {
			const where = `${file}:${range.start.line + 1}:${range.start.character + 1}`;
			lines.push(
				`${where}  ${severityColour[severity](severity)}  ${printable(message)}  ${pc.dim(code)}`,
			);
		}
	}
	const totals = countTotals(reports);
	const problems = totals.errors + totals.warnings + totals.others;
	const files = `${count(reports.length, 'file')} checked`;
	if (problems === 0) {
		lines.push(
			reports.length === 0
				? pc.yellow(`No file checked`)
				: pc.green(`✔ ${files}, no problems`),
		);
	} else {
		const summary =
			`✖ ${count(problems, 'problem')} (${count(totals.errors, 'error')}, ` +
			`${count(totals.warnings, 'warning')}, ${count(totals.others, 'note')}) in ${files}`;
		lines.push(totals.errors > 0 ? pc.red(pc.bold(summary)) : pc.yellow(summary));
	}
	return `${lines.join('\n')}\n`;
}

function count(value: number, noun: string): string {
	return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

export function formatJson(reports: readonly FileReport[]): string {
	return `${JSON.stringify(reports, null, 2)}\n`;
}

const sarifLevel: Record<Severity, string> = {
	error: 'error',
	warning: 'warning',
	information: 'note',
	hint: 'note',
};

export function formatSarif(reports: readonly FileReport[], version: string): string {
	const results = reports.flatMap((report) =>
		report.diagnostics.map((diagnostic) => ({
			ruleId: diagnostic.code,
			level: sarifLevel[diagnostic.severity],
			message: { text: diagnostic.message },
			locations: [
				{
					physicalLocation: {
						artifactLocation: { uri: toUriReference(report.file) },
						// SARIF lines and columns are one-based; columns count UTF-16 code units by default.
						region: {
							startLine: diagnostic.range.start.line + 1,
							startColumn: diagnostic.range.start.character + 1,
							endLine: diagnostic.range.end.line + 1,
							endColumn: diagnostic.range.end.character + 1,
						},
					},
				},
			],
		})),
	);
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'graph-fixtures',
						version,
						rules: allDiagnosticCodes.map((code) => ({ id: code })),
					},
				},
				columnKind: 'utf16CodeUnits',
				results,
			},
		],
	};
	return `${JSON.stringify(log, null, 2)}\n`;
}

function toUriReference(file: string): string {
	return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
