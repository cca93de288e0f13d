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
	// jsonc-parser's UMD entry loads its parts with a dynamic require that a bundle cannot
	// follow; its ESM build bundles cleanly.
	alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
	// ESM dependencies (fdir, under tinyglobby) read import.meta.url, which CommonJS lacks.
	define: { PACKAGE_VERSION: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
	banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
const entries = [
	// The client ships in the .vsix: minified, it loads faster and stays small.
	{ entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', minify: true },
	{ entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
	{ entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
];
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
for (const entry of entries.filter((item) => !only || item.outfile.includes(only))) {
	const options = { ...common, ...entry };
	if (watch) {
		const context = await esbuild.context(options);
		await context.watch();
	} else {
		await esbuild.build(options);
	}
}
