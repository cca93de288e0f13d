// The smoke tests in the real VS Code (code-server 4.100.3, VS Code 1.100.3) with the packaged
// extension installed: one test per user-visible feature, each driving the workbench as a user
// does and waiting for what the user would see. Each test has its own fixture file, so a failure
// leaves the others meaningful.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblems } from '../../tools/e2e/workbench.mjs';
import { copyDocsPages, positionOf } from '../../tools/e2e/workspace.mjs';

/** @typedef {import('../../tools/e2e/workbench.mjs').Workbench} Workbench */
/** @typedef {import('../../tools/e2e/workbench.mjs').Problem} Problem */
/** @typedef {{ workbench: Workbench, workspace: string }} Context */

const source = 'graph-fixtures';
const extensionId = 'graph-fixtures.graph-fixtures';
/** The first diagnostics wait for the extension to activate and the server to load its types. */
const firstDiagnosticsMs = 60_000;
/** The status item's text once types are loaded: `Graph 149 types`. */
const typesPattern = /\d+\s+types?\b/i;

/**
 * Whether `problem` is ours, with `code`, at the LSP position `at` (Problems shows 1-based).
 * @param {Problem} problem
 * @param {string} code
 * @param {{ line: number, character: number }} at
 */
function isOurs(problem, code, at) {
	return (
		problem.source === source &&
		problem.code === code &&
		problem.line === at.line + 1 &&
		problem.column === at.character + 1
	);
}

/**
 * @param {Problem[]} problems
 * @param {{ code: string, at: { line: number, character: number } }[]} expected
 */
function hasAll(problems, expected) {
	return expected.every(({ code, at }) => problems.some((problem) => isOurs(problem, code, at)));
}

/** @param {Problem} problem */
const where = (problem) => `${problem.line}:${problem.column}`;

/** @param {{ line: number, character: number }} at */
const oneBased = (at) => `${at.line + 1}:${at.character + 1}`;

/**
 * Opens a fixture and returns its text. The status item counts types once the server has
 * loaded them, so tests that do not wait for diagnostics can wait for it instead and not depend
 * on an earlier test having started the server.
 * @param {Context} context
 * @param {string} name
 */
async function openFixture(context, name, shouldWaitForServer = false) {
	await context.workbench.openFile(name);
	if (shouldWaitForServer) {
		await context.workbench.waitForStatusItem(extensionId, typesPattern, firstDiagnosticsMs);
	}
	return readFile(join(context.workspace, name), 'utf8');
}

/**
 * VS Code's JSON support keeps its syntax errors and duplicate keys: nothing else of it may
 * show, and the comment (a syntax error in .json) is reported once in all, not by us as well.
 * @param {Problem[]} problems
 * @param {string} text
 */
function checkJsonProblems(problems, text) {
	const report = `Problems:\n${formatProblems(problems)}`;
	const json = problems.filter((problem) => problem.source !== source);
	const comment = oneBased(positionOf(text, '//'));
	const keys = [1, 2].map((n) => oneBased(positionOf(text, '"userId"', n)));
	// The JSON extension gives its comment error no source, only the code 521.
	const isJson = (/** @type {Problem} */ p) => p.source === 'json' || p.source === '';
	assert.ok(json.every(isJson), `only json's and ours. ${report}`);
	assert.equal(problems.filter((p) => where(p) === comment).length, 1, `one error. ${report}`);
	assert.ok(
		json.every((p) => [comment, ...keys].includes(where(p))),
		`json: syntax only. ${report}`,
	);
}

