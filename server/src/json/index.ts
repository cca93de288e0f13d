/** The document tree: tolerant parsing with exact UTF-16 offsets, and walks without recursion. */
export { reparseItem } from './graft';
export type { ItemEdit, ItemReparse, TextChange } from './graft';
export { parseJSON } from './parser';
export { LazyItem, builtChildren, isUnbuilt, typeMember } from './lazy';
export type { ItemCheck, ItemFacts } from './lazy';
export type { ParseOptions } from './parser';
export type {
	CommentRange,
	CountedBreaks,
	JSONDocument,
	JSONNode,
	NodeKind,
	SyntaxProblem,
} from './tree';
export {
	findNodeAtLocation,
	findNodeAtOffset,
	getNodePath,
	getNodePathTail,
	getNodeValue,
	getPropertyValue,
	isOffsetInComment,
	visitNodes,
} from './navigation';
export type { JSONPath } from './navigation';
