/**
 * Test helpers over the engine: load type sources once per combination and check texts,
 * returning LSP ranges so that tests compare with the positions the cases state.
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApiVersion } from '../../server/src/model/types';
import assert from 'node:assert/strict';
import { parseJSON } from '../../server/src/json';
import { Validator, doValidation, parseOptions } from '../../server/src/service';
import type { CheckSettings, Problem } from '../../server/src/service';
import { loadTypes } from '../../server/src/sources/typeSources';
import type { LoadedTypes } from '../../server/src/sources/typeSources';

/** The repository root, from out/test/helpers. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const sharedRoot = path.resolve(repoRoot, '..', 'shared');
export const graphDocs = path.join(sharedRoot, 'graph-docs');
export const casesRoot = path.join(sharedRoot, 'cases');
export const csdlRoot = path.join(sharedRoot, 'csdl');

const loads = new Map<string, Promise<LoadedTypes>>();

export function loadSources(docs: string[] = [], metadata: string[] = []): Promise<LoadedTypes> {
	const key = JSON.stringify([docs, metadata]);
	let loaded = loads.get(key);
	if (!loaded) {
		loaded = loadTypes({ docs, metadata });
		loads.set(key, loaded);
	}
	return loaded;
}

const validators = new WeakMap<LoadedTypes, Validator>();

export async function validatorFor(
	docs: string[] = [],
	metadata: string[] = [],
): Promise<Validator> {
	const loaded = await loadSources(docs, metadata);
	let validator = validators.get(loaded);
	if (!validator) {
		validator = new Validator(loaded.model);
		validators.set(loaded, validator);
	}
	return validator;
}

export interface CheckedDiagnostic {
	code: string;
	severity: string;
	range: string;
	message: string;
	problem: Problem;
}

export interface CheckOptions {
	docs?: string[];
	metadata?: string[];
	jsonc?: boolean;
	apiVersion?: ApiVersion;
	/** The language server reports nothing for untagged documents; the CLI reports syntax. */
	onlyTagged?: boolean;
	syntaxErrors?: boolean;
}

/** `(line,character)-(line,character)`, as the cases write ranges. */
export function formatRange(document: TextDocument, offset: number, length: number): string {
	const start = document.positionAt(offset);
	const end = document.positionAt(offset + length);
	return `(${start.line},${start.character})-(${end.line},${end.character})`;
}

/** The settings the CLI checks with: every document, syntax included. */
export const cliSettings: CheckSettings = {
	allowComments: false,
	apiVersion: 'beta',
	maxFileSize: 50 * 1024 * 1024,
	onlyTagged: false,
	syntaxErrors: true,
};

export async function check(
	text: string,
	options: CheckOptions = {},
): Promise<CheckedDiagnostic[]> {
	const validator = await validatorFor(options.docs, options.metadata);
	const document = TextDocument.create(
		'file:///test.json',
		options.jsonc ? 'jsonc' : 'json',
		1,
		text,
	);
	const settings: CheckSettings = {
		...cliSettings,
		allowComments: options.jsonc ?? false,
		apiVersion: options.apiVersion ?? 'beta',
		onlyTagged: options.onlyTagged ?? false,
		syntaxErrors: options.syntaxErrors ?? true,
	};
	const problems = doValidation(validator, text, settings);
	// Every text a test checks is also checked with every node built: the lazy items' fast
	// path must report exactly what the full walk reports.
	const eager = parseJSON(text, { ...parseOptions(settings.allowComments), lazyItems: false });
	assert.deepEqual(problems, doValidation(validator, text, settings, eager));
	return problems.map((problem) => ({
		code: problem.code,
		severity: problem.severity,
		range: formatRange(document, problem.offset, problem.length),
		message: problem.message,
		problem,
	}));
}

/** `code@range` strings, sorted, for exact comparisons. */
export function summary(diagnostics: CheckedDiagnostic[]): string[] {
	return diagnostics.map((item) => `${item.code}@${item.range}`).sort();
}
