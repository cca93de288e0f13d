// Neovim 0.7 as a second real LSP client: test/e2e/nvim/lspProbe.lua starts our server over
// stdio, opens a fixture, waits for diagnostics and asks for completion, hover and code actions;
// the checks below read its report. The fixture's faults are found by text, never by number.
import assert from 'node:assert/strict';
import { copyFile, cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runNeovimProbe } from '../../tools/e2e/neovim.mjs';
import { positionOf, rangeOf, repoRoot, resultsDir } from '../../tools/e2e/workspace.mjs';

const fixture = join(repoRoot, 'test', 'e2e', 'fixtures', 'neovim', 'faults.json');
const script = join(repoRoot, 'test', 'e2e', 'nvim', 'lspProbe.lua');
/** The server as a Neovim user starts it, with the Node that runs these tests. */
const serverCommand = [
	process.execPath,
	join(repoRoot, 'bin', 'graph-fixtures-language-server.js'),
	'--stdio',
];

/** LSP DiagnosticSeverity.Information: the level the settings below give unknown-property. */
const information = 3;

export const neovimTestNames = [
	'Neovim receives diagnostics with our codes, ranges and source, and honours the settings',
	'Neovim completion inside an enum value lists exactly the enum members',
	'Neovim hover on a property key shows its description',
	'Neovim code action on an enum typo replaces it with the member',
];

/**
 * @param {import('../../tools/e2e/runner.mjs').Runner} runner
 * @param {(name: string) => Promise<string>} makeDir makes a folder of the run
 */
export async function runNeovimTests(runner, makeDir) {
	const folder = await makeDir('nvim');
	const workspace = await makeDir('nvim-workspace');
	const file = join(workspace, 'faults.json');
	await copyFile(fixture, file);
	const text = await readFile(file, 'utf8');
	const saveEvidence = async (/** @type {string} */ slug) => {
		await cp(folder, join(resultsDir, `${slug}-nvim`), { recursive: true });
	};
	/** @type {any} */
	let report;
	await runner.test(
		neovimTestNames[0],
		async () => {
			report = await runNeovimProbe({
				script,
				folder,
				timeoutMs: 60_000,
				config: probeConfig(workspace, file, text),
			});
			assert.equal(report.error, undefined, `the Lua probe failed: ${report.error}`);
			assert.ok(
				report.steps.diagnostics,
				'no diagnostics were published within the time limit',
			);
			checkDiagnostics(report.diagnostics, text);
		},
		{ timeoutMs: 90_000, onFailure: saveEvidence },
	);
	if (!report) {
		runner.notRun(neovimTestNames.slice(1), 'the Neovim probe gave no report');
		return;
	}
	const checks = [
		() => checkCompletion(report.completion),
		() => checkHover(report.hover),
		() => checkCodeActions(report.codeActions, text),
	];
	for (const [index, check] of checks.entries()) {
		await runner.test(neovimTestNames[index + 1], async () => check(), {
			timeoutMs: 5_000,
			onFailure: saveEvidence,
		});
	}
}

/**
 * @param {string} workspace
 * @param {string} file
 * @param {string} text
 */
function probeConfig(workspace, file, text) {
	return {
		cmd: serverCommand,
		root: workspace,
		file,
		settings: { severity: { 'unknown-property': 'information' } },
		timeoutMs: 30_000,
		completionAt: positionOf(text, '""', 1, 1),
		hoverAt: positionOf(text, '"actionState"', 1, 3),
		quickFix: { code: 'invalid-enum-value', at: positionOf(text, '"pendng"') },
	};
}

/** @param {any[]} diagnostics @param {string} text */
function checkDiagnostics(diagnostics, text) {
	const key = (/** @type {any} */ d) => `${d.code} ${formatRange(d.range)}`;
	const expected = [
		{ code: 'invalid-enum-value', range: rangeOf(text, '"pendng"') },
		{ code: 'invalid-enum-value', range: rangeOf(text, '""') },
		{ code: 'type-mismatch', range: rangeOf(text, '"ten"') },
		{ code: 'duplicate-property', range: rangeOf(text, '"userId"', 2) },
		{ code: 'unknown-property', range: rangeOf(text, '"colour"') },
	].map(key);
	const syntax = diagnostics.filter((d) => d.code === 'syntax-error');
	const others = diagnostics.filter((d) => d.code !== 'syntax-error');
	assert.deepEqual(others.map(key).sort(), expected.sort());
	// The comment is the offending token: `//` up to the end of its line.
	const comment = positionOf(text, '//');
	const commentText = text.split('\n')[comment.line].slice(comment.character);
	const expectedSyntax = formatRange(rangeOf(text, commentText));
	assert.equal(syntax.length, 1, `one syntax-error expected, got ${JSON.stringify(syntax)}`);
	assert.equal(
		formatRange(syntax[0].range),
		expectedSyntax,
		'the syntax-error is on the comment',
	);
	for (const diagnostic of diagnostics) {
		assert.equal(diagnostic.source, 'graph-fixtures');
	}
	const unknown = diagnostics.find((d) => d.code === 'unknown-property');
	assert.equal(unknown.severity, information, 'the severity setting did not reach the server');
}

/** `line:character-line:character`, zero-based as in LSP. @param {any} range */
function formatRange(range) {
	return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** @param {any} response */
function checkCompletion(response) {
	assert.equal(
		response?.error,
		undefined,
		`completion failed: ${JSON.stringify(response?.error)}`,
	);
	const result = response.result;
	const items = Array.isArray(result) ? result : (result?.items ?? []);
	const labels = items.map((/** @type {any} */ item) => item.label).sort();
	const members = [
		'none',
		'appleFailure',
		'internalError',
		'expiredVppToken',
		'expiredApplePushNotificationCertificate',
	];
	assert.deepEqual(labels, members.sort());
}

/** @param {any} response */
function checkHover(response) {
	assert.equal(response?.error, undefined, `hover failed: ${JSON.stringify(response?.error)}`);
	assert.match(hoverText(response.result), /State of the action/);
}

/** The plain text of any of the three shapes of Hover.contents. @param {any} hover */
function hoverText(hover) {
	const contents = hover?.contents;
	const parts = Array.isArray(contents) ? contents : [contents];
	return parts.map((part) => (typeof part === 'string' ? part : (part?.value ?? ''))).join('\n');
}

/** @param {any} response @param {string} text */
function checkCodeActions(response, text) {
	assert.ok(response, 'no invalid-enum-value diagnostic on "pendng" to ask code actions for');
	assert.equal(
		response.error,
		undefined,
		`code actions failed: ${JSON.stringify(response.error)}`,
	);
	const actions = response.result ?? [];
	const fixed = actions.map((/** @type {any} */ action) => applyEdit(text, action.edit));
	const expected = text.replace('"pendng"', '"pending"');
	assert.ok(
		fixed.includes(expected),
		`no action gives "pending"; actions: ${JSON.stringify(actions)}`,
	);
}

/**
 * Applies the edits of a WorkspaceEdit (either shape) to the one document of the test.
 * @param {string} text
 * @param {any} edit
 */
function applyEdit(text, edit) {
	const changes = edit?.changes
		? Object.values(edit.changes)
		: (edit?.documentChanges ?? []).map((/** @type {any} */ c) => c.edits);
	const edits = changes.flat();
	const lines = text.split('\n');
	const offsetOf = (/** @type {any} */ p) =>
		lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
	const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
	return sorted.reduce(
		(result, e) =>
			result.slice(0, offsetOf(e.range.start)) +
			e.newText +
			result.slice(offsetOf(e.range.end)),
		text,
	);
}
