// Drives the VS Code 1.100 workbench in the browser the way a user does: keyboard shortcuts,
// the quick input, the Problems panel, the suggest, hover and action widgets, the status bar and
// the Output view. Selectors are VS Code's own class names and aria attributes, checked against
// screenshots; every wait is for a condition, with a time limit.
import { pollUntil } from './processes.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ file: string, severity: string, message: string, source: string, code: string, line: number, column: number }} Problem */

const uiTimeoutMs = 20_000;

export class Workbench {
	/** @param {Page} page */
	constructor(page) {
		this.page = page;
		this.quickInput = page.locator('.quick-input-widget input');
	}

	/**
	 * Loads the workbench for `folder` and waits until it is interactive.
	 * @param {string} url
	 * @param {string} folder
	 */
	async open(url, folder) {
		await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
		await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
		await this.page
			.locator('.explorer-folders-view, .monaco-workbench .part.sidebar')
			.first()
			.waitFor({
				timeout: 60_000,
			});
	}

	/**
	 * Presses `keys` to open the quick input, then types `text` into it.
	 * @param {string} keys
	 * @param {string} text
	 */
	async typeInQuickInput(keys, text) {
		await this.page.keyboard.press(keys);
		await this.quickInput.waitFor({ state: 'visible', timeout: uiTimeoutMs });
		await this.quickInput.fill(text);
	}

	/**
	 * Picks the quick input row whose label starts with `label`; unless `isFollowedByPick`, waits
	 * for the quick input to close.
	 * @param {string} label
	 */
	async pickQuickInputRow(label, isFollowedByPick = false) {
		const row = this.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${label}"]`);
		await row.first().waitFor({ timeout: uiTimeoutMs });
		await row.first().click();
		if (!isFollowedByPick) {
			await this.quickInput.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
		}
	}

	/**
	 * Runs a command from the command palette by its title, as in the palette.
	 * @param {string} title
	 */
	async runCommand(title) {
		await this.typeInQuickInput('F1', `>${title}`);
		await this.pickQuickInputRow(title);
	}

	/**
	 * Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor to be active.
	 * @param {string} name the file name, unique in the workspace
	 */
	async openFile(name) {
		await this.typeInQuickInput('Control+P', name);
		await this.pickQuickInputRow(`${name},`);
		await this.page
			.locator(`.tabs-container .tab.active[aria-label^="${name}"]`)
			.waitFor({ timeout: uiTimeoutMs });
		await this.focusEditor();
	}

	async focusEditor() {
		await this.page.keyboard.press('Control+1');
		await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({
			timeout: uiTimeoutMs,
		});
	}

	/**
	 * Moves the cursor with Go to Line (Ctrl+G) to an LSP position (zero-based, UTF-16).
	 * @param {{ line: number, character: number }} position
	 */
	async goTo(position) {
		await this.focusEditor();
		await this.typeInQuickInput('Control+G', `:${position.line + 1}:${position.character + 1}`);
		await this.page.keyboard.press('Enter');
		await this.quickInput.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
	}

	/** Saves the active editor and waits until its tab is no longer marked dirty. */
	async save() {
		await this.focusEditor();
		await this.page.keyboard.press('Control+S');
		await this.page
			.locator('.tabs-container .tab.active.dirty')
			.waitFor({ state: 'detached', timeout: uiTimeoutMs });
	}

	/** Shows the Problems panel (Ctrl+Shift+M toggles it, so only when it is hidden). */
	async showProblems() {
		const panel = this.page.locator('.markers-panel');
		if (!(await panel.isVisible())) {
			await this.page.keyboard.press('Control+Shift+M');
		}
		await panel.waitFor({ state: 'visible', timeout: uiTimeoutMs });
	}

