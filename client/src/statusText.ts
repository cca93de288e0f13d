/**
 * The words of the status item, kept free of `vscode` imports so they can be tested without an
 * editor.
 */
import type { TypesLoadedParams } from '../../server/src/protocol';

export type StatusKind = 'starting' | 'ready' | 'degraded' | 'stopped';

export interface StatusView {
	kind: StatusKind;
	/** Status bar text with a codicon, e.g. `$(check) Graph 1,234 types`. */
	text: string;
	tooltip: string;
}

/** How many failed sources the tooltip names before it only counts the rest. */
const maxListedSources = 10;

const icons: Record<StatusKind, string> = {
	starting: '$(sync~spin)',
	ready: '$(check)',
	degraded: '$(warning)',
	stopped: '$(error)',
};

export function describeStarting(): StatusView {
	return view('starting', 'Graph', 'Graph Fixtures: starting the language server.');
}

export function describeStopped(): StatusView {
	const tooltip = 'Graph Fixtures: the language server is not running. Click to show the output.';
	return view('stopped', 'Graph', tooltip);
}

/** The status after a (re)load of the type sources; degraded when any source had a problem. */
export function describeTypesLoaded(params: TypesLoadedParams, locale?: string): StatusView {
	const format = (count: number) => new Intl.NumberFormat(locale).format(count);
	const types = `${format(params.typeCount)} ${plural(params.typeCount, 'type', 'types')}`;
	const isDegraded = params.problemCount > 0 || params.failedSources.length > 0;
	const lines = [`Graph Fixtures: ${types} loaded in ${format(params.milliseconds)} ms`];
	lines.push(`from ${describeSources(params, format)}.`);
	if (params.problemCount > 0) {
		const problems = plural(params.problemCount, 'problem', 'problems');
		lines.push(`${format(params.problemCount)} source ${problems}; see the output.`);
	}
	lines.push(...describeFailedSources(params.failedSources));
	lines.push('Click to list the types.');
	return view(isDegraded ? 'degraded' : 'ready', `Graph ${types}`, lines.join('\n'));
}

function describeSources(params: TypesLoadedParams, format: (count: number) => string): string {
	const pages = plural(params.pageCount, 'reference page', 'reference pages');
	const documents = plural(params.metadataCount, 'metadata document', 'metadata documents');
	return `${format(params.pageCount)} ${pages} and ${format(params.metadataCount)} ${documents}`;
}

function describeFailedSources(sources: string[]): string[] {
	if (sources.length === 0) {
		return [];
	}
	const listed = sources.slice(0, maxListedSources).map((source) => `  ${source}`);
	const rest = sources.length - listed.length;
	const more = rest > 0 ? [`  and ${rest} more`] : [];
	return ['Could not read:', ...listed, ...more];
}

function view(kind: StatusKind, label: string, tooltip: string): StatusView {
	return { kind, text: `${icons[kind]} ${label}`, tooltip };
}

function plural(count: number, one: string, many: string): string {
	return count === 1 ? one : many;
}
