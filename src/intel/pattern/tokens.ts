/** Token kinds produced by the lexer. */
export type TokenKind =
  'punct' | 'op' | 'keyword' | 'ident' | 'string' | 'int' | 'float' | 'hex' | 'binary' | 'timestamp' | 'bool' | 'eof';

/** One token of pattern text. */
export interface Token {
  readonly kind: TokenKind;
  /** Offset of the first character. */
  readonly start: number;
  /** The exact source text (empty at end of input). */
  readonly source: string;
  /**
   * punct: the character; op: the operator with `==` read as `=` and `<>` as `!=`; keyword and bool: the word;
   * ident: the name; string: the unescaped value; hex, binary, timestamp: the text between the quotes.
   */
  readonly text: string;
  /** The value of an int or float token; NaN otherwise. */
  readonly number: number;
}

/**
 * Reserved words, case-sensitive as in the STIX 2.1 grammar (`LAST` is reserved but unused). They cannot be used as
 * unquoted object types or property names.
 */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
  'true',
  'false',
]);

/** Whitespace the grammar skips between tokens (ASCII blanks and the Unicode space separators it lists). */
const WHITESPACE_CODES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

/** True when `ch` (one character) is whitespace between tokens. */
export function isWhitespace(ch: string): boolean {
  return ch.length === 1 && WHITESPACE_CODES.includes(ch.charCodeAt(0));
}
