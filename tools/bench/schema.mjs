// The JSON Schema the peers validate with: printed by our own CLI (`graph-fixtures schema TYPE`),
// or, while that command does not exist, a temporary schema written here from the bundled page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { typeName } from './generate.mjs';
import { runCommand } from './processes.mjs';

const int32 = { type: ['integer', 'null'], minimum: -2147483648, maximum: 2147483647 };
const dateTime = { type: ['string', 'null'], format: 'date-time' };
const text = { type: ['string', 'null'] };

/**
 * TEMPORARY (used only while `graph-fixtures schema` is missing): the bundled page
 * server/types/iosVppAppRevokeLicensesActionResult.md transcribed by hand. Keys holding `@`
 * (instance and property annotations) are allowed, as Graph Fixtures allows them.
 */
export const temporarySchema = {
	title: typeName,
	type: 'object',
	properties: {
		'@odata.type': { type: 'string' },
		actionFailureReason: {
			enum: [
				'none',
				'appleFailure',
				'internalError',
				'expiredVppToken',
				'expiredApplePushNotificationCertificate',
				null,
			],
			description: 'The reason for the revoke licenses action failure.',
		},
		actionName: { ...text, description: 'Action name' },
		actionState: {
			enum: ['none', 'pending', 'canceled', 'active', 'done', 'failed', 'notSupported', null],
			description: 'State of the action.',
		},
		failedLicensesCount: {
			...int32,
			description: 'A count of the licenses revoke failed for.',
		},
		lastUpdatedDateTime: { ...dateTime, description: 'Time the action state was last updated' },
		managedDeviceId: { ...text, description: 'DeviceId associated with the action.' },
		startDateTime: { ...dateTime, description: 'Time the action was initiated' },
		totalLicensesCount: {
			...int32,
			description: 'A count of the licenses revoke was tried for.',
		},
		userId: { ...text, description: 'UserId associated with the action.' },
	},
	patternProperties: { '@': {} },
	additionalProperties: false,
};

/**
 * The schema of a `{"value": [...]}` collection of the type. Definitions move to the root so
 * that `#/$defs/...` and `#/definitions/...` references still resolve after wrapping.
 */
export function wrapCollection(schema) {
	const { $schema, $id: _id, id: _legacyId, $defs, definitions, ...item } = schema;
	const wrapper = { type: 'object', properties: { value: { type: 'array', items: item } } };
	return {
		...($schema ? { $schema } : {}),
		...wrapper,
		...($defs ? { $defs } : {}),
		...(definitions ? { definitions } : {}),
	};
}

/** Every `$ref` or `$schema` in a schema that points off this machine (the peer must not go). */
export function remoteReferences(schema) {
	const found = [];
	const stack = [schema];
	while (stack.length > 0) {
		const node = stack.pop();
		if (node && typeof node === 'object') {
			for (const [key, value] of Object.entries(node)) {
				if (key === '$ref' && typeof value === 'string' && /^[a-z]+:\/\//i.test(value)) {
					found.push(value);
				}
				stack.push(value);
			}
		}
	}
	return found;
}

/**
 * The fault kinds a standard JSON Schema validator can see with this type schema. A
 * DateTimeOffset with only a custom format (our exporter writes `edm-date-time-offset`) is
 * unchecked by the peers, which ignore unknown formats; the other kinds always show.
 */
export function peerCheckableKinds(schema, kinds) {
	const property = schema.properties?.lastUpdatedDateTime ?? {};
	const checksDates = property.format === 'date-time' || typeof property.pattern === 'string';
	return kinds.filter((kind) => kind !== 'bad-datetime' || checksDates);
}

/** Asks our CLI for the type's schema; falls back to the temporary one, saying why. */
export async function loadSchema(root) {
	const bin = path.join(root, 'bin', 'graph-fixtures.js');
	if (!fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
		return { schema: temporarySchema, source: 'temporary', note: 'dist/cli.js does not exist' };
	}
	const args = [bin, 'schema', typeName];
	const run = await runCommand(process.execPath, args, { cwd: root, timeoutMs: 30000 });
	if (run.code !== 0) {
		const reason = run.stderr.trim().split('\n')[0] || `exit status ${run.code}`;
		return {
			schema: temporarySchema,
			source: 'temporary',
			note: `\`schema\` failed: ${reason}`,
		};
	}
	try {
		return { schema: JSON.parse(run.stdout), source: 'cli', note: '`graph-fixtures schema`' };
	} catch (error) {
		const note = `\`schema\` printed no JSON: ${error.message}`;
		return { schema: temporarySchema, source: 'temporary', note };
	}
}
