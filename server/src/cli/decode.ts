/**
 * Bytes to text for the checker: UTF-8 by default, UTF-16 when a byte order mark says so; a
 * file with NUL bytes in UTF-8 is binary and gets one clear syntax error instead of a parse.
 */
import type { Problem } from '../service';

export interface DecodedText {
	text: string;
	problem?: Problem;
}

export function decodeText(bytes: Buffer): DecodedText {
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: bytes.subarray(2).toString('utf16le') };
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		// swap16 needs an even length; a stray last byte cannot be a character anyway.
		const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
		swapped.swap16();
		return { text: swapped.toString('utf16le') };
	}
	const start =
		bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	const nul = bytes.indexOf(0, start);
	if (nul >= 0) {
		return {
			text: '',
			problem: {
				offset: 0,
				length: 0,
				code: 'syntax-error',
				severity: 'error',
				message: `Not a JSON text: the file holds binary data (a NUL byte at byte ${nul}).`,
			},
		};
	}
	return { text: bytes.subarray(start).toString('utf8') };
}
