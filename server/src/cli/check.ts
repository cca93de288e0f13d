/**
 * `graph-fixtures check`: validates files with the same engine as the language server.
 */
import { promises as fs } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApiVersion } from '../model/types';
import { doValidation } from '../service';
import type { Problem, SeverityLevel, Validator } from '../service';
import { decodeText } from './decode';
import { describeError } from './files';
import type { FileReport } from './reporters';

export interface CheckOptions {
	apiVersion: ApiVersion;
	severity: Record<string, SeverityLevel>;
	maxFileSize: number;
}

/** Checks one file; a file that cannot be read yields `undefined` and a message. */
export async function checkFile(
	file: string,
	validator: Validator,
	options: CheckOptions,
): Promise<{ report?: FileReport; error?: string }> {
	let bytes: Buffer;
	try {
		bytes = await fs.readFile(file);
	} catch (error) {
		return { error: `${file}: ${describeError(error as NodeJS.ErrnoException)}` };
	}
	const decoded = decodeText(bytes);
	const allowComments = /\.jsonc$/i.test(file);
	const problems: Problem[] = decoded.problem
		? [decoded.problem]
		: doValidation(validator, decoded.text, {
				allowComments,
				apiVersion: options.apiVersion,
				maxFileSize: options.maxFileSize,
				onlyTagged: false,
				syntaxErrors: true,
				severity: options.severity,
			});
	const document = TextDocument.create('file:///check', allowComments ? 'jsonc' : 'json', 0, decoded.text);
	return {
		report: {
			file,
			diagnostics: problems.map((problem) => ({
				range: {
					start: document.positionAt(problem.offset),
					end: document.positionAt(problem.offset + problem.length),
				},
				severity: problem.severity,
				code: problem.code,
				message: problem.message,
			})),
		},
	};
}
