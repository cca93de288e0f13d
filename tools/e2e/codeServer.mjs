// code-server (VS Code 1.100 served to a browser) for the editor tests: our VSIX installed into
// a fresh extensions folder, user settings that keep the workbench quiet and offline, and a
// server on a free loopback port.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, run, start, waitFor } from './processes.mjs';

export const codeServerDir =
	process.env.GRAPH_FIXTURES_CODE_SERVER_DIR ?? '/var/cache/graph-fixtures/code-server';
export const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');

// Everything here either removes start-up noise (welcome page, tips, notifications that would
// cover widgets) or keeps VS Code from reaching the network (schemas, updates, telemetry).
const userSettings = {
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'workbench.welcomePage.walkthroughs.openOnInstall': false,
	'security.workspace.trust.enabled': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	'json.schemaDownload.enable': false,
	'git.enabled': false,
	'files.autoSave': 'off',
	'editor.quickSuggestions': { other: false, comments: false, strings: false },
	'editor.hover.enabled': true,
	'chat.disableAIFeatures': true,
};

/**
 * The environment of code-server: its XDG folders under `home`, so that a run writes nothing
 * into the user's own configuration.
 * @param {string} home
 */
function isolatedEnv(home) {
	return {
		...process.env,
		XDG_CONFIG_HOME: join(home, 'config'),
		XDG_DATA_HOME: join(home, 'data'),
		XDG_CACHE_HOME: join(home, 'cache'),
	};
}

/**
 * Installs `vsix` into `extensionsDir` with code-server's own installer.
 * @param {{ vsix: string, extensionsDir: string, userDataDir: string, home: string, logFile: string }} options
 */
export async function installExtension(options) {
	await run(
		'code-server --install-extension',
		codeServerBin,
		[
			'--extensions-dir',
			options.extensionsDir,
			'--user-data-dir',
			options.userDataDir,
			'--install-extension',
			options.vsix,
		],
		{ logFile: options.logFile, env: isolatedEnv(options.home), timeoutMs: 120_000 },
	);
}

/** @param {string} userDataDir */
export async function writeUserSettings(userDataDir) {
	const folder = join(userDataDir, 'User');
	await mkdir(folder, { recursive: true });
	await writeFile(join(folder, 'settings.json'), JSON.stringify(userSettings, null, '\t'));
}

/**
 * Starts code-server on a free loopback port and waits until it answers its health check.
 * `home` receives code-server's own config file, so nothing is written to the user's home.
 * @param {{ workspace: string, extensionsDir: string, userDataDir: string, home: string, logFile: string }} options
 */
export async function startCodeServer(options) {
	const port = await freePort();
	const config = join(options.home, 'config.yaml');
	await writeFile(config, '');
	const args = [
		'--config',
		config,
		'--auth',
		'none',
		'--bind-addr',
		`127.0.0.1:${port}`,
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-workspace-trust',
		'--disable-getting-started-override',
		'--extensions-dir',
		options.extensionsDir,
		'--user-data-dir',
		options.userDataDir,
		options.workspace,
	];
	const env = isolatedEnv(options.home);
	const server = start('code-server', codeServerBin, args, { logFile: options.logFile, env });
	const url = `http://127.0.0.1:${port}`;
	await waitFor(async () => server.hasExited() || (await isHealthy(url)), {
		timeoutMs: 60_000,
		message: `code-server did not answer on ${url}; see ${options.logFile}`,
	});
	if (server.hasExited()) {
		throw new Error(`code-server exited at start; see ${options.logFile}`);
	}
	return { server, url };
}

/** @param {string} url */
async function isHealthy(url) {
	try {
		const response = await fetch(`${url}/healthz`);
		return response.ok;
	} catch {
		return false;
	}
}
