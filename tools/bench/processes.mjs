// Child processes of the benchmark: every one is tracked by pid, killed at the end, on error and
// on Ctrl-C, and every run of a command has a time limit.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const live = new Set();

/** Spawns a process whose pid is killed by `killAll` if it is still running. */
export function spawnTracked(command, args, options = {}) {
	const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
	live.add(child);
	child.on('exit', () => live.delete(child));
	child.on('error', () => live.delete(child));
	return child;
}

/** Kills one child by its pid (SIGKILL): used after a polite exit failed or timed out. */
export function killChild(child) {
	if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
		try {
			process.kill(child.pid, 'SIGKILL');
		} catch (error) {
			if (error.code !== 'ESRCH') {
				throw error;
			}
		}
	}
	live.delete(child);
}

export function killAll() {
	for (const child of [...live]) {
		killChild(child);
	}
}

/** Resolves when the child has exited, or after `timeoutMs` (then it is killed). */
export function waitForExit(child, timeoutMs) {
	if (child.exitCode !== null || child.signalCode !== null) {
		return Promise.resolve(true);
	}
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			killChild(child);
			resolve(false);
		}, timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/** Keeps the last `limit` characters of a stream, for error messages. */
export function tail(stream, limit = 4000) {
	const state = { text: '' };
	stream.setEncoding('utf8');
	stream.on('data', (chunk) => {
		state.text = (state.text + chunk).slice(-limit);
	});
	return state;
}

/**
 * Runs a command to completion with a time limit; resolves `{ ms, code, stdout, stderr }` (wall
 * time from spawn to exit). A run that times out is killed and rejects.
 */
export function runCommand(command, args, { timeoutMs, cwd, maxOutput = 64 * 1024 * 1024 }) {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawnTracked(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		const out = [];
		const err = tail(child.stderr, 8000);
		let outLength = 0;
		child.stdout.on('data', (chunk) => {
			outLength += chunk.length;
			if (outLength <= maxOutput) {
				out.push(chunk);
			}
		});
		const timer = setTimeout(() => {
			killChild(child);
			reject(new Error(`${args.join(' ')} timed out after ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			const ms = performance.now() - start;
			resolve({ ms, code, stdout: Buffer.concat(out).toString('utf8'), stderr: err.text });
		});
	});
}

/** The peak resident set (VmHWM, kB) of a running process, or null where /proc is missing. */
export function peakRssKb(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
		return match ? Number(match[1]) : null;
	} catch {
		return null;
	}
}

/** Kills the children and runs `cleanup` once, whether the run ends, fails or is interrupted. */
export function installExitHandlers(cleanup) {
	let done = false;
	const finish = () => {
		if (!done) {
			done = true;
			killAll();
			cleanup();
		}
	};
	process.on('exit', finish);
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			finish();
			process.exit(130);
		});
	}
	return finish;
}
