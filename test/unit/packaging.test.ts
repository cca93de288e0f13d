import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

// Compiled to out/test/unit/, three levels below the repository root.
const root = path.resolve(__dirname, '../../..');

/** Files below `folder` (relative to the root) whose names end with `suffix`. */
function filesBelow(folder: string, suffix: string): string[] {
	const entries = readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
		.map((file) => file.split(path.sep).join('/'));
}

/**
 * What the VSIX must hold: the bundles, the grammar, the bundled reference pages and the
 * marketplace files, and nothing else (no sources, tests, source maps or node_modules).
 */
function expectedFiles(): string[] {
	return [
		'package.json',
		'README.md',
		'CHANGELOG.md',
		'LICENSE',
		'images/icon.png',
		'syntaxes/odata.injection.tmLanguage.json',
		...filesBelow('dist', '.js'),
		...filesBelow('server/types', '.md'),
	].sort();
}

function packagedFiles(): string[] {
	// vsce ls reads only the working tree: it runs offline.
	const output = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], {
		cwd: root,
		encoding: 'utf8',
		timeout: 60_000,
	});
	return output
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.sort();
}

describe('packaging', () => {
	it('has the bundles to package (npm run bundle builds them)', () => {
		for (const bundle of ['dist/client.js', 'dist/server.js']) {
			assert.ok(existsSync(path.join(root, bundle)), `${bundle} is missing`);
		}
	});

	it('packages exactly the runtime files', () => {
		assert.deepEqual(packagedFiles(), expectedFiles());
	});

	it('ships every bundled reference page', () => {
		assert.ok(
			filesBelow('server/types', '.md').includes(
				'server/types/iosVppAppRevokeLicensesActionResult.md',
			),
		);
	});
});
