/**
 * Descriptions from the Core vocabulary: `Org.OData.Core.V1.Description` and `LongDescription`,
 * written inside the element they describe or out of line in `<Annotations Target="...">`.
 */
import type { NameResolver } from './names';
import { attribute, elementsOf, textOf, type XmlElement } from './xml';

const DESCRIPTION = 'Org.OData.Core.V1.Description';
const LONG_DESCRIPTION = 'Org.OData.Core.V1.LongDescription';

interface DescriptionTerms {
	description?: string;
	longDescription?: string;
}

/** Out-of-line descriptions of a document, keyed by target with the alias expanded. */
export class DescriptionIndex {
	private readonly byTarget = new Map<string, DescriptionTerms>();

	constructor(private readonly names: NameResolver) {}

	/**
	 * Reads one `<Annotations>` element. Targets other than types, members and properties (entity
	 * sets, parameters) are kept too; nobody asks for them.
	 */
	add(annotations: XmlElement): void {
		const target = attribute(annotations, 'Target');
		if (target === undefined) {
			return;
		}
		const terms = readTerms(elementsOf(annotations.children), this.names);
		if (terms.description === undefined && terms.longDescription === undefined) {
			return;
		}
		const key = this.normalizeTarget(target);
		// Inline annotations and the first out-of-line one win; CSDL forbids applying a term twice.
		const existing = this.byTarget.get(key) ?? {};
		this.byTarget.set(key, {
			description: existing.description ?? terms.description,
			longDescription: existing.longDescription ?? terms.longDescription,
		});
	}

	/**
	 * The description of a type (`target` = qualified name) or of a property or member
	 * (`qualified/name`), joining the inline children's terms with the out-of-line ones.
	 */
	describe(target: string, children: readonly XmlElement[]): string {
		const inline = readTerms(children, this.names);
		const outOfLine = this.byTarget.get(target);
		return joinTerms({
			description: inline.description ?? outOfLine?.description,
			longDescription: inline.longDescription ?? outOfLine?.longDescription,
		});
	}

	private normalizeTarget(target: string): string {
		const trimmed = target.trim();
		const slash = trimmed.indexOf('/');
		if (slash === -1) {
			return this.names.qualify(trimmed);
		}
		return this.names.qualify(trimmed.slice(0, slash)) + trimmed.slice(slash);
	}
}

/** The description shown for hover: the short one, then the long one when it adds something. */
function joinTerms(terms: DescriptionTerms): string {
	const description = terms.description?.trim() ?? '';
	const longDescription = terms.longDescription?.trim() ?? '';
	if (longDescription === '' || longDescription === description) {
		return description;
	}
	return description === '' ? longDescription : `${description}\n\n${longDescription}`;
}

/**
 * The description terms among `<Annotation>` elements. An unqualified annotation wins over one
 * with a `Qualifier` (a variant for some audience), whatever their order.
 */
function readTerms(children: readonly XmlElement[], names: NameResolver): DescriptionTerms {
	const found: DescriptionTerms = {};
	const qualified: DescriptionTerms = {};
	for (const child of children) {
		if (child.tag !== 'Annotation') {
			continue;
		}
		const term = names.qualify(attribute(child, 'Term') ?? '');
		const key =
			term === DESCRIPTION
				? 'description'
				: term === LONG_DESCRIPTION
					? 'longDescription'
					: undefined;
		if (key === undefined) {
			continue;
		}
		const into = attribute(child, 'Qualifier') === undefined ? found : qualified;
		into[key] ??= annotationString(child);
	}
	return {
		description: found.description ?? qualified.description,
		longDescription: found.longDescription ?? qualified.longDescription,
	};
}

/** The `String` attribute, or the text of a `<String>` child element. */
function annotationString(annotation: XmlElement): string | undefined {
	const value = attribute(annotation, 'String');
	if (value !== undefined) {
		return value;
	}
	const child = elementsOf(annotation.children).find((element) => element.tag === 'String');
	return child === undefined ? undefined : textOf(child);
}
