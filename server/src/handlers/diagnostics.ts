/**
 * Problems out as LSP diagnostics: UTF-16 ranges from the document, the severity by name, the
 * stable code, the `graph-fixtures` source, and the quick-fix edits kept in `data`.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem, Severity } from '../service';
import type { DiagnosticData } from '../service/codeActions';
import { positionsIn } from '../textDocument';

export const diagnosticSource = 'graph-fixtures';

const severities: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

/**
 * The most diagnostics published for one document. A 20 MB fixture can hold 60,000 faults, and
 * editors slow down on lists that long (each diagnostic is sent, stored, sorted and drawn) while
 * no one reads past the first screenfuls. VS Code's own JSON support bounds its outline and
 * folding results the same way (`json.maxItemsComputed`).
 */
export const maxDiagnosticsPerDocument = 1000;

const severityRank: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The problems as diagnostics: at most the cap, errors first, then one note on the rest. */
export function toDiagnostics(document: TextDocument, problems: readonly Problem[]): Diagnostic[] {
	if (problems.length <= maxDiagnosticsPerDocument) {
		return convert(document, problems);
	}
	const shown = [...problems]
		.sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.offset - b.offset)
		.slice(0, maxDiagnosticsPerDocument)
		.sort((a, b) => a.offset - b.offset);
	const diagnostics = convert(document, shown);
	diagnostics.push(hiddenNote(document, problems.length - shown.length));
	return diagnostics;
}

/** Converts problems, finding the positions of all their offsets in one pass. */
function convert(document: TextDocument, problems: readonly Problem[]): Diagnostic[] {
	const offsets: number[] = [];
	for (const problem of problems) {
		offsets.push(problem.offset, problem.offset + problem.length);
		for (const fix of problem.fixes ?? []) {
			offsets.push(fix.offset, fix.offset + fix.length);
		}
	}
	const positions = positionsIn(document, offsets);
	let next = 0;
	const rangeAt = (): Diagnostic['range'] => ({
		start: positions[next++],
		end: positions[next++],
	});
	return problems.map((problem) => toDiagnostic(problem, rangeAt));
}

/**
 * The note on the first character saying how many problems were left out. It has no code: none
 * of the contract's fits (`not-checked` says the document was not checked at all).
 */
function hiddenNote(document: TextDocument, hidden: number): Diagnostic {
	const count = (value: number) => value.toLocaleString('en-US');
	return {
		range: rangeOf(document, 0, firstCharacterLength(document.getText().slice(0, 2))),
		severity: DiagnosticSeverity.Information,
		source: diagnosticSource,
		message: `${count(hidden)} more problems are not shown: at most ${count(maxDiagnosticsPerDocument)} are reported per document, errors first.`,
	};
}

/** One diagnostic; `rangeAt` gives the ranges of the problem, then of each fix, in order. */
function toDiagnostic(problem: Problem, rangeAt: () => Diagnostic['range']): Diagnostic {
	const diagnostic: Diagnostic = {
		range: rangeAt(),
		severity: severities[problem.severity],
		code: problem.code,
		source: diagnosticSource,
		message: problem.message,
	};
	if (problem.fixes && problem.fixes.length > 0) {
		const data: DiagnosticData = {
			fixes: problem.fixes.map((fix) => ({
				title: fix.title,
				range: rangeAt(),
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

/** A surrogate pair or a CRLF is one character: a range ending inside either is no position. */
function firstCharacterLength(start: string): number {
	if (start.length < 2) {
		return start.length;
	}
	const isPair = /^[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test(start);
	return isPair || start === '\r\n' ? 2 : 1;
}
