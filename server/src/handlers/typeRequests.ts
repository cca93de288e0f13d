/**
 * The custom requests of protocol.ts: reload the types, list them, export a type's JSON Schema,
 * and write a fixture skeleton for a type.
 */
import type { ListTypesResult, TypeParams, TypesLoadedParams } from '../protocol';
import {
	exportSchemaRequest,
	listTypesRequest,
	reloadTypesRequest,
	skeletonRequest,
} from '../protocol';
import { exportSchema } from '../service';
import { createSkeleton } from '../service/skeleton';
import { typesLoadedParams } from '../typeStore';
import type { ServerContext } from './context';
import { registerRequest } from './guard';
import { acceptAny, checkTypeParams } from './params';

export function registerTypeRequests(context: ServerContext): void {
	const { connection, log } = context;
	registerRequest(
		connection,
		log,
		{ method: reloadTypesRequest, empty: null, check: acceptAny },
		() => reloadTypes(context),
	);
	registerRequest(
		connection,
		log,
		{ method: listTypesRequest, empty: { types: [] }, check: acceptAny },
		() => listTypes(context),
	);
	registerRequest(
		connection,
		log,
		{ method: exportSchemaRequest, empty: null, check: checkTypeParams },
		(params: TypeParams) => schemaOf(context, params),
	);
	registerRequest(
		connection,
		log,
		{ method: skeletonRequest, empty: null, check: checkTypeParams },
		(params: TypeParams) => skeletonOf(context, params),
	);
}

async function reloadTypes(context: ServerContext): Promise<TypesLoadedParams> {
	const state = await context.types.reload('requested by the client');
	return typesLoadedParams(state.loaded);
}

async function listTypes(context: ServerContext): Promise<ListTypesResult> {
	const { apiVersion } = await context.settings.get();
	const { model } = (await context.types.ready()).loaded;
	const types: ListTypesResult['types'] = [];
	for (const name of model.allNames()) {
		const found = model.find(name, apiVersion);
		if (found) {
			types.push({ name, kind: found.type.kind, description: found.type.description });
		}
	}
	return { types };
}

async function schemaOf(context: ServerContext, params: TypeParams): Promise<object | null> {
	const { apiVersion } = await context.settings.get();
	const { model } = (await context.types.ready()).loaded;
	const found = model.find(stripHash(params.type), apiVersion);
	return found?.type.kind === 'structured' ? exportSchema(model, found.type, apiVersion) : null;
}

async function skeletonOf(context: ServerContext, params: TypeParams): Promise<string | null> {
	const { apiVersion } = await context.settings.get();
	const { model } = (await context.types.ready()).loaded;
	return createSkeleton(model, stripHash(params.type), apiVersion) ?? null;
}

function stripHash(name: string): string {
	return name.startsWith('#') ? name.slice(1) : name;
}
