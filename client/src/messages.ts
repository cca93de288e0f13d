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
	trustChangedNotification,
	typesLoadedNotification,
	untrustedPathsIgnoredNotification,
} from '../../server/src/protocol';

export const typesLoaded: typeof typesLoadedNotification = 'graphFixtures/typesLoaded';
export const reloadTypes: typeof reloadTypesRequest = 'graphFixtures/reloadTypes';
export const listTypes: typeof listTypesRequest = 'graphFixtures/listTypes';
export const exportSchema: typeof exportSchemaRequest = 'graphFixtures/exportSchema';
export const skeleton: typeof skeletonRequest = 'graphFixtures/skeleton';

export const trustChanged: typeof trustChangedNotification = 'graphFixtures/trustChanged';
export const untrustedPathsIgnored: typeof untrustedPathsIgnoredNotification =
	'graphFixtures/untrustedPathsIgnored';

export type { TrustChangedParams, UntrustedPathsIgnoredParams } from '../../server/src/protocol';
