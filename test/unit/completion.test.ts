import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InsertTextFormat } from 'vscode-languageserver-types';
import type { CompletionItem } from 'vscode-languageserver-types';
import { TypeModel } from '../../server/src/model/typeModel';
import type { TypeDefinition } from '../../server/src/model/types';
import { doComplete } from '../../server/src/service/completion';
import type { Parsed } from '../helpers/features';
import {
	accept,
	caseAt,
	formatLspRange,
	itemNamed,
	loadSources,
	pages,
	sortedLabels,
	withCursor,
} from '../helpers/features';

const tag = '"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult"';
const actionStates = ['none', 'pending', 'canceled', 'active', 'done', 'failed', 'notSupported'];
const failureReasons = [
	'none',
	'appleFailure',
	'internalError',
	'expiredVppToken',
	'expiredApplePushNotificationCertificate',
];
const revokeProperties = [
	'actionFailureReason',
	'actionName',
	'actionState',
	'failedLicensesCount',
	'lastUpdatedDateTime',
	'managedDeviceId',
	'startDateTime',
	'totalLicensesCount',
	'userId',
];

async function complete(
	input: Parsed,
	docs: string[] = [],
	snippetSupport = false,
): Promise<CompletionItem[]> {
	const { model } = await loadSources(docs);
	const options = { model, apiVersion: 'beta' as const, snippetSupport };
	return doComplete(input.document, input.json, input.offset, options).items;
}

function labels(items: CompletionItem[]): string[] {
	return items.map((item) => String(item.label)).sort();
}

function propertyLabels(items: CompletionItem[]): string[] {
	return labels(items).filter((label) => !label.startsWith('@'));
}

function rangeOf(item: CompletionItem): string {
	assert.ok(item.textEdit && 'range' in item.textEdit);
	return formatLspRange(item.textEdit.range);
}

