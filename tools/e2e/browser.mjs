// Chromium for the editor tests, started by us (not by Playwright) so that we own its pid and
// process group, and reached by Playwright over the DevTools protocol on loopback.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { start, waitFor } from './processes.mjs';

export const chromiumPath = process.env.GRAPH_FIXTURES_CHROMIUM ?? '/usr/bin/chromium';

// The recipe's flags: no sandbox (root in a container), no GPU, and nothing that calls home.
const flags = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--no-default-browser-check',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	// The crash handler would run as a daemon outside Chromium's process group.
	'--disable-breakpad',
	'--disable-crash-reporter',
	'--disable-dev-shm-usage',
	'--window-size=1600,1000',
	'--remote-debugging-address=127.0.0.1',
	// Port 0: Chromium picks a free port and writes it to DevToolsActivePort in its profile.
	'--remote-debugging-port=0',
];

/**
 * Starts Chromium with a fresh profile in `profileDir` and connects Playwright to it.
 * @param {{ profileDir: string, logFile: string }} options
 */
export async function launchBrowser(options) {
	const args = [...flags, `--user-data-dir=${options.profileDir}`, 'about:blank'];
	const chromiumProcess = start('chromium', chromiumPath, args, { logFile: options.logFile });
	// -1 stands for "exited", so that the wait ends at once when Chromium cannot start.
	const port = await waitFor(
		async () => (chromiumProcess.hasExited() ? -1 : readDevToolsPort(options.profileDir)),
		{
			timeoutMs: 30_000,
			message: `Chromium did not open its DevTools port; see ${options.logFile}`,
		},
	);
	if (port === -1) {
		throw new Error(`Chromium exited at start; see ${options.logFile}`);
	}
	const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
	const context = browser.contexts()[0] ?? (await browser.newContext());
	const page = context.pages()[0] ?? (await context.newPage());
	await page.setViewportSize({ width: 1600, height: 1000 });
	return { process: chromiumProcess, browser, page };
}

/** @param {string} profileDir */
async function readDevToolsPort(profileDir) {
	try {
		const text = await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8');
		const port = Number(text.split('\n')[0]);
		return port > 0 ? port : undefined;
	} catch {
		return undefined;
	}
}
