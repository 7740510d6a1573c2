/** The only error `parsePattern` throws: where the text stopped being a STIX pattern, and what would have fitted. */
export class PatternSyntaxError extends Error {
  /** 0-based character offset (UTF-16 code units) where parsing failed. */
  readonly position: number;
  /** What was acceptable there, e.g. `["']'", 'AND', 'OR']`; empty when the failure is not about a missing token. */
  readonly expected: readonly string[];
  /** The offending text, quoted (`'FOO'`), or `end of input`. */
  readonly found: string;

  constructor(position: number, expected: readonly string[], found: string, detail?: string) {
    const what = expected.length > 0 ? `expected ${expected.join(' or ')}` : (detail ?? 'syntax error');
    const extra = expected.length > 0 && detail !== undefined ? ` (${detail})` : '';
    super(`${what} at position ${position}, found ${found}${extra}`);
    this.name = 'PatternSyntaxError';
    this.position = position;
    this.expected = expected;
    this.found = found;
  }
}

/** How the parser shows the text it stopped at: quoted and shortened, or `end of input`. */
export function describeFound(text: string): string {
  if (text.length === 0) return 'end of input';
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `'${short}'`;
}
