import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { ApiVersion } from '../../server/src/model/types';
import { doHover } from '../../server/src/service/hover';
import type { Parsed } from '../helpers/features';
import { caseAt, formatLspRange, loadSources, pages, withCursor } from '../helpers/features';

async function hover(
	input: Parsed,
	docs: string[] = [],
	apiVersion: ApiVersion = 'beta',
): Promise<Hover | null> {
	const { model } = await loadSources(docs);
	return doHover(input.document, input.json, input.offset, { model, apiVersion });
}

async function hoverText(
	input: Parsed,
	docs: string[] = [],
	apiVersion: ApiVersion = 'beta',
): Promise<string> {
	const result = await hover(input, docs, apiVersion);
	assert.ok(result, 'a hover');
	return (result.contents as MarkupContent).value;
}

describe('hover on keys', () => {
	it('counts UTF-16 columns on a line with emoji (C01)', async () => {
		const result = await hover(caseAt('C01.json', 2, 32));
		assert.ok(result?.range);
		assert.equal(formatLspRange(result.range), '(2,31)-(2,44)');
		assert.match((result.contents as MarkupContent).value, /State of the action/);
	});

	it('shows the property description with its type, not the type description (C15)', async () => {
		const text = await hoverText(caseAt('C15.json', 2, 5));
		assert.match(text, /\*\*actionState\*\*: `actionState`/);
		assert.match(text, /State of the action/);
		const reason = await hoverText(caseAt('C15.json', 3, 5));
		assert.match(reason, /`vppTokenActionFailureReason`/);
		assert.match(reason, /reason for the revoke licenses action failure/);
	});

	it('gives each property its own description, in any order (C16)', async () => {
		const expected: [number, RegExp][] = [
			[2, /Time the action was initiated/],
			[3, /Time the action state was last updated/],
			[4, /revoke was attempted/],
			[5, /revoke failed/],
		];
		for (const [line, description] of [...expected, ...[...expected].reverse()]) {
			assert.match(await hoverText(caseAt('C16.json', line, 5)), description);
		}
	});

	it('explains keys whose value is an array or an object (C17)', async () => {
		const days = await hoverText(caseAt('C17.json', 2, 5), pages.all, 'v1.0');
		assert.match(days, /The days of the week on which the user works/);
		assert.match(days, /`dayOfWeek collection`/);
		const zone = await hoverText(caseAt('C17.json', 3, 5), pages.all, 'v1.0');
		assert.match(zone, /The time zone to which the working hours apply/);
		assert.match(zone, /timeZoneBase/);
	});

	it('explains an OData annotation key in an untagged wrapper (C29)', async () => {
		const text = await hoverText(caseAt('C29.json', 3, 5));
		assert.match(text, /\*\*@odata\.nextLink\*\*/);
		assert.match(text, /next page/);
	});

	it('suggests the defined annotation for a wrongly cased one (C29)', async () => {
		const text = await hoverText(caseAt('C29.json', 15, 10));
		assert.match(text, /Did you mean `@odata\.nextLink`/);
	});

	it('shows the description for a property whose value is null (C31)', async () => {
		assert.match(await hoverText(caseAt('C31.json', 4, 5)), /State of the action/);
	});
});

describe('hover on values and tags', () => {
	it('shows enum information on an enum value (C15)', async () => {
		const text = await hoverText(caseAt('C15.json', 2, 19));
		assert.match(text, /\*\*microsoft\.graph\.actionState\*\*: enum/);
		assert.match(text, /Members: `none`, `pending`/);
	});

	it('shows the dayOfWeek enum on an array item (C17)', async () => {
		const text = await hoverText(caseAt('C17.json', 2, 19), pages.all, 'v1.0');
		assert.match(text, /dayOfWeek\*\*: enum/);
		assert.match(text, /`monday`/);
	});

	it('shows Int64 values exactly as written (C26)', async () => {
		const remaining = await hoverText(caseAt('C26.json', 4, 20), pages.quota);
		assert.match(remaining, /9223372036854775807/);
		assert.doesNotMatch(remaining, /9223372036854776000/);
		assert.match(
			await hoverText(caseAt('C26.json', 5, 18), pages.quota),
			/9223372036854775808/,
		);
	});

	it('describes the type on its tag, with its page (C08)', async () => {
		const result = await hover(caseAt('C08.json', 2, 30));
		assert.ok(result?.range);
		assert.equal(formatLspRange(result.range), '(2,21)-(2,75)');
		const text = (result.contents as MarkupContent).value;
		assert.match(text, /\*\*microsoft\.graph\.iosVppAppRevokeLicensesActionResult\*\*/);
		assert.match(text, /9 properties/);
		assert.match(text, /iosVppAppRevokeLicensesActionResult\.md` \(bundled\)/);
	});

	it('names the base type and counts inherited properties on a derived tag', async () => {
		const input = withCursor('{ "@odata.type": "#microsoft.graph.iosV|ppApp" }');
		const text = await hoverText(input, pages.iosVppApp);
		assert.match(text, /Base type: `microsoft\.graph\.mobileApp`/);
	});
});

describe('hover positions', () => {
	it('clamps a position past the line end to the token ending there, never the next line (C02)', async () => {
		const atEnd = await hover(caseAt('C02.json', 2, 27));
		const pastEnd = await hover(caseAt('C02.json', 2, 200));
		for (const result of [atEnd, pastEnd]) {
			if (result?.range) {
				assert.equal(result.range.end.line, 2);
				assert.ok(result.range.end.character <= 28);
			}
		}
	});

	it('shows nothing inside a comment, and the real key as usual (C11)', async () => {
		assert.equal(await hover(caseAt('C11.jsonc', 1, 15)), null);
		assert.match(await hoverText(caseAt('C11.jsonc', 4, 4)), /State of the action/);
	});

	it('shows nothing on punctuation, unknown keys and untyped values', async () => {
		const tagged =
			'{ "@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "other": 1 }';
		assert.equal(await hover(withCursor(`{ "a": 1 |}`)), null);
		assert.equal(await hover(withCursor(tagged.replace('"other"', '"ot|her"'))), null);
		assert.equal(await hover(withCursor('{ "a": "valu|e" }')), null);
	});
});
