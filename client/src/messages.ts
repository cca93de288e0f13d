/**
 * The message names the client uses. The shared ones mirror server/src/protocol.ts: the client
 * may import only types from there (its runtime code must stay out of the client bundle), so each
 * name is typed with `typeof` the shared constant and the compiler rejects any drift.
 */
import type {
	exportSchemaRequest,
	listTypesRequest,
	reloadTypesRequest,
	skeletonRequest,
	typesLoadedNotification,
} from '../../server/src/protocol';

export const typesLoaded: typeof typesLoadedNotification = 'graphFixtures/typesLoaded';
export const reloadTypes: typeof reloadTypesRequest = 'graphFixtures/reloadTypes';
export const listTypes: typeof listTypesRequest = 'graphFixtures/listTypes';
export const exportSchema: typeof exportSchemaRequest = 'graphFixtures/exportSchema';
export const skeleton: typeof skeletonRequest = 'graphFixtures/skeleton';

// Not in protocol.ts yet (requested from its owner); defined here until then.

/**
 * Client to server, when the user grants trust to the workspace while the server runs. Payload
 * `TrustChangedParams`. The server then honours workspace settings it ignored while untrusted.
 */
export const trustChanged = 'graphFixtures/trustChanged';

export interface TrustChangedParams {
	isTrusted: boolean;
}

/**
 * Server to client, when it ignored workspace settings that point outside an untrusted
 * workspace. Payload `UntrustedPathsIgnoredParams`: the paths as the settings wrote them.
 */
export const untrustedPathsIgnored = 'graphFixtures/untrustedPathsIgnored';

export interface UntrustedPathsIgnoredParams {
	paths: string[];
}
