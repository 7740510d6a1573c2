/**
 * STIX identifiers (section 2.9): `<object-type>--<UUID>`. Any well-formed RFC 4122 UUID text is
 * accepted (any version: SDOs should use v4, SCOs v5, but other versions are not forbidden).
 */

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const UUID_RE = new RegExp(`^${UUID}$`);
const IDENTIFIER_RE = new RegExp(`^([a-z][a-z0-9-]*[a-z0-9])--(${UUID})$`);

export interface ParsedIdentifier {
  type: string;
  uuid: string;
}

export function isUuid(text: string): boolean {
  return UUID_RE.test(text);
}

/** Splits `type--uuid`, or returns null when the text is not a well-formed identifier. */
export function parseIdentifier(value: unknown): ParsedIdentifier | null {
  if (typeof value !== 'string') return null;
  const match = IDENTIFIER_RE.exec(value);
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  if (match[1].includes('--') || match[1].length > 250) return null;
  return { type: match[1], uuid: match[2] };
}

export function isIdentifier(value: unknown): value is string {
  return parseIdentifier(value) !== null;
}

/** The object type named by an identifier, or null when it is malformed. */
export function identifierType(value: unknown): string | null {
  return parseIdentifier(value)?.type ?? null;
}

/**
 * Why a `type` value is not a valid STIX type name (sections 3.1 and 11.2), or null when it is valid:
 * 3-250 characters, lowercase ASCII letters, digits and hyphens, starting with a letter, no `--`.
 */
export function typeNameProblem(type: string): string | null {
  if (type.length < 3 || type.length > 250) return `must be 3-250 characters long (got ${type.length})`;
  if (!/^[a-z0-9-]+$/.test(type)) return 'may only contain lowercase ASCII letters, digits and hyphens';
  if (!/^[a-z]/.test(type)) return 'must begin with a letter';
  if (type.includes('--')) return 'must not contain two consecutive hyphens';
  if (type.endsWith('-')) return 'must not end with a hyphen';
  return null;
}