	/**
	 * The rows of the Problems panel that belong to `file`, read from the DOM. The tree is a
	 * virtual list, so rows are ordered by their index, not by their place in the DOM.
	 * @param {string} file
	 * @returns {Promise<Problem[]>}
	 */
	async readProblems(file) {
		await this.showProblems();
		const rows = await this.page
			.locator('.markers-panel .monaco-list-row')
			.evaluateAll(readRows);
		return rows.filter((row) => row.file === file);
	}

	/**
	 * Waits until the problems of `file` satisfy `isReady`, and returns them.
	 * @param {string} file
	 * @param {(problems: Problem[]) => boolean} isReady
	 * @param {string} what what is awaited, for the failure message
	 */
	async waitForProblems(file, isReady, what, timeoutMs = uiTimeoutMs) {
		/** @type {Problem[]} */
		let last = [];
		const found = await pollUntil(
			async () => {
				last = await this.readProblems(file);
				return isReady(last);
			},
			timeoutMs,
			250,
		);
		if (!found) {
			throw new Error(
				`Problems panel never showed ${what} for ${file}; last seen:\n${formatProblems(last)}`,
			);
		}
		return last;
	}

	/** Triggers completion (Ctrl+Space) and returns the labels of the suggest widget. */
	async triggerCompletion() {
		await this.page.keyboard.press('Control+Space');
		const rows = this.page.locator('.suggest-widget.visible .monaco-list-row');
		await rows.first().waitFor({ timeout: uiTimeoutMs });
		return rows.evaluateAll((elements) =>
			elements.map((element) => element.querySelector('.label-name')?.textContent ?? ''),
		);
	}

	/**
	 * Accepts the suggestion labelled `label`, reached with the arrow keys as a user would.
	 * @param {string} label
	 */
	async acceptCompletion(label) {
		await this.focusListRow('.suggest-widget.visible', label, (row) =>
			row.locator('.label-name').textContent(),
		);
		await this.page.keyboard.press('Enter');
		await this.page
			.locator('.suggest-widget.visible')
			.waitFor({ state: 'detached', timeout: uiTimeoutMs });
	}

	/**
	 * Presses Down in the list of `widget` until the focused row's label is `label`.
	 * @param {string} widget
	 * @param {string} label
	 * @param {(row: import('playwright-core').Locator) => Promise<string | null>} labelOf
	 */
	async focusListRow(widget, label, labelOf) {
		const rowCount = await this.page.locator(`${widget} .monaco-list-row`).count();
		for (let step = 0; step <= rowCount; step++) {
			const focused = this.page.locator(`${widget} .monaco-list-row.focused`);
			if ((await focused.count()) > 0 && (await labelOf(focused.first())) === label) {
				return;
			}
			await this.page.keyboard.press('ArrowDown');
		}
		throw new Error(`no row "${label}" in ${widget}`);
	}

	/**
	 * Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once it has `expected`.
	 * @param {string} expected
	 */
	async showHover(expected) {
		await this.page.keyboard.press('Control+K');
		await this.page.keyboard.press('Control+I');
		const hover = this.page.locator('.monaco-hover:visible');
		await hover.first().waitFor({ timeout: uiTimeoutMs });
		await pollUntil(
			async () => (await hover.first().innerText()).includes(expected),
			uiTimeoutMs,
		);
		return hover.first().innerText();
	}

	/**
	 * Opens the quick fix menu (Ctrl+.) and applies the fix whose title contains `titlePart`.
	 * @param {string} titlePart
	 */
	async applyQuickFix(titlePart) {
		await this.page.keyboard.press('Control+.');
		const widget = '.action-widget';
		const rows = this.page.locator(`${widget} .monaco-list-row.action`);
		await rows.first().waitFor({ timeout: uiTimeoutMs });
		const titles = await rows.evaluateAll((elements) =>
			elements.map((element) => element.getAttribute('aria-label') ?? ''),
		);
		const title = titles.find((candidate) => candidate.includes(titlePart));
		if (!title) {
			throw new Error(`no quick fix with "${titlePart}"; offered: ${JSON.stringify(titles)}`);
		}
		await this.focusListRow(widget, title, (row) => row.getAttribute('aria-label'));
		await this.page.keyboard.press('Enter');
		await this.page.locator(widget).waitFor({ state: 'hidden', timeout: uiTimeoutMs });
		return title;
	}

