import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import type { Location } from 'vscode-languageserver-types';
import { findDefinition } from '../../server/src/service/definition';
import { repoRoot } from '../helpers/engine';
import type { Parsed } from '../helpers/features';
import { caseAt, loadSources, pages, withCursor } from '../helpers/features';

const bundledPage = path.join(
	repoRoot,
	'server',
	'types',
	'iosVppAppRevokeLicensesActionResult.md',
);

async function definition(input: Parsed, docs: string[] = []): Promise<Location | null> {
	const { model } = await loadSources(docs);
	return findDefinition(input.json, input.offset, { model, apiVersion: 'beta' });
}

/** The file and the text of the line a location points at. */
function target(location: Location | null): { fsPath: string; line: string } {
	assert.ok(location, 'a location');
	assert.match(location.uri, /^file:\/\//);
	const fsPath = URI.parse(location.uri).fsPath;
	const line = fs.readFileSync(fsPath, 'utf8').split(/\r?\n/)[location.range.start.line];
	return { fsPath, line };
}

describe('go to definition', () => {
	it("leads from a key to its property's row in the bundled page", async () => {
		const { fsPath, line } = target(await definition(caseAt('C15.json', 2, 5)));
		assert.equal(fsPath, bundledPage);
		assert.match(line, /^\|actionState\|actionState\|State of the action/);
	});

	it("leads from a tag to its type's page", async () => {
		const { fsPath } = target(await definition(caseAt('C15.json', 1, 30)));
		assert.equal(fsPath, bundledPage);
	});

	it('leads from a key to the row of a user page (C17)', async () => {
		const { fsPath, line } = target(
			await definition(caseAt('C17.json', 3, 5), pages.workingHours),
		);
		assert.equal(path.basename(fsPath), 'workinghours.md');
		assert.match(line, /^\| timeZone \|/);
	});

	it('leads from a nested tag to the page of the nested type (C17)', async () => {
		const { fsPath } = target(await definition(caseAt('C17.json', 3, 40), pages.workingHours));
		assert.equal(path.basename(fsPath), 'timezonebase.md');
	});

	it('finds nothing for unknown keys, untyped values, punctuation and comments', async () => {
		const tagged = '{ "@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", ';
		for (const marked of [
			`${tagged}"ot|her": 1 }`,
			'{ "a": "b|" }',
			`${tagged}"userId": "x" |}`,
		]) {
			assert.equal(await definition(withCursor(marked)), null, marked);
		}
		assert.equal(await definition(caseAt('C11.jsonc', 1, 15)), null);
	});
});
