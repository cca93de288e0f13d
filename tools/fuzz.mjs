// `npm run fuzz [-- --runs N] [--seconds S] [--seed N] [--path P] [--no-build]`
// A long fuzz run: the same fast-check properties as the CI tests (test/unit/fuzz.test.ts and
// fuzzSources.test.ts, the mutated-fixture tests of the CLI and of the language server), with
// many more runs. Builds first (tsc and the bundle) unless --no-build. Prints the seed; a
// failure prints fast-check's counterexample, seed and path, and the command that replays it.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const usage = `usage: npm run fuzz -- [--runs N] [--seconds S] [--seed N] [--path P] [--no-build]
  --runs N      runs per property (default 5000)
  --seconds S   time limit per property, after which it stops without failing (default 300)
  --seed N      fast-check seed (default: random, printed)
  --path P      replay one counterexample: the path fast-check printed with its seed
  --no-build    use the current out/ and dist/ instead of building first`;

function parseArgs(argv) {
	const options = { runs: 5000, seconds: 300, seed: undefined, path: undefined, build: true };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => {
			const next = argv[++i];
			if (next === undefined) {
				throw new Error(`${flag} needs a value`);
			}
			return next;
		};
		if (flag === '--runs') {
			options.runs = positiveInteger(flag, value());
		} else if (flag === '--seconds') {
			options.seconds = positiveInteger(flag, value());
		} else if (flag === '--seed') {
			options.seed = integer(flag, value());
		} else if (flag === '--path') {
			options.path = value();
		} else if (flag === '--no-build') {
			options.build = false;
		} else {
			throw new Error(flag === '--help' || flag === '-h' ? '' : `unknown option ${flag}`);
		}
	}
	options.seed ??= Math.floor(Math.random() * 2 ** 31) * (Math.random() < 0.5 ? -1 : 1);
	return options;
}

function integer(flag, text) {
	if (!/^-?[0-9]+$/.test(text)) {
		throw new Error(`${flag} takes a whole number, not "${text}"`);
	}
	return Number(text);
}

function positiveInteger(flag, text) {
	const number = integer(flag, text);
	if (number <= 0) {
		throw new Error(`${flag} must be above 0`);
	}
	return number;
}

function run(command, args, env = {}) {
	const result = spawnSync(command, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...env },
	});
	return result.status ?? 1;
}

function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message ? `fuzz: ${error.message}\n` : ''}${usage}\n`);
		return 2;
	}
	if (options.build) {
		const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
		if (run(npx, ['tsc', '-b']) !== 0 || run(process.execPath, ['tools/bundle.mjs']) !== 0) {
			process.stderr.write('fuzz: the build failed\n');
			return 2;
		}
	}
	const env = {
		GRAPH_FIXTURES_FUZZ_RUNS: String(options.runs),
		GRAPH_FIXTURES_FUZZ_SECONDS: String(options.seconds),
		GRAPH_FIXTURES_FUZZ_SEED: String(options.seed),
		GRAPH_FIXTURES_FUZZ_PATH: options.path ?? '',
		// The long run is about faults, not speed: time bounds are relaxed tenfold.
		GRAPH_FIXTURES_TIME_SCALE: '10',
	};
	process.stderr.write(`fuzz: ${options.runs} runs per property, seed ${options.seed}\n`);
	const files = [
		'out/test/unit/fuzz.test.js',
		'out/test/unit/fuzzSources.test.js',
		'out/test/unit/reliabilityCli.test.js',
		'out/test/protocol/reliability.test.js',
	];
	const pattern = 'mutated|burst|random|fuzz';
	const status = run(
		process.execPath,
		[
			'--test',
			'--test-concurrency=1',
			'--test-reporter=spec',
			`--test-name-pattern=${pattern}`,
			...files,
		],
		env,
	);
	if (status !== 0) {
		process.stderr.write(
			`fuzz: failed. Replay with: npm run fuzz -- --no-build --seed ${options.seed} --runs ${options.runs}` +
				' (add --path from the counterexample above to replay just that case)\n',
		);
	}
	return status;
}

process.exitCode = main();