	/**
	 * Waits for a status bar item of the extension `extensionId` (`<publisher>.<name>`) whose text
	 * matches `pattern`; VS Code gives such items the id `<publisher>.<name>.<item id>`.
	 * @param {string} extensionId
	 * @param {RegExp} pattern
	 */
	async waitForStatusItem(extensionId, pattern, timeoutMs = uiTimeoutMs) {
		const items = this.page.locator(`.statusbar-item[id^="${extensionId}."]`);
		/** @type {{ text: string, label: string }[]} */
		let seen = [];
		const found = await pollUntil(async () => {
			seen = await items.evaluateAll((elements) =>
				elements.map((element) => ({
					text: element.textContent ?? '',
					label: element.getAttribute('aria-label') ?? '',
				})),
			);
			return seen.find((item) => pattern.test(item.text));
		}, timeoutMs);
		if (!found) {
			throw new Error(
				`no status item of ${extensionId} matches ${pattern}: ${JSON.stringify(seen)}`,
			);
		}
		return found;
	}

	/**
	 * Shows the output channel `name` in the Output view and waits until its visible text
	 * matches `pattern`; returns that text.
	 * @param {string} name
	 * @param {RegExp} pattern
	 */
	async showOutputChannel(name, pattern) {
		await this.typeInQuickInput('F1', '>Output: Show Output Channels');
		await this.pickQuickInputRow('Output: Show Output Channels', true);
		await this.page
			.locator('.quick-input-widget input[aria-label="Select Output Channel"]')
			.waitFor({ timeout: uiTimeoutMs });
		await this.quickInput.fill(name);
		await this.pickQuickInputRow(name);
		const lines = this.page.locator('.output-view .view-lines').first();
		let text = '';
		const found = await pollUntil(async () => {
			// Monaco renders spaces as no-break spaces.
			text = (await lines.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
			return pattern.test(text);
		}, uiTimeoutMs);
		if (!found) {
			throw new Error(`output channel ${name} never showed ${pattern}; it shows:\n${text}`);
		}
		return text;
	}

	/**
	 * Saves a screenshot of the whole page.
	 * @param {string} path
	 */
	async screenshot(path) {
		await this.page.screenshot({ path, timeout: 10_000 });
	}
}

/**
 * Runs in the page: turns Problems rows into records. A file row (with a resource label) starts
 * a group; the marker rows after it belong to that file.
 * @param {Element[]} elements
 */
function readRows(elements) {
	const ordered = [...elements].sort(
		(a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')),
	);
	const text = (/** @type {Element} */ row, /** @type {string} */ selector) =>
		row.querySelector(selector)?.textContent?.trim() ?? '';
	let file = '';
	const problems = [];
	for (const row of ordered) {
		if (row.querySelector('.resource-label-container')) {
			file = text(row, '.label-name');
			continue;
		}
		const where = /Ln (\d+), Col (\d+)/.exec(text(row, '.marker-line')) ?? ['', '0', '0'];
		const icon = row.querySelector('.marker-icon');
		problems.push({
			file,
			severity:
				['error', 'warning', 'info'].find((name) => icon?.classList.contains(name)) ??
				'hint',
			message: text(row, '.marker-message'),
			source: text(row, '.marker-source'),
			code: text(row, '.marker-code'),
			line: Number(where[1]),
			column: Number(where[2]),
		});
	}
	return problems;
}

/** @param {Problem[]} problems */
export function formatProblems(problems) {
	if (problems.length === 0) {
		return '  (none)';
	}
	return problems
		.map((p) => `  ${p.line}:${p.column} ${p.severity} ${p.source}(${p.code}) ${p.message}`)
		.join('\n');
}
