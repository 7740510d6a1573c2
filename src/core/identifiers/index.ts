export { canonicalIdentifier, type CanonicalIdentifier, type IdentifierKind } from './canonical.ts';
export { identifierRules, DEFAULT_RULES, type IdentifierRules } from './rules.ts';
export { identifierSkeleton } from './skeleton.ts';
export { asciiDomain } from './email.ts';
export { asciiDigits } from './digits.ts';
