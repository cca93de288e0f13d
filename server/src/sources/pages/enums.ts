/**
 * Enum member tables: `Member | Value | Description` on enum pages and the 7 header layouts of
 * multi-enum pages (`Member`, `Member | Value`, `Member | Int value | Description`,
 * `Member | Member | Description`, `Value | Description`, `Value`, `Member | Description`).
 */

import type { EnumMember } from '../../model/types';
import type { TableBlock } from './blocks';
import { headerKey } from './tables';
import { decodeEntities, dropLinks, dropStatusSuffix, toPlainText, unwrapMarks } from './text';

const NAME_HEADERS = new Set(['member', 'members', 'value', 'values', 'name', 'membername']);
const INTEGER = /^-?\d+$/;
const HEX = /^0x[0-9a-f]+$/i;

interface EnumColumns {
	value?: number;
	description?: number;
}

/** A table whose first column names enum members. */
export function isEnumTable(table: TableBlock): boolean {
	const keys = table.header.map(headerKey);
	return NAME_HEADERS.has(keys[0]) && !keys.includes('type');
}

export function readEnumMembers(table: TableBlock, fsPath: string): EnumMember[] {
	const columns = findColumns(table.header.map(headerKey));
	const members: EnumMember[] = [];
	const seen = new Set<string>();
	for (const row of table.rows) {
		if (table.header.length > 1 && isSeparatorRow(row.cells)) {
			continue;
		}
		const name = memberName(row.cells[0]);
		if (name === '' || seen.has(name)) {
			continue;
		}
		seen.add(name);
		const member: EnumMember = {
			name,
			description:
				columns.description === undefined ? '' : plain(row.cells[columns.description]),
			location: { fsPath, line: row.line },
		};
		const value = columns.value === undefined ? undefined : integerOf(row.cells[columns.value]);
		if (value !== undefined) {
			member.value = value;
		}
		members.push(member);
	}
	return members;
}

/** A row whose only non-empty cell is bold text groups the rows below it (60 real rows). */
export function isSeparatorRow(cells: string[]): boolean {
	const filled = cells.filter((cell) => cell !== '');
	if (filled.length !== 1) {
		return false;
	}
	const text = filled[0];
	const isBold = (text.startsWith('**') && text.endsWith('**')) || /^<b>.*<\/b>$/i.test(text);
	return isBold && cells[0] === text;
}

function findColumns(keys: string[]): EnumColumns {
	const columns: EnumColumns = {};
	const description = keys.indexOf('description');
	if (description > 0) {
		columns.description = description;
	} else if (keys.length > 1 && !keys[keys.length - 1].includes('value')) {
		columns.description = keys.length - 1;
	}
	for (let i = 1; i < keys.length; i++) {
		// `Member | Member | Description` (one real table) holds the numbers in its second column.
		const isValue = keys[i].includes('value') || keys[i] === keys[0];
		if (isValue && i !== columns.description) {
			columns.value = i;
			break;
		}
	}
	return columns;
}

function memberName(cell: string): string {
	const text = unwrapMarks(decodeEntities(dropLinks(cell)).replace(/\\_/g, '_'));
	return dropStatusSuffix(text).trim();
}

function integerOf(cell: string): number | undefined {
	const text = unwrapMarks(cell);
	if (INTEGER.test(text)) {
		const value = Number(text);
		return Number.isSafeInteger(value) ? value : undefined;
	}
	return HEX.test(text) ? Number.parseInt(text.slice(2), 16) : undefined;
}

function plain(cell: string | undefined): string {
	return cell === undefined ? '' : toPlainText(cell);
}
