/**
 * The bundled type with the beta $metadata loaded: CSDL decides nullability, and the bundled
 * page still supplies the descriptions shown on hover.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/service';
import { doHover } from '../../server/src/service/hover';
import { casesRoot, check, csdlRoot, loadSources, summary } from '../helpers/engine';

const betaMetadata = path.join(csdlRoot, 'beta_metadata_2021-07-13.xml');

describe('the seed type with the beta $metadata', () => {
	it('reports not-nullable, as errors, exactly where CSDL says Nullable="false" (C31)', async () => {
		const text = readFileSync(path.join(casesRoot, 'C31.json'), 'utf8');
		const diagnostics = await check(text, { metadata: [betaMetadata] });
		assert.deepEqual(summary(diagnostics), [
			'not-nullable@(3,24)-(3,28)',
			'not-nullable@(4,17)-(4,21)',
			'not-nullable@(5,19)-(5,23)',
		]);
		assert.ok(diagnostics.every((item) => item.severity === 'error'));
		assert.match(diagnostics[0].message, /CSDL/);
	});

	it('keeps the page description in hover', async () => {
		const loaded = await loadSources([], [betaMetadata]);
		const text =
			'{"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "actionState": "done"}';
		const document = TextDocument.create('file:///seed.json', 'json', 1, text);
		const hover = doHover(
			document,
			parseDocument(text, false),
			text.indexOf('actionState') + 2,
			{
				model: loaded.model,
				apiVersion: 'beta',
			},
		);
		const contents = JSON.stringify(hover?.contents);
		assert.match(contents, /State of the action/);
	});
});
