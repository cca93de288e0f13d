/**
 * `graph-fixtures check`: validates files with the same engine as the language server.
 */
import { promises as fs } from 'node:fs';
import type { ApiVersion } from '../model/types';
import { doValidation, notCheckedProblems } from '../service';
import type { Problem, SeverityLevel, Validator } from '../service';
import { decodeText } from './decode';
import { describeError } from './files';
import type { FileReport } from './reporters';
import { printable } from './reporters';
import { IndexedDocument } from '../textDocument';

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
	const read = await readFixture(file, options.maxFileSize);
	if (typeof read === 'string') {
		return { error: `${file}: ${read}` };
	}
	const decoded = decodeText(read.bytes);
	const allowComments = /\.jsonc$/i.test(file);
	let problems: Problem[];
	try {
		problems = read.isTooLarge
			? notCheckedProblems(decoded.text, read.size, options)
			: decoded.problem
				? [decoded.problem]
				: checkText(decoded.text, allowComments, validator, options);
	} catch (error) {
		// One file that breaks the engine must not cost the report of every other file.
		const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
		return {
			error: `${printable(file)}: internal error while checking it; please report this.\n${detail}`,
		};
	}
	const document = new IndexedDocument(
		'file:///check',
		allowComments ? 'jsonc' : 'json',
		0,
		decoded.text,
	);
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

function checkText(
	text: string,
	allowComments: boolean,
	validator: Validator,
	options: CheckOptions,
): Problem[] {
	return doValidation(validator, text, {
		allowComments,
		apiVersion: options.apiVersion,
		maxFileSize: options.maxFileSize,
		onlyTagged: false,
		syntaxErrors: true,
		severity: options.severity,
	});
}

/**
 * A file's bytes, or only its first bytes when it is over the size limit; a reason when it
 * cannot be read. Devices and pipes are refused: /dev/zero never ends and a FIFO may never answer.
 */
async function readFixture(
	file: string,
	limit: number,
): Promise<{ bytes: Buffer; size: number; isTooLarge: boolean } | string> {
	try {
		const stat = await fs.stat(file);
		if (!stat.isFile()) {
			return stat.isDirectory()
				? describeError({ code: 'EISDIR' } as NodeJS.ErrnoException)
				: 'not a regular file.';
		}
		const isTooLarge = stat.size > limit;
		const bytes = isTooLarge ? await readStart(file) : await fs.readFile(file);
		return { bytes, size: stat.size, isTooLarge };
	} catch (error) {
		return describeError(error as NodeJS.ErrnoException);
	}
}

/** The first bytes of a file: enough for a byte order mark and one character. */
async function readStart(file: string): Promise<Buffer> {
	const handle = await fs.open(file, 'r');
	try {
		const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}
