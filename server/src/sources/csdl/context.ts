import type { SourceProblem } from '../../model/types';
import type { DescriptionIndex } from './annotations';
import type { NameResolver } from './names';
import type { LineIndex, XmlElement } from './xml';

/** What every part of the reader needs while it reads one document. */
export interface ReadContext {
	fsPath: string;
	lines: LineIndex;
	names: NameResolver;
	descriptions: DescriptionIndex;
	problems: SourceProblem[];
}

export function lineOf(context: ReadContext, element: XmlElement): number {
	return context.lines.lineAt(element.offset);
}

/** Records a problem at the element's line. */
export function report(
	context: ReadContext,
	element: XmlElement,
	message: string,
	severity: SourceProblem['severity'] = 'warning',
): void {
	context.problems.push({
		fsPath: context.fsPath,
		line: lineOf(context, element),
		message,
		severity,
	});
}
