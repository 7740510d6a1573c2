/** Token kinds produced by the lexer. */
export type TokenKind =
  'punct' | 'op' | 'keyword' | 'ident' | 'string' | 'int' | 'float' | 'hex' | 'binary' | 'timestamp' | 'bool' | 'eof';

/** One token of pattern text. */
export interface Token {
  readonly kind: TokenKind;
  /** Offset of the first character. */
  readonly start: number;
  /**
   * Offset just past the last character (`start` at end of input). The exact source text is only needed for error
   * messages, so it is sliced from the pattern then rather than for every token.
   */
  readonly end: number;
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
const WHITESPACE: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** True when the UTF-16 code unit `code` is whitespace between tokens (NaN, past the end of the text, is not). */
export function isWhitespaceCode(code: number): boolean {
  // The lexer asks this of the character before every token: printable ASCII, by far the most common, is settled by
  // one comparison instead of a lookup.
  return code > 0x20 && code < 0x85 ? false : WHITESPACE.has(code);
}
