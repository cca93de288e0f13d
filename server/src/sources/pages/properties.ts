/** Rows of Properties and Relationships tables as PropertyDefinitions. */

import type { PropertyDefinition, SourceProblem } from '../../model/types';
import type { TableRow } from './blocks';
import { findDescriptionEnum, findRange, isMarkedNotNullable } from './descriptions';
import { isSeparatorRow } from './enums';
import type { PropertyTable } from './outline';
import type { PageReference } from './pageTypes';
import { headerKey } from './tables';
import { decodeEntities, dropLinks, dropStatusSuffix, toPlainText, unwrapMarks } from './text';
import { parseTypeCell, type CellContext } from './typeCells';

/** A property as read, with the raw description kept for anchor links to value tables. */
export interface ReadProperty {
	property: PropertyDefinition;
	rawDescription: string;
}

export interface PropertyReading {
	properties: ReadProperty[];
	references: PageReference[];
	problems: SourceProblem[];
}

const PROPERTY_NAME = /^[A-Za-z_$][\w$.-]*$/;
const MAX_SHOWN = 60;

export function readProperties(tables: PropertyTable[], context: CellContext): PropertyReading {
	const reading: PropertyReading = { properties: [], references: [], problems: [] };
	for (const { table, isRelationship } of tables) {
		const keys = table.header.map(headerKey);
		const description = descriptionColumn(keys);
		for (const row of table.rows) {
			readRow(row, { isRelationship, description }, context, reading);
		}
	}
	return reading;
}

function descriptionColumn(keys: string[]): number | undefined {
	const index = keys.indexOf('description');
	if (index > 1) {
		return index;
	}
	return keys.length > 2 ? keys.length - 1 : undefined;
}

function readRow(
	row: TableRow,
	columns: { isRelationship: boolean; description?: number },
	context: CellContext,
	reading: PropertyReading,
): void {
	const { cells } = row;
	if (cells.every((cell) => cell === '') || isSeparatorRow(cells)) {
		return;
	}
	const name = propertyName(cells[0]);
	if (name.startsWith('@') || name.includes('/')) {
		// Instance annotations (`@odata.x`) and navigation paths (`file/localizations`) listed
		// among the rows are not properties of the type.
		return;
	}
	if (!PROPERTY_NAME.test(name)) {
		const shown = JSON.stringify(cells[0].slice(0, MAX_SHOWN));
		reading.problems.push(
			warning(
				context,
				row.line,
				`Property name ${shown} is not a name; the row was skipped.`,
			),
		);
		return;
	}
	const cell = parseTypeCell(cells[1], context);
	if (cell.isJunk) {
		const shown = JSON.stringify(cells[1].slice(0, MAX_SHOWN));
		const message = `Type ${shown} of property '${name}' is not a type; the property accepts any value.`;
		reading.problems.push(warning(context, row.line, message));
	}
	const raw = columns.description === undefined ? '' : cells[columns.description];
	const property = describe(name, raw, columns.isRelationship);
	property.type = cell.type;
	property.location = { fsPath: context.fsPath, line: row.line };
	reading.properties.push({ property, rawDescription: raw });
	reading.references.push(...cell.references);
}

/** Strips `**…**`, backticks and links; drops ` (deprecated)` / ` (preview)`; `\_` → `_`. */
export function propertyName(cell: string): string {
	let text = decodeEntities(dropLinks(cell)).replace(/\\_/g, '_');
	if (text.includes('<')) {
		text = text.replace(/<\/?[a-z]+\s*\/?>/gi, '');
	}
	return unwrapMarks(dropStatusSuffix(unwrapMarks(text)))
		.replace(/[`*]/g, '')
		.trim();
}

function describe(name: string, raw: string, isRelationship: boolean): PropertyDefinition {
	const description = toPlainText(raw);
	const property: PropertyDefinition = {
		name,
		type: { kind: 'any' },
		description,
		isRelationship,
	};
	const values = findDescriptionEnum(description);
	if (values !== undefined) {
		property.descriptionEnum = values;
	}
	const range = findRange(description);
	if (range !== undefined) {
		property.range = range;
	}
	if (isMarkedNotNullable(description)) {
		property.nullable = false;
		property.nullableSource = 'page';
	}
	return property;
}

function warning(context: CellContext, line: number, message: string): SourceProblem {
	return { fsPath: context.fsPath, line, message, severity: 'warning' };
}
