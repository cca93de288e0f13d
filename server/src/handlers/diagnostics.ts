/**
 * Problems out as LSP diagnostics: UTF-16 ranges from the document, the severity by name, the
 * stable code, the `graph-fixtures` source, and the quick-fix edits kept in `data`.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem, Severity } from '../service';
import type { DiagnosticData } from '../service/codeActions';

export const diagnosticSource = 'graph-fixtures';

const severities: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

export function toDiagnostics(document: TextDocument, problems: readonly Problem[]): Diagnostic[] {
	return problems.map((problem) => toDiagnostic(document, problem));
}

function toDiagnostic(document: TextDocument, problem: Problem): Diagnostic {
	const diagnostic: Diagnostic = {
		range: rangeOf(document, problem.offset, problem.length),
		severity: severities[problem.severity],
		code: problem.code,
		source: diagnosticSource,
		message: problem.message,
	};
	if (problem.fixes && problem.fixes.length > 0) {
		const data: DiagnosticData = {
			fixes: problem.fixes.map((fix) => ({
				title: fix.title,
				range: rangeOf(document, fix.offset, fix.length),
				newText: fix.newText,
			})),
		};
		diagnostic.data = data;
	}
	return diagnostic;
}

function rangeOf(document: TextDocument, offset: number, length: number): Diagnostic['range'] {
	return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}