describe('completion of property names', () => {
	it('offers @odata.type first for "@od" and replaces the whole key token (C09)', async () => {
		const input = caseAt('C09.json', 1, 6);
		const items = await complete(input);
		assert.equal(sortedLabels(items)[0], '@odata.type');
		assert.deepEqual(propertyLabels(items), []);
		const item = itemNamed(items, '@odata.type');
		assert.equal(rangeOf(item), '(1,2)-(1,7)');
		assert.equal(item.filterText, '"@odata.type"');
		assert.equal(accept(input.document, item), `{\n  ${tag}\n}\n`);
	});

	it('leaves out the keys present below an unfinished key and adds a comma (C12)', async () => {
		const input = caseAt('C12.json', 2, 6);
		const items = await complete(input);
		const offered = propertyLabels(items);
		assert.ok(offered.includes('actionFailureReason'));
		for (const present of ['actionState', 'actionName', '@odata.type']) {
			assert.ok(!labels(items).includes(present), `${present} is present below`);
		}
		const text = accept(input.document, itemNamed(items, 'actionFailureReason'));
		assert.match(text, /\n {2}"actionFailureReason": "none",\n {2}"actionState": "done",/);
	});

	it('offers the missing properties at the end of an unterminated document (C14)', async () => {
		const input = caseAt('C14.json', 3, 2);
		const items = await complete(input);
		const expected = revokeProperties.filter((name) => name !== 'actionState');
		assert.deepEqual(propertyLabels(items), expected);
		assert.ok(!labels(items).includes('@odata.type'));
		const text = accept(input.document, itemNamed(items, 'userId'));
		assert.ok(text.endsWith('"actionState": "done",\n  "userId": ""'));
	});

	it('clamps a position one line past the end to the end (C14)', async () => {
		const input = caseAt('C14.json', 4, 0);
		assert.equal(input.offset, input.document.getText().length);
		const items = await complete(input);
		assert.equal(propertyLabels(items).length, revokeProperties.length - 1);
	});

	it('offers one tagged-object snippet in an empty file (C14-empty)', async () => {
		const items = await complete(caseAt('C14-empty.json', 0, 0));
		assert.equal(items.length, 1);
		assert.match(
			items[0].textEdit?.newText ?? '',
			/^\{\n\t"@odata\.type": "#microsoft\.graph\./,
		);
	});

	it('proposes nothing inside line and block comments (C11)', async () => {
		assert.deepEqual(await complete(caseAt('C11.jsonc', 1, 32)), []);
		assert.deepEqual(await complete(caseAt('C11.jsonc', 3, 41)), []);
	});

	it('gives detail, documentation and a typed value snippet for each property', async () => {
		const input = withCursor(`{\n\t${tag},\n\t|\n}`);
		const items = await complete(input, [], true);
		const state = itemNamed(items, 'actionState');
		assert.equal(state.detail, 'actionState');
		assert.match(JSON.stringify(state.documentation), /State of the action/);
		assert.equal(state.insertTextFormat, InsertTextFormat.Snippet);
		assert.equal(state.textEdit?.newText, `"actionState": "\${1|${actionStates.join(',')}|}"`);
		assert.equal(
			itemNamed(items, 'startDateTime').textEdit?.newText,
			'"startDateTime": "${1:2024-01-01T00:00:00Z}"',
		);
		assert.equal(
			itemNamed(items, 'totalLicensesCount').textEdit?.newText,
			'"totalLicensesCount": ${1:0}',
		);
	});

	it('keeps what follows the cursor on the line of an unterminated key', async () => {
		const input = withCursor(
			'{ "@odata.type": "#microsoft.graph.workingHours", "timeZone": { "na| } }',
		);
		const text = accept(
			input.document,
			itemNamed(await complete(input, pages.workingHours), 'name'),
		);
		assert.equal(
			text,
			'{ "@odata.type": "#microsoft.graph.workingHours", "timeZone": { "name": "" } }',
		);
	});

	it('replaces only the name when the property already has its value', async () => {
		const input = withCursor(`{\n\t${tag},\n\t"act|": "done"\n}`);
		const text = accept(input.document, itemNamed(await complete(input), 'actionState'));
		assert.match(text, /\n\t"actionState": "done"\n/);
	});

	it('inserts the comma a previous member lacks', async () => {
		const input = withCursor(`{\n\t${tag}\n\tuser|\n}`);
		const text = accept(input.document, itemNamed(await complete(input), 'userId'));
		assert.equal(text, `{\n\t${tag},\n\t"userId": ""\n}`);
	});

	it('inserts the comma a previous member lacks before a quoted key', async () => {
		const input = withCursor(`{\n\t${tag},\n\t"userId": "x"\n\t"|"\n}`);
		const text = accept(input.document, itemNamed(await complete(input), 'actionName'));
		assert.equal(text, `{\n\t${tag},\n\t"userId": "x",\n\t"actionName": ""\n}`);
	});

	it('offers the inherited properties of a derived type, saying where they come from', () => {
		const input = withCursor('{ "@odata.type": "#test.webApp", | }');
		const model = new TypeModel(flagsTypes);
		const items = doComplete(input.document, input.json, input.offset, {
			model,
			apiVersion: 'beta',
			snippetSupport: false,
		}).items;
		assert.deepEqual(propertyLabels(items), ['platforms']);
		assert.match(
			JSON.stringify(itemNamed(items, 'platforms').documentation),
			/Inherited from `test\.app`/,
		);
	});

	it('offers the properties a page repeats from the base type (Intune pages)', async () => {
		const input = withCursor('{ "@odata.type": "#microsoft.graph.iosVppApp", | }');
		const items = await complete(input, pages.iosVppApp);
		assert.ok(labels(items).includes('vppTokenOrganizationName'));
		assert.ok(labels(items).includes('displayName'));
	});
});

describe('completion of values', () => {
	it('offers the 7 actionState members with quotes when none is typed (C10 A)', async () => {
		const input = caseAt('C10.json', 2, 17);
		const items = await complete(input);
		assert.deepEqual(labels(items), [...actionStates].sort());
		const text = accept(input.document, itemNamed(items, 'done'));
		assert.match(text, /\n {2}"actionState": "done",\n/);
	});

	it('offers the 5 failure reasons after an opening quote without a second quote (C10 B)', async () => {
		const input = caseAt('C10.json', 3, 26);
		const items = await complete(input);
		assert.deepEqual(labels(items), [...failureReasons].sort());
		const item = itemNamed(items, 'appleFailure');
		assert.equal(rangeOf(item), '(3,25)-(3,26)');
		assert.equal(item.filterText, '"appleFailure"');
		assert.match(
			accept(input.document, item),
			/\n {2}"actionFailureReason": "appleFailure"\n\}/,
		);
	});

	it('offers the members in place of a null value (C31)', async () => {
		const input = caseAt('C31.json', 4, 17);
		const items = await complete(input);
		assert.deepEqual(labels(items), [...actionStates].sort());
		assert.match(
			accept(input.document, itemNamed(items, 'active')),
			/"actionState": "active",/,
		);
	});

	it('completes a partial word after the colon, replacing the word', async () => {
		const input = withCursor(`{\n\t${tag},\n\t"actionState": pe|\n}`);
		const text = accept(input.document, itemNamed(await complete(input), 'pending'));
		assert.match(text, /"actionState": "pending"\n\}/);
	});

	it('puts a space between the colon and the value', async () => {
		const input = withCursor(`{\n\t${tag},\n\t"actionState":|\n}`);
		const text = accept(input.document, itemNamed(await complete(input), 'done'));
		assert.match(text, /\n\t"actionState": "done"\n\}/);
	});

	it('offers true and false for a Boolean', async () => {
		const input = withCursor(
			'{ "@odata.type": "#microsoft.graph.iosVppApp", "isFeatured": | }',
		);
		assert.deepEqual(labels(await complete(input, pages.iosVppApp)), ['false', 'true']);
	});

	it('offers the dayOfWeek members as array items (C17)', async () => {
		const input = withCursor(
			'{ "@odata.type": "#microsoft.graph.workingHours", "daysOfWeek": ["monday", |] }',
		);
		const items = await complete(input, pages.all);
		assert.ok(labels(items).includes('tuesday'));
	});

	it('completes the member after a comma in a flags value', async () => {
		const model = new TypeModel(flagsTypes);
		const input = withCursor('{ "@odata.type": "#test.app", "platforms": "x86,a|" }');
		const items = doComplete(input.document, input.json, input.offset, {
			model,
			apiVersion: 'beta',
			snippetSupport: false,
		}).items;
		assert.deepEqual(labels(items), ['arm', 'x64']);
		assert.match(accept(input.document, itemNamed(items, 'arm')), /"platforms": "x86,arm"/);
	});
});

