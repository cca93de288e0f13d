// Runs in its own process (started by library.mjs): the in-process comparison of
// vscode-json-languageservice 5.x (`parseJSONDocument` + `doValidation`) against our engine's
// check, alternating run by run in this one process. Prints one JSON result on stdout.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const warmUpPasses = 5;

/** vscode-json-languageservice 5.x with the schema given inline: nothing is ever fetched. */
function peerChecker(schema, schemaUri) {
	const service = require('vscode-json-languageservice');
	const fetches = [];
	const languageService = service.getLanguageService({
		schemaRequestService: (uri) => {
			fetches.push(uri);
			return Promise.reject(new Error('the benchmark serves no schema content'));
		},
	});
	languageService.configure({
		validate: true,
		schemas: [{ uri: schemaUri, fileMatch: ['*.json'], schema }],
	});
	let version = 0;
	const check = async (text, uri) => {
		const document = service.TextDocument.create(uri, 'json', ++version, text);
		const jsonDocument = languageService.parseJSONDocument(document);
		const diagnostics = await languageService.doValidation(document, jsonDocument, {
			comments: 'error',
			trailingCommas: 'error',
		});
		return diagnostics.length;
	};
	const version5 = require('vscode-json-languageservice/package.json').version;
	return { name: 'peer', label: `vscode-json-languageservice ${version5}`, check, fetches };
}

/** Our engine, bundled by library.mjs into a file that exports `createChecker()`. */
function oursChecker(bundlePath) {
	const { createChecker, label } = require(bundlePath);
	return { name: 'ours', label, check: createChecker(), fetches: [] };
}

async function timeOne(contender, text, uri) {
	const start = performance.now();
	const diagnosticCount = await contender.check(text, uri);
	return { ms: performance.now() - start, diagnosticCount };
}

async function main() {
	const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
	const schema = JSON.parse(fs.readFileSync(config.schemaPath, 'utf8'));
	const contenders = [peerChecker(schema, pathToFileURL(config.schemaPath).href)];
	if (config.oursBundle) {
		contenders.unshift(oursChecker(config.oursBundle));
	}
	const texts = config.fixtures.map((fixture) => fs.readFileSync(fixture.fsPath, 'utf8'));
	const uris = config.fixtures.map((fixture) => pathToFileURL(fixture.fsPath).href);
	// Untimed passes over the smallest fixture first, alternating, so that both sides are timed
	// with optimised code: one pass left ours 3× slower than its steady state at 1,000 objects.
	for (let pass = 0; pass < warmUpPasses; pass++) {
		for (const contender of contenders) {
			await contender.check(texts[0], uris[0]);
		}
	}
	const samples = [];
	for (const [index, fixture] of config.fixtures.entries()) {
		for (let run = 0; run < config.runs; run++) {
			for (const contender of contenders) {
				const sample = await timeOne(contender, texts[index], uris[index]);
				samples.push({ size: fixture.size, run, server: contender.name, ...sample });
			}
		}
	}
	const labels = Object.fromEntries(contenders.map((c) => [c.name, c.label]));
	const fetches = contenders.flatMap((c) => c.fetches);
	process.stdout.write(JSON.stringify({ labels, samples, fetches }));
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
