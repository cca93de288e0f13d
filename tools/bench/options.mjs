// Command-line options of `npm run bench`.

export const usage =
	'usage: npm run bench -- [--quick] [--runs N] [--sizes 1000,10000,40000] [--timeout SECONDS]' +
	' [--only lsp,library,cli] [--keep] [--profile]';

/** The parts of the benchmark, in the order they run; `--only` picks some. */
export const parts = ['lsp', 'library', 'cli'];

function setValue(options, flag, value) {
	if (flag === '--only') {
		options.only = value.split(',');
	} else if (flag === '--runs') {
		options.runs = Number(value);
	} else if (flag === '--sizes') {
		options.sizes = value.split(',').map(Number);
	} else {
		options.timeoutS = Number(value);
	}
}

/**
 * `--quick` is the CI mode: sizes 50 and 200, one run. `--timeout` replaces the computed limit
 * of every wait; `--keep` leaves the temporary folder (fixtures, schema) in place; `--profile`
 * adds one unmeasured session of our server per size under `node --cpu-prof` and reports its hot
 * spots (profiles kept in bench/results/profiles/); `--only` runs some parts (`cli` includes the
 * type-loading times).
 */
export function parseArgs(argv) {
	const options = {
		quick: false,
		runs: 5,
		sizes: [1000, 10000, 40000],
		timeoutS: 0,
		keep: false,
		profile: false,
		only: parts,
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (flag === '--quick') {
			Object.assign(options, { quick: true, runs: 1, sizes: [50, 200] });
		} else if (flag === '--keep' || flag === '--profile') {
			options[flag.slice(2)] = true;
		} else if (
			['--runs', '--sizes', '--timeout', '--only'].includes(flag) &&
			i + 1 < argv.length
		) {
			setValue(options, flag, argv[++i]);
		} else {
			throw new Error(`unknown or incomplete argument ${flag}\n${usage}`);
		}
	}
	if (!options.only.every((part) => parts.includes(part))) {
		throw new Error(`--only takes a list of ${parts.join(', ')}\n${usage}`);
	}
	const sizesValid = options.sizes.every((n) => Number.isInteger(n) && n >= 50);
	if (
		!(options.runs >= 1 && Number.isInteger(options.runs)) ||
		!sizesValid ||
		!(options.timeoutS >= 0)
	) {
		throw new Error(
			`--runs needs an integer ≥ 1, --sizes integers ≥ 50, --timeout seconds ≥ 0\n${usage}`,
		);
	}
	return options;
}
