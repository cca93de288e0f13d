// The processes the editor tests start. Each one leads its own process group, so stopping it by
// its pid also stops what it started (code-server's extension host and our language server,
// Chromium's renderers, Neovim's language server); nothing is ever stopped by name.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/** @typedef {{ name: string, pid: number, exited: Promise<{ code: number | null, signal: string | null }>, hasExited: () => boolean }} Started */

/** @type {Set<Started>} */
const running = new Set();

/**
 * Starts `command` in a new process group, its output appended to `logFile`.
 * @param {string} name what the process is, for messages
 * @param {string} command
 * @param {string[]} args
 * @param {{ logFile: string, cwd?: string, env?: NodeJS.ProcessEnv, echo?: boolean }} options
 * @returns {Started}
 */
export function start(name, command, args, options) {
	const log = createWriteStream(options.logFile, { flags: 'a' });
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout.pipe(log, { end: false });
	child.stderr.pipe(log, { end: false });
	if (options.echo) {
		child.stdout.pipe(process.stdout, { end: false });
		child.stderr.pipe(process.stderr, { end: false });
	}
	let isDone = false;
	const exited = new Promise((resolve) => {
		child.on('error', (error) => {
			log.write(`\n[e2e] ${name} could not start: ${error.message}\n`);
			isDone = true;
			resolve({ code: null, signal: null });
		});
		child.on('exit', (code, signal) => {
			isDone = true;
			resolve({ code, signal });
		});
	});
	if (child.pid === undefined) {
		throw new Error(`${name} could not be started: ${command}`);
	}
	const started = { name, pid: child.pid, exited, hasExited: () => isDone };
	running.add(started);
	return started;
}

/** Whether any process of the group led by `pid` is still alive. @param {number} pid */
function isGroupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** @param {number} pid @param {NodeJS.Signals | 0} signal */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') {
			throw error;
		}
	}
}

/**
 * Stops the process group of `started`: SIGTERM, then SIGKILL for whatever is left after
 * `graceMs`. The group is signalled even when its leader has exited, since its children may not.
 * @param {Started} started
 */
export async function stop(started, graceMs = 5000) {
	running.delete(started);
	signalGroup(started.pid, 'SIGTERM');
	const isGone = await pollUntil(() => !isGroupAlive(started.pid), graceMs);
	if (!isGone) {
		signalGroup(started.pid, 'SIGKILL');
		await pollUntil(() => !isGroupAlive(started.pid), 2000);
	}
}

/** Stops every process still running, newest first (the browser before the server it shows). */
export async function stopAll() {
	for (const started of [...running].reverse()) {
		await stop(started);
	}
}

/** Stops everything synchronously with SIGKILL: for a harness that is exiting right now. */
export function killAllNow() {
	for (const started of running) {
		signalGroup(started.pid, 'SIGKILL');
	}
	running.clear();
}

/** A TCP port that is free on the loopback interface now: the OS picks it for a listener. */
export async function freePort() {
	const server = createServer();
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(undefined));
	});
	const address = server.address();
	await new Promise((resolve) => server.close(() => resolve(undefined)));
	if (address === null || typeof address === 'string') {
		throw new Error('the OS gave no port');
	}
	return address.port;
}

/**
 * Polls `condition` every `intervalMs` until it returns a truthy value or `timeoutMs` passes.
 * @template T
 * @param {() => T | Promise<T>} condition
 * @param {number} timeoutMs
 * @returns {Promise<T | undefined>} the truthy value, or undefined on timeout
 */
export async function pollUntil(condition, timeoutMs, intervalMs = 100) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await condition();
		if (value) {
			return value;
		}
		if (Date.now() >= deadline) {
			return undefined;
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/**
 * Like pollUntil, but throws `message` (with the last value seen, when `describe` is given) on
 * timeout.
 * @template T
 * @param {() => T | Promise<T>} condition
 * @param {{ timeoutMs: number, message: string, intervalMs?: number }} options
 * @returns {Promise<T>}
 */
export async function waitFor(condition, options) {
	const value = await pollUntil(condition, options.timeoutMs, options.intervalMs);
	if (!value) {
		throw new Error(`${options.message} (waited ${options.timeoutMs} ms)`);
	}
	return value;
}

/**
 * Runs a command to completion in its own process group, its output in `logFile` (and on our
 * stdout with `echo`).
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ logFile: string, cwd?: string, env?: NodeJS.ProcessEnv, echo?: boolean, timeoutMs: number }} options
 */
export async function run(name, command, args, options) {
	const started = start(name, command, args, options);
	const timer = setTimeout(() => signalGroup(started.pid, 'SIGKILL'), options.timeoutMs);
	const { code, signal } = await started.exited;
	clearTimeout(timer);
	await stop(started, 1000);
	if (code !== 0) {
		throw new Error(`${name} failed (${signal ?? `exit ${code}`}); see ${options.logFile}`);
	}
}
