/** Binary searches over ascending arrays of offsets. */

/** The index of the first element at or above `value`; the length when there is none. */
export function firstAtOrAbove(sorted: readonly number[], value: number): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle] < value) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	return low;
}

/** The index of the last element at or below `value` in an array whose first element is 0. */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
	let low = 0;
	let high = sorted.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (sorted[middle] <= value) {
			low = middle;
		} else {
			high = middle - 1;
		}
	}
	return low;
}