/** @type {[string, (context: Context) => Promise<void>][]} */
export const vscodeTests = [
	[
		'Opening a fixture with faults shows our diagnostics in Problems, and JSON reports only its own syntax errors, once',
		async (context) => {
			const file = 'revokeFaults.json';
			const text = await openFixture(context, file);
			const expected = [
				{ code: 'invalid-enum-value', at: positionOf(text, '"finished"') },
				{ code: 'type-mismatch', at: positionOf(text, '"ten"') },
				{ code: 'unknown-property', at: positionOf(text, '"colour"') },
			];
			const comment = oneBased(positionOf(text, '//'));
			const problems = await context.workbench.waitForProblems(
				file,
				(seen) => hasAll(seen, expected) && seen.some((p) => where(p) === comment),
				"our three diagnostics and JSON's error on the comment",
				firstDiagnosticsMs,
			);
			const ours = problems.filter((problem) => problem.source === source);
			const report = `Problems:\n${formatProblems(problems)}`;
			assert.deepEqual(
				ours.map((problem) => `${problem.code} ${where(problem)}`).sort(),
				expected.map(({ code, at }) => `${code} ${oneBased(at)}`).sort(),
				`ours are exactly the three faults (no syntax-error or duplicate-property). ${report}`,
			);
			assert.ok(
				ours.some((p) => /finished/.test(p.message)),
				`message names the value. ${report}`,
			);
			checkJsonProblems(problems, text);
		},
	],
	[
		'Completion inside an enum value lists the members, and accepting one writes it into the string',
		async (context) => {
			const file = 'revokeCompletion.json';
			const text = await openFixture(context, file, true);
			const members = [
				'none',
				'pending',
				'canceled',
				'active',
				'done',
				'failed',
				'notSupported',
			];
			await context.workbench.goTo(positionOf(text, '""', 1, 1));
			const labels = await context.workbench.triggerCompletion();
			assert.deepEqual([...labels].sort(), [...members].sort());
			await context.workbench.acceptCompletion('canceled');
			await context.workbench.save();
			const saved = await readFile(join(context.workspace, file), 'utf8');
			assert.equal(saved, text.replace('"actionState": ""', '"actionState": "canceled"'));
		},
	],
	[
		'Hovering a property key shows its description from the reference page',
		async (context) => {
			const text = await openFixture(context, 'revokeHover.json', true);
			await context.workbench.goTo(positionOf(text, '"actionState"', 1, 3));
			const hover = await context.workbench.showHover('State of the action');
			assert.match(hover, /State of the action/);
		},
	],
	[
		'The quick fix on an enum typo replaces "pendng" with "pending"',
		async (context) => {
			const file = 'revokeQuickFix.json';
			const text = await openFixture(context, file);
			const typo = positionOf(text, '"pendng"');
			await context.workbench.waitForProblems(
				file,
				(seen) => hasAll(seen, [{ code: 'invalid-enum-value', at: typo }]),
				'invalid-enum-value on "pendng"',
				firstDiagnosticsMs,
			);
			await context.workbench.goTo({ line: typo.line, character: typo.character + 2 });
			await context.workbench.applyQuickFix('pending');
			await context.workbench.save();
			const saved = await readFile(join(context.workspace, file), 'utf8');
			assert.equal(saved, text.replace('"pendng"', '"pending"'));
			await context.workbench.waitForProblems(
				file,
				(seen) => !seen.some((problem) => problem.source === source),
				'no diagnostics of ours after the fix',
			);
		},
	],
	[
		'Adding reference pages with graphFixtures.docs in .vscode/settings.json validates a new type without a restart',
		async (context) => {
			const file = 'workingHours.json';
			const text = await openFixture(context, file);
			const tag = positionOf(text, '"#microsoft.graph.workingHours"');
			await context.workbench.waitForProblems(
				file,
				(seen) => hasAll(seen, [{ code: 'unknown-type', at: tag }]),
				'unknown-type on the workingHours tag before the pages are configured',
				firstDiagnosticsMs,
			);
			await copyDocsPages(join(context.workspace, 'docs'));
			await mkdir(join(context.workspace, '.vscode'), { recursive: true });
			const settings = { 'graphFixtures.docs': ['docs'] };
			await writeFile(
				join(context.workspace, '.vscode', 'settings.json'),
				JSON.stringify(settings),
			);
			const expected = [{ code: 'invalid-enum-value', at: positionOf(text, '"funday"') }];
			const problems = await context.workbench.waitForProblems(
				file,
				(seen) => hasAll(seen, expected) && !seen.some((p) => p.code === 'unknown-type'),
				'invalid-enum-value on "funday" and no unknown-type',
			);
			const ours = problems.filter((problem) => problem.source === source);
			assert.equal(
				ours.length,
				1,
				`only the bad day is reported:\n${formatProblems(problems)}`,
			);
		},
	],
	[
		'The status bar shows the loaded types and the Graph Fixtures output channel shows the server log',
		async (context) => {
			// The item shows while a JSON editor is active.
			await openFixture(context, 'revokeHover.json');
			const item = await context.workbench.waitForStatusItem(
				extensionId,
				typesPattern,
				firstDiagnosticsMs,
			);
			assert.match(
				item.label,
				/loaded/i,
				`the item's tooltip says what was loaded: ${item.label}`,
			);
			// What was loaded, from where and how long it took, as the server logs it.
			const log = await context.workbench.showOutputChannel(
				'Graph Fixtures',
				/Loaded \d+ types/,
			);
			assert.match(log, /from the bundled page/, log);
			assert.match(log, /in \d+ ms/, log);
		},
	],
];
