/**
 * STIX 2.1 patterning (STIX 2.1 section 9): parser, canonical printer, simple-indicator extraction and
 * single-observation evaluation.
 */
export type * from './ast.ts';
export { PatternSyntaxError } from './errors.ts';
export { parsePattern } from './parser.ts';
export { printPattern, printComparisonExpression, printObjectPath, printConstant } from './printer.ts';
export { simpleComparisons, canonicalPathText } from './simple.ts';
export type { SimpleComparison } from './simple.ts';
export { canonicalHashKey } from './hash-keys.ts';
export { evaluateObservation } from './evaluate.ts';
export { parseCidr, cidrContains } from './cidr.ts';
export type { Cidr } from './cidr.ts';
export { MAX_DEPTH } from './cursor.ts';
