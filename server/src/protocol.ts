/**
 * The settings and the custom messages shared by the language server and its clients.
 * The VS Code client imports types from here only; any other editor sends the same settings
 * object, flat, as `initializationOptions` or under the `graphFixtures` configuration section.
 */
import type { ApiVersion } from './model/types';

/** A diagnostic level a user can choose for a code; `off` drops the diagnostic. */
export type SeverityLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The `graphFixtures` settings section. */
export interface Settings {
	/** Folders (or files) of Microsoft Graph reference pages, relative to the workspace folder. */
	docs: string[];
	/** CSDL `$metadata` documents, relative to the workspace folder. */
	metadata: string[];
	/** The API version of documents whose `@odata.context` names none. */
	apiVersion: ApiVersion;
	/** Whether documents are validated at all; completion and hover work either way. */
	validate: { enable: boolean };
	/** Severity overrides, from diagnostic code to level. */
	severity: Record<string, SeverityLevel>;
	/** Documents larger than this many bytes get one `not-checked` note instead of validation. */
	maxFileSize: number;
	/** Whether `syntax-error` and `duplicate-property` are reported (VS Code's JSON support does). */
	syntaxErrors: boolean;
}

export const defaultSettings: Settings = {
	docs: [],
	metadata: [],
	apiVersion: 'beta',
	validate: { enable: true },
	severity: {},
	maxFileSize: 50 * 1024 * 1024,
	syntaxErrors: true,
};

/**
 * Sent by the server after every (re)load of the type sources, so that the client can show the
 * number of types in its status item. Payload: what was loaded and how many problems were seen.
 */
export const typesLoadedNotification = 'graphFixtures/typesLoaded';

export interface TypesLoadedParams {
	/** Structured and enum types known. */
	typeCount: number;
	pageCount: number;
	metadataCount: number;
	/** Source problems (pages or metadata the reader could not fully understand). */
	problemCount: number;
	/** Sources that could not be read at all. */
	failedSources: string[];
	milliseconds: number;
}

/** Client to server: reload every type source now. No payload; answers `TypesLoadedParams` when done. */
export const reloadTypesRequest = 'graphFixtures/reloadTypes';

/** Client to server: the qualified names of every known type, sorted. */
export const listTypesRequest = 'graphFixtures/listTypes';

export interface ListTypesResult {
	types: { name: string; kind: 'structured' | 'enum'; description: string }[];
}

/** The payload of `exportSchema` and `skeleton`: a qualified type name, with or without '#'. */
export interface TypeParams {
	type: string;
}

/** Client to server: the JSON Schema of one type. Payload `TypeParams`; answer the schema or null. */
export const exportSchemaRequest = 'graphFixtures/exportSchema';

/** Client to server: a fixture skeleton (JSON text) for one type. Payload `TypeParams`. */
export const skeletonRequest = 'graphFixtures/skeleton';

/**
 * Client to server, when the user grants workspace trust while the server runs. Payload
 * `{ isTrusted }`. The server then reads its settings again and uses workspace paths that
 * point outside the workspace, which it ignored while untrusted.
 */
export const trustChangedNotification = 'graphFixtures/trustChanged';

export interface TrustChangedParams {
	isTrusted: boolean;
}

/**
 * Server to client, when the workspace is untrusted and settings name type sources outside the
 * workspace folders: those paths were ignored. Payload: the ignored paths.
 */
export const untrustedPathsIgnoredNotification = 'graphFixtures/untrustedPathsIgnored';

export interface UntrustedPathsIgnoredParams {
	paths: string[];
}

/** `initializationOptions`: the settings, flat, plus whether the workspace is trusted. */
export interface InitializationOptions extends Partial<Settings> {
	/** False in an untrusted workspace; absent for editors that know no trust (treated as trusted). */
	isTrusted?: boolean;
}