describe('completion of @odata.type values', () => {
	it('offers every known type over the whole token inside an existing value (C08 A)', async () => {
		const input = caseAt('C08.json', 2, 45);
		const items = await complete(input, pages.iosVppApp);
		const names = labels(items);
		assert.ok(names.includes('#microsoft.graph.iosVppAppRevokeLicensesActionResult'));
		assert.ok(names.includes('#microsoft.graph.iosVppApp'));
		assert.ok(names.includes('#microsoft.graph.mobileApp'));
		for (const item of items) {
			assert.equal(rangeOf(item), '(2,21)-(2,75)');
		}
	});

	it('offers all types with the # form between empty quotes (C08 B)', async () => {
		const input = caseAt('C08.json', 3, 22);
		const items = await complete(input, pages.iosVppApp);
		assert.equal(items.length, 3);
		const first = sortedLabels(items)[0];
		assert.equal(
			first,
			'#microsoft.graph.iosVppAppRevokeLicensesActionResult',
			'the type declaring actionState',
		);
		for (const item of items) {
			assert.match(item.textEdit?.newText ?? '', /^"#microsoft\.graph\./);
		}
	});

	it('inserts the # form when the tag was written without it (C23)', async () => {
		const input = caseAt('C23.json', 1, 30);
		const item = itemNamed(
			await complete(input),
			'#microsoft.graph.iosVppAppRevokeLicensesActionResult',
		);
		assert.match(
			accept(input.document, item),
			/"@odata\.type": "#microsoft\.graph\.iosVppAppRevokeLicensesActionResult",/,
		);
	});

	it('ranks the types derived from the declared type first in a nested object', async () => {
		const input = withCursor(
			'{ "@odata.type": "#test.holder", "app": { "@odata.type": "|" } }',
		);
		const model = new TypeModel(flagsTypes);
		const items = doComplete(input.document, input.json, input.offset, {
			model,
			apiVersion: 'beta',
			snippetSupport: false,
		}).items;
		assert.deepEqual(sortedLabels(items).slice(0, 2), ['#test.app', '#test.webApp']);
		assert.equal(items.length, 3);
	});
});

describe('completion robustness', () => {
	it('answers an empty list, never an error, after the root value and past the end', async () => {
		const input = withCursor(`{ ${tag} }|`);
		assert.deepEqual(await complete(input), []);
		const far = { ...input, offset: input.document.getText().length + 50 };
		assert.deepEqual(await complete(far), []);
	});

	it('keeps working while a tag value is being edited (C20)', async () => {
		const input = withCursor('{ "value": [ { "@odata.type": nu|, "actionState": "done" } ] }');
		const items = await complete(input);
		assert.ok(labels(items).includes('#microsoft.graph.iosVppAppRevokeLicensesActionResult'));
	});

	it('inserts plain text without snippet syntax when the client has no snippets', async () => {
		const input = withCursor(`{\n\t${tag},\n\t|\n}`);
		const item = itemNamed(await complete(input), 'actionState');
		assert.equal(item.insertTextFormat, InsertTextFormat.PlainText);
		assert.equal(item.textEdit?.newText, '"actionState": "none"');
	});
});

const flagsTypes: TypeDefinition[] = [
	{
		kind: 'enum',
		name: 'test.platform',
		isFlags: true,
		description: 'Platforms.',
		source: 'page',
		members: ['x86', 'x64', 'arm'].map((name) => ({
			name,
			description: `The ${name} platform.`,
		})),
	},
	{
		kind: 'structured',
		name: 'test.app',
		isAbstract: false,
		isOpen: false,
		isEntity: true,
		description: 'An app.',
		source: 'page',
		properties: [
			{
				name: 'platforms',
				type: { kind: 'named', name: 'test.platform' },
				description: 'Where it runs.',
				isRelationship: false,
			},
		],
	},
	{
		kind: 'structured',
		name: 'test.webApp',
		baseType: 'test.app',
		isAbstract: false,
		isOpen: false,
		isEntity: true,
		description: 'A web app.',
		source: 'page',
		properties: [],
	},
	{
		kind: 'structured',
		name: 'test.holder',
		isAbstract: false,
		isOpen: false,
		isEntity: false,
		description: 'Holds an app.',
		source: 'page',
		properties: [
			{
				name: 'app',
				type: { kind: 'named', name: 'test.app' },
				description: 'The app.',
				isRelationship: false,
			},
		],
	},
];
