/** The commands the extension contributes; package.json lists the same ids (checked by a test). */
export const commandIds = {
	reloadTypes: 'graphFixtures.reloadTypes',
	listTypes: 'graphFixtures.listTypes',
	insertSkeleton: 'graphFixtures.insertSkeleton',
	exportSchema: 'graphFixtures.exportSchema',
	showOutput: 'graphFixtures.showOutput',
} as const;

/**
 * Context keys for the `when` clauses of package.json: the command palette offers the commands
 * only while they can work.
 */
export const contextKeys = {
	/** Set once the extension is active. */
	isActive: 'graphFixtures.isActive',
	/** Set while the language server is running, so its requests can be answered. */
	isServerRunning: 'graphFixtures.isServerRunning',
} as const;
