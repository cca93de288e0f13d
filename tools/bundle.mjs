// Bundles the client, the language server and the CLI into dist/ with esbuild: CommonJS for
// Node, `vscode` left to the extension host. Runs in `prepare`, so `npm ci` leaves bin/ working.
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	sourcemap: true,
	logLevel: 'warning',
	external: ['vscode'],
	define: { PACKAGE_VERSION: JSON.stringify(version) },
};
const entries = [
	{ entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
	{ entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
	{ entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
];
for (const entry of entries) {
	const options = { ...common, ...entry };
	if (watch) {
		const context = await esbuild.context(options);
		await context.watch();
	} else {
		await esbuild.build(options);
	}
}
