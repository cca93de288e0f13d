// `npm run test:e2e`: the editor tests. Installs what they need (.ci/e2e-setup.sh), builds and
// packages the extension, then checks the product in Neovim (our server over stdio) and in the
// real VS Code (code-server with the packaged VSIX, driven through Chromium). Prints one line per
// test and `e2e: N passed, M failed`; exits 1 when any test failed. Evidence of failures goes to
// test-results/e2e/. Set GRAPH_FIXTURES_E2E_KEEP=1 to keep the run's temporary folder, and
// GRAPH_FIXTURES_E2E_SCREENSHOTS=1 for a screenshot after every VS Code test, passed or not.
import { rmSync } from 'node:fs';
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { neovimTestNames, runNeovimTests } from '../test/e2e/neovim.e2e.mjs';
import { vscodeTests } from '../test/e2e/vscode.e2e.mjs';
import { launchBrowser } from './e2e/browser.mjs';
import { installExtension, startCodeServer, writeUserSettings } from './e2e/codeServer.mjs';
import { killAllNow, run, stop, stopAll } from './e2e/processes.mjs';
import { describe, messageOf, Runner, slugOf } from './e2e/runner.mjs';
import { Workbench } from './e2e/workbench.mjs';
import {
	copyFixtures,
	makeRunFolder,
	removeRunFolder,
	repoRoot,
	resultsDir,
} from './e2e/workspace.mjs';

const vsix = join(repoRoot, 'graph-fixtures.vsix');
const vscodeTestNames = vscodeTests.map(([name]) => name);
const shouldKeep = process.env.GRAPH_FIXTURES_E2E_KEEP === '1';
const shouldScreenshot = process.env.GRAPH_FIXTURES_E2E_SCREENSHOTS === '1';

/**
 * Runs a step of the preparation, printing how long it took.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 */
async function prepare(name, command, args) {
	const started = Date.now();
	console.log(`e2e: ${name}`);
	await run(name, command, args, {
		cwd: repoRoot,
		logFile: join(resultsDir, `${name.replace(/\W+/g, '-')}.log`),
		echo: true,
		timeoutMs: 10 * 60_000,
	});
	console.log(`e2e: ${name} took ${seconds(started)}`);
}

