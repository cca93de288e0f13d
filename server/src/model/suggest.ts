/**
 * "Did you mean" suggestions: the closest candidate by edit distance, case-insensitively, or a
 * candidate that contains the input (deviceId → managedDeviceId), when one is close enough.
 */

/** Damerau-Levenshtein (optimal string alignment) distance, bounded to stay cheap. */
export function editDistance(a: string, b: string, limit = 8): number {
	if (Math.abs(a.length - b.length) > limit) {
		return limit + 1;
	}
	let previous2: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
			let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				value = Math.min(value, previous2[j - 2] + 1);
			}
			current.push(value);
			rowMin = Math.min(rowMin, value);
		}
		if (rowMin > limit) {
			return limit + 1;
		}
		previous2 = previous;
		previous = current;
	}
	return previous[b.length];
}

/**
 * The candidate closest to `input`, or undefined when none is close: an exact match ignoring case
 * first, then the smallest edit distance within a third of the length (at least 2), then the
 * shortest candidate containing the input or contained in it (for inputs of 4 characters or more).
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
	const lowered = input.toLowerCase();
	const limit = Math.max(2, Math.floor(input.length / 3));
	let best: string | undefined;
	let bestDistance = limit + 1;
	let containing: string | undefined;
	for (const candidate of candidates) {
		const other = candidate.toLowerCase();
		if (other === lowered) {
			return candidate;
		}
		const distance = editDistance(lowered, other, limit);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
		const contains = other.includes(lowered) || lowered.includes(other);
		if (lowered.length >= 4 && other.length >= 4 && contains) {
			if (containing === undefined || candidate.length < containing.length) {
				containing = candidate;
			}
		}
	}
	return best ?? containing;
}

/** Answers per owner of a candidate list (a type, its members), by input. */
const remembered = new WeakMap<object, Map<string, string | undefined>>();
const rememberedPerOwner = 256;

/**
 * closestMatch for candidates that belong to `owner` and stay the same while it lives, with
 * the answer kept: a fixture repeats its mistakes, and each answer compares the input with
 * every candidate.
 */
export function closestMatchOf(
	owner: object,
	input: string,
	candidates: () => Iterable<string>,
): string | undefined {
	let answers = remembered.get(owner);
	if (answers === undefined) {
		answers = new Map();
		remembered.set(owner, answers);
	}
	if (answers.has(input)) {
		return answers.get(input);
	}
	const match = closestMatch(input, candidates());
	if (answers.size >= rememberedPerOwner) {
		answers.clear();
	}
	answers.set(input, match);
	return match;
}
