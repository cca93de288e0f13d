// Runs headless Neovim with a Lua script that talks to our language server, and returns the
// report the script wrote. Neovim leads its own process group, which also holds the server it
// starts, and the whole group is stopped by Neovim's pid when the script ends or times out.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, stop } from './processes.mjs';
import { withTimeout } from './runner.mjs';

export const nvimPath = process.env.GRAPH_FIXTURES_NVIM ?? 'nvim';

/**
 * @param {{ script: string, config: Record<string, unknown>, folder: string, timeoutMs: number }} options
 * `folder` receives the config, the report, Neovim's output and its XDG folders (LSP log).
 */
export async function runNeovimProbe(options) {
	const configFile = join(options.folder, 'config.json');
	const reportFile = join(options.folder, 'report.json');
	await writeFile(configFile, JSON.stringify({ ...options.config, out: reportFile }));
	const env = {
		...process.env,
		GRAPH_FIXTURES_NVIM_CONFIG: configFile,
		XDG_CONFIG_HOME: join(options.folder, 'config'),
		XDG_DATA_HOME: join(options.folder, 'data'),
		XDG_STATE_HOME: join(options.folder, 'state'),
		XDG_CACHE_HOME: join(options.folder, 'cache'),
	};
	const args = [
		'--headless',
		'-u',
		'NONE',
		'-i',
		'NONE',
		'-n',
		'-c',
		`luafile ${options.script}`,
	];
	const nvim = start('nvim', nvimPath, args, { logFile: join(options.folder, 'nvim.log'), env });
	try {
		await withTimeout(
			nvim.exited,
			options.timeoutMs,
			`nvim did not finish in ${options.timeoutMs} ms`,
		);
	} finally {
		await stop(nvim, 2000);
	}
	return JSON.parse(await readFile(reportFile, 'utf8'));
}
