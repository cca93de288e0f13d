/** Link targets and names: where a link in a page points, and the best name it offers. */

import * as path from 'node:path';
import type { ApiVersion } from '../../model/types';
import { dropLinks, unwrapMarks } from './text';

export interface PageTarget {
	kind: 'page';
	path: string;
	anchor?: string;
}

const SITE_RESOURCES = '/graph/api/resources/';
const TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
export const DEFAULT_NAMESPACE = 'microsoft.graph';

/** A (possibly qualified) OData name. */
export function isTypeName(text: string): boolean {
	return TYPE_NAME.test(text);
}

/** A dotted name is taken as qualified; a simple name joins the page's namespace. */
export function qualify(name: string, namespace: string): string {
	return name.includes('.') ? name : `${namespace}.${name}`;
}

/** 'beta' or 'v1.0' when a folder of the (absolute) path is named exactly that; the nearest wins. */
export function versionOf(fsPath: string): ApiVersion | undefined {
	const segments = fsPath.split(/[\\/]/);
	for (let i = segments.length - 2; i >= 0; i--) {
		if (segments[i] === 'beta' || segments[i] === 'v1.0') {
			return segments[i] as ApiVersion;
		}
	}
	return undefined;
}

/**
 * The file a link points at, relative to the page (`pagePath` is absolute). Site-absolute `/graph/api/resources/x`
 * means `x.md` in the same version folder. External links give undefined: pages are only ever
 * matched against files already being loaded, never read because a link names them.
 */
export function linkTarget(pagePath: string, target: string): PageTarget | undefined {
	const hash = target.indexOf('#');
	const anchor = hash === -1 ? undefined : target.slice(hash + 1).toLowerCase() || undefined;
	let location = (hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
	location = safeDecode(location);
	if (location === '') {
		return anchor === undefined ? undefined : { kind: 'page', path: pagePath, anchor };
	}
	const siteIndex = location.indexOf(SITE_RESOURCES);
	if (siteIndex !== -1) {
		const stem = location.slice(siteIndex + SITE_RESOURCES.length).replace(/\/+$/, '');
		return { kind: 'page', path: siteResourcePath(pagePath, stem), anchor };
	}
	if (/^[a-z][a-z0-9+.-]*:/i.test(location) || location.startsWith('/')) {
		return undefined;
	}
	const file = path.extname(location) === '' ? `${location}.md` : location;
	return { kind: 'page', path: path.resolve(path.dirname(pagePath), file), anchor };
}

/** `linkTarget` for one page, remembering answers: pages repeat the same links many times. */
export function pageLinkResolver(pagePath: string): (target: string) => PageTarget | undefined {
	const known = new Map<string, PageTarget | undefined>();
	return (target) => {
		if (!known.has(target)) {
			known.set(target, linkTarget(pagePath, target));
		}
		return known.get(target);
	};
}

function siteResourcePath(pagePath: string, stem: string): string {
	const file = path.extname(stem) === '' ? `${stem}.md` : stem;
	const segments = path.dirname(pagePath).split(path.sep);
	for (let i = segments.length - 1; i >= 0; i--) {
		if (segments[i] === 'beta' || segments[i] === 'v1.0') {
			return path.join(
				segments.slice(0, i + 1).join(path.sep) || path.sep,
				'resources',
				file,
			);
		}
	}
	return path.join(path.dirname(pagePath), file);
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		// A stray '%' in a hand-written link: keep the text as written.
		return text;
	}
}

/**
 * The names a link offers when its target page is not loaded, best first: the file's stem
 * (spelled as the link text when they agree: `[mobileAppAssignmentSettings](intune-shared-
 * mobileappassignmentsettings.md)`), else the link text; then the other one, for lookups by name.
 */
export function linkNames(text: string, target: string | undefined): string[] {
	const label = unwrapMarks(dropLinks(text));
	const file = (target ?? '').replace(/[?#].*$/, '');
	const stem = path.posix.basename(file.replace(/\\/g, '/')).replace(/\.md$/i, '');
	const hash = (target ?? '').indexOf('#');
	const anchor = hash === -1 ? '' : (target ?? '').slice(hash + 1).toLowerCase();
	const anchorName = anchor.endsWith('-values') ? anchor.slice(0, -'-values'.length) : '';
	const names: string[] = [];
	const add = (name: string): void => {
		if (isTypeName(name) && !names.includes(name)) {
			names.push(name);
		}
	};
	const lowerLabel = label.toLowerCase();
	const agrees = [stem.toLowerCase(), anchorName].some(
		(name) => name === lowerLabel || name.endsWith(`-${lowerLabel}`),
	);
	if (agrees) {
		add(camelCase(label));
	}
	add(anchorName);
	add(stem);
	add(label);
	add(stem.slice(stem.lastIndexOf('-') + 1));
	return names;
}

/** `Calendar` → `calendar`: Graph type names are camelCase; acronyms (`IPv6Range`) are kept. */
function camelCase(name: string): string {
	const isPascal = /^[A-Z][a-z]/.test(name);
	return isPascal ? name[0].toLowerCase() + name.slice(1) : name;
}
