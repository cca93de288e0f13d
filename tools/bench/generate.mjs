// Deterministic Graph collection fixtures for the benchmark: a `{"@odata.context", "value"}`
// wrapper around N iosVppAppRevokeLicensesActionResult objects, one fault every 50 objects.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const typeName = 'microsoft.graph.iosVppAppRevokeLicensesActionResult';
export const faultInterval = 50;

/** The fault kinds, in the order they rotate through the collection. */
export const faultKinds = ['enum-typo', 'string-for-int32', 'bad-datetime', 'unknown-property'];

const failureReasons = [
	'none',
	'appleFailure',
	'internalError',
	'expiredVppToken',
	'expiredApplePushNotificationCertificate',
];
const actionStates = ['none', 'pending', 'canceled', 'active', 'done', 'failed', 'notSupported'];
const contextUrl =
	"https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps('bench')" +
	'/microsoft.graph.iosVppApp/revokeLicenseActionResults';

/** A small xorshift generator: the same seed gives the same fixtures on every machine. */
export function createRandom(seed) {
	let state = seed >>> 0 || 0x9e3779b9;
	return () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state / 0x100000000;
	};
}

function pick(random, list) {
	return list[Math.floor(random() * list.length)];
}

function hex(random, length) {
	let text = '';
	for (let i = 0; i < length; i++) {
		text += Math.floor(random() * 16).toString(16);
	}
	return text;
}

function guid(random) {
	return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
}

function timestamp(random) {
	const ms = Date.UTC(2021, 0, 1) + Math.floor(random() * 365 * 24 * 3600) * 1000;
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function validObject(random, index) {
	const total = 1 + Math.floor(random() * 500);
	return {
		'@odata.type': `#${typeName}`,
		userId: guid(random),
		managedDeviceId: guid(random),
		totalLicensesCount: total,
		failedLicensesCount: Math.floor(random() * total),
		actionFailureReason: pick(random, failureReasons),
		actionName: `revokeLicenses-${index}`,
		actionState: pick(random, actionStates),
		startDateTime: timestamp(random),
		lastUpdatedDateTime: timestamp(random),
	};
}

/** Breaks one value of a valid object so that a checker reports exactly one problem. */
function applyFault(object, kind) {
	if (kind === 'enum-typo') {
		object.actionState = object.actionState === 'pending' ? 'pendng' : 'pendingg';
	} else if (kind === 'string-for-int32') {
		object.totalLicensesCount = String(object.totalLicensesCount);
	} else if (kind === 'bad-datetime') {
		object.lastUpdatedDateTime = '2021-07-13T25:10:00Z';
	} else {
		object.revokedByUser = 'someone@contoso.com';
	}
}

/** The fault of object `index`, or undefined; the last object of a full block is always clean. */
export function faultAt(index) {
	if (index % faultInterval !== faultInterval / 2) {
		return undefined;
	}
	return faultKinds[Math.floor(index / faultInterval) % faultKinds.length];
}

function formatObject(object) {
	return JSON.stringify(object, null, '\t').replace(/\n/g, '\n\t\t');
}

/**
 * The text of a collection of `count` objects and the faults it holds. Objects are written with
 * tabs, one property per line, as hand-written fixtures are.
 */
export function generateCollection(count, seed = 20210713) {
	const random = createRandom(seed);
	const items = [];
	const faults = [];
	for (let index = 0; index < count; index++) {
		const object = validObject(random, index);
		const kind = faultAt(index);
		if (kind) {
			applyFault(object, kind);
			faults.push({ index, kind });
		}
		items.push(`\t\t${formatObject(object)}`);
	}
	const head = `{\n\t"@odata.context": ${JSON.stringify(contextUrl)},\n\t"value": [\n`;
	return { text: `${head}${items.join(',\n')}\n\t]\n}\n`, faults };
}

/** The zero-based LSP position (ASCII text: UTF-16 units equal bytes) of an offset. */
export function positionAt(text, offset) {
	let line = 0;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, character: offset - lineStart };
}

/**
 * Where the benchmark acts at the end of a document: the one-character edit (the first letter of
 * the last object's `actionState` value becomes `x`, which adds one invalid-enum problem), the
 * completion position inside that value, and the hover position on the last
 * `actionFailureReason` key.
 */
export function endPoints(text) {
	const stateKey = text.lastIndexOf('"actionState": "');
	const valueStart = stateKey + '"actionState": "'.length;
	const reasonKey = text.lastIndexOf('"actionFailureReason"');
	if (stateKey < 0 || reasonKey < 0) {
		throw new Error('the fixture has no actionState or actionFailureReason to act on');
	}
	const editStart = positionAt(text, valueStart);
	return {
		edit: {
			range: { start: editStart, end: { ...editStart, character: editStart.character + 1 } },
			text: 'x',
		},
		completion: { line: editStart.line, character: editStart.character + 1 },
		hover: positionAt(text, reasonKey + 5),
	};
}

/** Writes one fixture per size into `dir`; returns what each holds. */
export function writeFixtures(dir, sizes) {
	return sizes.map((size) => {
		const { text, faults } = generateCollection(size);
		const fsPath = path.join(dir, `collection-${size}.json`);
		fs.writeFileSync(fsPath, text);
		return { size, fsPath, bytes: Buffer.byteLength(text), faultCount: faults.length, faults };
	});
}
