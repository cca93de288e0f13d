// Checks that the comparison compared something: the peers must report exactly the generated
// faults (else their schema was not applied and their timings mean nothing) and must not have
// tried to fetch a schema. Our own counts are only noted: wrong counts are an engine bug, which
// the bench reports but does not own.

function expectCounts(sample, faultCount) {
	const problems = [];
	if (sample.firstDiagnosticCount !== faultCount) {
		problems.push(
			`${sample.firstDiagnosticCount} diagnostics after open, ${faultCount} expected`,
		);
	}
	if (sample.editDiagnosticCount !== faultCount + 1) {
		problems.push(
			`${sample.editDiagnosticCount} diagnostics after the edit, ${faultCount + 1} expected`,
		);
	}
	if (!sample.completionLabels.some((label) => label.replace(/"/g, '') === 'pending')) {
		problems.push('no enum member among the completions');
	}
	if (!sample.hasHover) {
		problems.push('no hover');
	}
	return problems;
}

/** The peers are held only to the faults their schema can express (see schema.mjs). */
function expectedFaults(fixture, server) {
	return server === 'peer' ? fixture.peerFaultCount : fixture.faultCount;
}

function lspProblems(results, server) {
	const faults = new Map(results.fixtures.map((f) => [f.size, expectedFaults(f, server)]));
	return results.lsp.samples
		.filter((sample) => sample.server === server)
		.flatMap((sample) =>
			expectCounts(sample, faults.get(sample.size)).map(
				(problem) =>
					`LSP ${server} at ${sample.size} objects, run ${sample.run + 1}: ${problem}`,
			),
		);
}

function libraryProblems(results, server) {
	const faults = new Map(results.fixtures.map((f) => [f.size, expectedFaults(f, server)]));
	return (results.library?.samples ?? [])
		.filter((s) => s.server === server && s.diagnosticCount !== faults.get(s.size))
		.map(
			(s) =>
				`library ${server} at ${s.size} objects: ${s.diagnosticCount} diagnostics, ${faults.get(s.size)} expected`,
		);
}

/** Harness errors: what the peers got wrong, and any schema fetch. */
export function checkPeers(results) {
	const errors = [...lspProblems(results, 'peer'), ...libraryProblems(results, 'peer')];
	const fetches = [...results.lsp.fetchAttempts, ...(results.library?.fetches ?? [])];
	if (fetches.length > 0) {
		errors.push(`a peer tried to fetch schemas: ${[...new Set(fetches)].join(', ')}`);
	}
	return errors;
}

/** Notes on our own counts, first run of each size only, so one engine bug is one line. */
export function checkOurs(results) {
	const firstRuns = {
		...results,
		lsp: { samples: results.lsp.samples.filter((s) => s.run === 0) },
	};
	const library = {
		...results,
		library: { samples: (results.library?.samples ?? []).filter((s) => s.run === 0) },
	};
	return [...lspProblems(firstRuns, 'ours'), ...libraryProblems(library, 'ours')];
}
