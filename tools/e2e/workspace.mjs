// Where an editor test run keeps its files: one temporary folder per run holding the workspace
// the editors open, code-server's and Neovim's state, and Chromium's profile; plus small helpers
// that find positions in fixture text, so no test hard-codes a line or a column.
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = join(repoRoot, 'test', 'e2e', 'fixtures');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');

/** The shared folder every checkout has next to it (see ../shared/README.md). */
export const sharedDir = process.env.GRAPH_FIXTURES_SHARED ?? resolve(repoRoot, '..', 'shared');

/** v1.0 reference pages that test (e) copies into the workspace as its `docs` folder. */
export const docsPages = ['workinghours.md', 'timezonebase.md', 'enums.md'];

/**
 * Makes the run's temporary folder with an empty workspace and a folder per tool.
 * @returns {Promise<{ root: string, workspace: string, dir: (name: string) => Promise<string> }>}
 */
export async function makeRunFolder() {
	const root = await mkdtemp(join(tmpdir(), 'graph-fixtures-e2e-'));
	const workspace = join(root, 'workspace');
	await mkdir(workspace);
	const dir = async (/** @type {string} */ name) => {
		const path = join(root, name);
		await mkdir(path, { recursive: true });
		return path;
	};
	return { root, workspace, dir };
}

/** Copies the fixtures at the top of test/e2e/fixtures (not its neovim/ folder) into `workspace`. */
export async function copyFixtures(/** @type {string} */ workspace) {
	for (const entry of await readdir(fixturesDir, { withFileTypes: true })) {
		if (entry.isFile()) {
			await cp(join(fixturesDir, entry.name), join(workspace, entry.name));
		}
	}
}

/**
 * Copies the reference pages of `docsPages` into `target`/v1.0/, keeping the version folder
 * that tells the product which API version the pages describe.
 * @param {string} target
 */
export async function copyDocsPages(target) {
	const source = join(sharedDir, 'graph-docs', 'api-reference', 'v1.0', 'resources');
	const folder = join(target, 'v1.0');
	await mkdir(folder, { recursive: true });
	for (const page of docsPages) {
		await cp(join(source, page), join(folder, page));
	}
}

/** @param {string} root */
export async function removeRunFolder(root) {
	await rm(root, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * The LSP position (zero-based line, UTF-16 character) where the `occurrence`-th `needle` starts.
 * @param {string} text
 * @param {string} needle
 * @returns {{ line: number, character: number }}
 */
export function positionOf(text, needle, occurrence = 1, shift = 0) {
	let offset = -1;
	for (let seen = 0; seen < occurrence; seen++) {
		offset = text.indexOf(needle, offset + 1);
		if (offset < 0) {
			throw new Error(`fixture has no occurrence ${occurrence} of ${needle}`);
		}
	}
	return positionAt(text, offset + shift);
}

/**
 * The LSP range of the `occurrence`-th `needle` in `text`.
 * @param {string} text
 * @param {string} needle
 */
export function rangeOf(text, needle, occurrence = 1) {
	const start = positionOf(text, needle, occurrence);
	return { start, end: { line: start.line, character: start.character + needle.length } };
}

/** @param {string} text @param {number} offset */
function positionAt(text, offset) {
	const before = text.slice(0, offset);
	const line = before.split('\n').length - 1;
	return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