/** @param {number} started */
function seconds(started) {
	return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/**
 * Starts code-server with the VSIX installed and opens its workbench in Chromium.
 * @param {Awaited<ReturnType<typeof makeRunFolder>>} folder
 */
async function startVsCode(folder) {
	const dirs = {
		extensionsDir: await folder.dir('code-server/extensions'),
		userDataDir: await folder.dir('code-server/data'),
		home: await folder.dir('code-server/home'),
	};
	const logFile = join(folder.root, 'code-server/code-server.log');
	await installExtension({ ...dirs, vsix, logFile });
	await writeUserSettings(dirs.userDataDir);
	const { server, url } = await startCodeServer({
		...dirs,
		workspace: folder.workspace,
		logFile,
	});
	const profileDir = await folder.dir('chromium');
	const browser = await launchBrowser({ profileDir, logFile: join(folder.root, 'chromium.log') });
	const workbench = new Workbench(browser.page);
	await workbench.open(url, folder.workspace);
	return { server, browser, workbench, dirs, logFile };
}

/**
 * Saves what explains a failed VS Code test: a screenshot, the Graph Fixtures output channel
 * (VS Code keeps every output channel as a file in its logs folder) and code-server's logs.
 * @param {Workbench} workbench
 * @param {string} userDataDir
 * @param {string} serverLog
 * @param {string} slug
 */
async function saveVsCodeEvidence(workbench, userDataDir, serverLog, slug) {
	await workbench.screenshot(join(resultsDir, `${slug}.png`)).catch((error) => {
		console.log(`    no screenshot: ${describe(error)}`);
	});
	const logs = join(resultsDir, `${slug}-logs`);
	await cp(join(userDataDir, 'logs'), join(logs, 'code-server-logs'), { recursive: true });
	await cp(serverLog, join(logs, 'code-server.log'));
	for (const file of await findFiles(join(userDataDir, 'logs'), /Graph Fixtures\.log$/)) {
		await cp(file, join(resultsDir, `${slug}-output-channel.log`));
	}
	console.log(`    evidence: test-results/e2e/${slug}.png and ${slug}-logs/`);
}

/**
 * @param {string} folder
 * @param {RegExp} pattern
 * @returns {Promise<string[]>}
 */
async function findFiles(folder, pattern) {
	const entries = await readdir(folder, { recursive: true });
	const matches = entries
		.filter((entry) => pattern.test(entry))
		.map((entry) => join(folder, entry));
	const files = [];
	for (const path of matches) {
		if ((await stat(path)).isFile()) {
			files.push(path);
		}
	}
	return files;
}

/**
 * @param {Runner} runner
 * @param {Awaited<ReturnType<typeof makeRunFolder>>} folder
 */
async function runVsCode(runner, folder) {
	const started = Date.now();
	/** @type {Awaited<ReturnType<typeof startVsCode>>} */
	let vscode;
	try {
		vscode = await startVsCode(folder);
	} catch (error) {
		runner.notRun(vscodeTestNames, `code-server could not be started: ${messageOf(error)}`);
		return;
	}
	console.log(`e2e: code-server and Chromium ready in ${seconds(started)}`);
	const context = { workbench: vscode.workbench, workspace: folder.workspace };
	const onFailure = (/** @type {string} */ slug) =>
		saveVsCodeEvidence(vscode.workbench, vscode.dirs.userDataDir, vscode.logFile, slug);
	for (const [name, body] of vscodeTests) {
		await runner.test(name, () => body(context), { timeoutMs: 120_000, onFailure });
		if (shouldScreenshot) {
			await vscode.workbench.screenshot(join(resultsDir, `${slugOf(name)}.after.png`));
		}
	}
	await vscode.browser.browser.close().catch(() => undefined);
	await stop(vscode.browser.process);
	await stop(vscode.server);
}

/** @param {Runner} runner */
async function main(runner) {
	await rm(resultsDir, { recursive: true, force: true });
	await mkdir(resultsDir, { recursive: true });
	try {
		await prepare('setup', 'bash', [join(repoRoot, '.ci', 'e2e-setup.sh')]);
		await prepare('bundle', 'npm', ['run', 'bundle']);
	} catch (error) {
		runner.notRun([...neovimTestNames, ...vscodeTestNames], messageOf(error));
		return;
	}
	const folder = await makeRunFolder();
	runFolder = folder.root;
	console.log(`e2e: run folder ${folder.root}`);
	try {
		await runNeovimTests(runner, folder.dir);
		try {
			await prepare('package', 'npm', ['run', 'package']);
		} catch (error) {
			runner.notRun(vscodeTestNames, messageOf(error));
			return;
		}
		await copyFixtures(folder.workspace);
		await runVsCode(runner, folder);
	} finally {
		await stopAll();
		if (!shouldKeep) {
			await removeRunFolder(folder.root);
		}
	}
}

/** The run's temporary folder, for the signal handler below. @type {string | undefined} */
let runFolder;

// Ctrl+C or a CI timeout: stop our process groups and remove the run's folder before going.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => {
		killAllNow();
		if (runFolder && !shouldKeep) {
			rmSync(runFolder, { recursive: true, force: true, maxRetries: 3 });
		}
		console.log(`e2e: interrupted by ${signal}`);
		process.exit(130);
	});
}

const runner = new Runner();
const started = Date.now();
try {
	await main(runner);
} catch (error) {
	runner.record({
		name: 'the editor test harness runs',
		state: 'failed',
		milliseconds: 0,
		error: describe(error),
	});
	await stopAll();
}
console.log(`e2e: total ${seconds(started)}`);
console.log(runner.summary());
process.exitCode = runner.failedCount > 0 ? 1 : 0;
