// A small test runner for the editor tests: runs one test at a time under a time limit, keeps
// going after a failure, lets the suite save evidence of each failure, and prints the summary.

/** @typedef {{ name: string, state: 'passed' | 'failed', milliseconds: number, error?: string }} Outcome */

export class Runner {
	/** @type {Outcome[]} */
	outcomes = [];

	/**
	 * Runs `body`; a throw or a timeout fails the test, and then `onFailure` saves evidence.
	 * @param {string} name a behaviour sentence
	 * @param {() => Promise<void>} body
	 * @param {{ timeoutMs: number, onFailure?: (slug: string) => Promise<void> }} options
	 */
	async test(name, body, options) {
		const started = Date.now();
		try {
			await withTimeout(body(), options.timeoutMs, `timed out after ${options.timeoutMs} ms`);
			this.record({ name, state: 'passed', milliseconds: Date.now() - started });
		} catch (error) {
			this.record({
				name,
				state: 'failed',
				milliseconds: Date.now() - started,
				error: describe(error),
			});
			await this.saveEvidence(name, options.onFailure);
		}
	}

	/**
	 * Counts tests that could not run as failed, with the reason: they prove nothing.
	 * @param {string[]} names
	 * @param {string} reason
	 */
	notRun(names, reason) {
		for (const name of names) {
			this.record({ name, state: 'failed', milliseconds: 0, error: `not run: ${reason}` });
		}
	}

	/** @param {Outcome} outcome */
	record(outcome) {
		this.outcomes.push(outcome);
		const seconds = (outcome.milliseconds / 1000).toFixed(1);
		if (outcome.state === 'passed') {
			console.log(`ok - ${outcome.name} (${seconds} s)`);
		} else {
			console.log(`not ok - ${outcome.name} (${seconds} s)\n${indent(outcome.error ?? '')}`);
		}
	}

	/**
	 * @param {string} name
	 * @param {((slug: string) => Promise<void>) | undefined} onFailure
	 */
	async saveEvidence(name, onFailure) {
		if (!onFailure) {
			return;
		}
		try {
			await withTimeout(onFailure(slugOf(name)), 30_000, 'saving evidence timed out');
		} catch (error) {
			console.log(indent(`could not save evidence: ${describe(error)}`));
		}
	}

	get failedCount() {
		return this.outcomes.filter((outcome) => outcome.state === 'failed').length;
	}

	/** The summary line that CI logs and scripts look for. */
	summary() {
		const passed = this.outcomes.length - this.failedCount;
		return `e2e: ${passed} passed, ${this.failedCount} failed`;
	}
}

/** A file name for a test's evidence: lower case words joined by dashes. @param {string} name */
export function slugOf(name) {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 80);
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} timeoutMs
 * @param {string} message
 * @returns {Promise<T>}
 */
export async function withTimeout(promise, timeoutMs, message) {
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	const timeout = new Promise((_resolve, reject) => {
		timer = setTimeout(() => reject(new Error(message)), timeoutMs);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** @param {unknown} error */
export function describe(error) {
	if (error instanceof Error) {
		return error.stack ?? error.message;
	}
	return String(error);
}

/** @param {unknown} error */
export function messageOf(error) {
	return error instanceof Error ? error.message : String(error);
}

/** @param {string} text */
function indent(text) {
	return text
		.split('\n')
		.map((line) => `    ${line}`)
		.join('\n');
}
