/**
 * Expands the PATH arguments of `check`: files as given, folders searched for *.json and
 * *.jsonc (sorted), globs through tinyglobby. Paths that match nothing are reported, not thrown.
 */
import { promises as fs } from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface ExpandedPaths {
	files: string[];
	/** One message per argument that could not be used; the exit status becomes 2. */
	errors: string[];
}

const fixturePattern = /\.jsonc?$/i;
/** Folders that hold dependencies or history, never fixtures a user wrote. */
const skippedFolders = new Set(['node_modules', '.git']);

export async function expandPaths(args: readonly string[]): Promise<ExpandedPaths> {
	const files: string[] = [];
	const errors: string[] = [];
	const seen = new Set<string>();
	const add = (file: string): void => {
		// `a.json` and `./a.json` are one file, checked once.
		const key = path.resolve(file);
		if (!seen.has(key)) {
			seen.add(key);
			files.push(file);
		}
	};
	for (const arg of args) {
		const stat = await fs.stat(arg).catch((error: NodeJS.ErrnoException) => error);
		if (!(stat instanceof Error)) {
			if (stat.isDirectory()) {
				const found = await listFolder(arg, errors);
				if (found.length === 0) {
					errors.push(`${arg}: the folder holds no *.json or *.jsonc files.`);
				}
				found.forEach(add);
			} else {
				add(arg);
			}
		} else if (isDynamicPattern(arg)) {
			const matches = await glob(arg, {
				onlyFiles: true,
				dot: false,
				expandDirectories: false,
				followSymbolicLinks: false,
				ignore: ['**/node_modules/**', '**/.git/**'],
			});
			if (matches.length === 0) {
				errors.push(`${arg}: the pattern matches no file.`);
			}
			matches.sort(compareNames).forEach(add);
		} else {
			errors.push(`${arg}: ${describeError(stat)}`);
		}
	}
	return { files, errors };
}

/** Every fixture below a folder, sorted, without recursion on the folder's depth. */
async function listFolder(root: string, errors: string[]): Promise<string[]> {
	const found: string[] = [];
	const pending = [root];
	const visited = new Set<string>();
	while (pending.length > 0) {
		const folder = pending.pop() as string;
		const real = await fs.realpath(folder).catch(() => folder);
		if (visited.has(real)) {
			continue;
		}
		visited.add(real);
		let entries: Dirent[];
		try {
			entries = await fs.readdir(folder, { withFileTypes: true });
		} catch (error) {
			errors.push(`${folder}: ${describeError(error as NodeJS.ErrnoException)}`);
			continue;
		}
		for (const entry of entries) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory() && !skippedFolders.has(entry.name)) {
				pending.push(full);
			} else if (
				(entry.isFile() || entry.isSymbolicLink()) &&
				fixturePattern.test(entry.name)
			) {
				found.push(full);
			}
		}
	}
	return found.sort(compareNames);
}

function compareNames(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function describeError(error: NodeJS.ErrnoException): string {
	switch (error.code) {
		case 'ENOENT':
			return 'no such file or folder.';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied; check the file permissions.';
		case 'EISDIR':
			return 'is a folder, not a file.';
		case 'ELOOP':
			return 'too many levels of symbolic links.';
		default:
			return error.message;
	}
}
