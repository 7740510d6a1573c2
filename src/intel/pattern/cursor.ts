import { describeFound, PatternSyntaxError } from './errors.ts';
import { Lexer } from './lexer.ts';
import type { Token, TokenKind } from './tokens.ts';

/** Deepest nesting of parentheses, brackets and qualifiers that a pattern may have. */
export const MAX_DEPTH = 200;

/** Describes an expectation for error messages: punctuation and operators quoted, keywords bare. */
function describe(kind: TokenKind, text?: string): string {
  if (text === undefined) return kind;
  return kind === 'keyword' || kind === 'bool' ? text : `'${text}'`;
}

function category(what: string): number {
  if (what.startsWith("'")) return 0;
  return /^(?:[A-Z]+|true|false)$/.test(what) ? 1 : 2;
}

/** Punctuation and operators first, then keywords, then descriptions; otherwise in the order the grammar tried. */
function sortExpected(expected: readonly string[]): string[] {
  return [...expected].sort((a, b) => category(a) - category(b));
}

/**
 * The arguments of failed `at` checks (kinds[i], texts[i], labels[i]), shared by every Cursor: a cursor only reads
 * the entries it wrote since its own last token, and parsing is synchronous and never nested, so no two cursors are
 * ever using them at once. Sharing spares three arrays per pattern, a good part of what parsing allocated.
 */
const TRIED = {
  kinds: [] as TokenKind[],
  texts: [] as (string | undefined)[],
  labels: [] as (string | undefined)[],
};

/**
 * One-token lookahead over the lexer. Every failed `at` check records what would have fitted at the current token,
 * so an error lists all the alternatives the grammar allowed there.
 */
export class Cursor {
  private readonly lexer: Lexer;
  private current: Token;
  /**
   * How many checks failed since the last token was consumed; their arguments are the first entries of TRIED. Nearly
   * every failed check is the grammar trying an alternative that did not matter (another `AND`? a qualifier?), so
   * they are only described and de-duplicated when the parse does fail there.
   */
  private tried = 0;
  private depth = 0;

  constructor(private readonly source: string) {
    this.lexer = new Lexer(source);
    this.current = this.lexer.next();
  }

  /** The current token, not consumed. */
  get token(): Token {
    return this.current;
  }

  /** True when the current token is of `kind` (and `text`, if given); otherwise records the expectation. */
  at(kind: TokenKind, text?: string, label?: string): boolean {
    const t = this.current;
    if (t.kind === kind && (text === undefined || t.text === text)) return true;
    const i = this.tried++;
    TRIED.kinds[i] = kind;
    TRIED.texts[i] = text;
    TRIED.labels[i] = label;
    return false;
  }

  /** Consumes and returns the current token. */
  advance(): Token {
    const t = this.current;
    this.current = this.lexer.next();
    this.tried = 0;
    return t;
  }

  /** Consumes the current token if it matches. */
  accept(kind: TokenKind, text?: string): boolean {
    if (!this.at(kind, text)) return false;
    this.advance();
    return true;
  }

  /** Consumes a token that must match, or fails. */
  expect(kind: TokenKind, text?: string, label?: string): Token {
    if (!this.at(kind, text, label)) this.fail();
    return this.advance();
  }

  /** Throws a PatternSyntaxError at the current token listing everything that was expected there. */
  fail(): never {
    const t = this.current;
    throw new PatternSyntaxError(t.start, sortExpected(this.expectedHere()), this.found(t));
  }

  /** What the failed checks at the current token asked for, described, each once, in the order they were tried. */
  private expectedHere(): string[] {
    const expected: string[] = [];
    for (let i = 0; i < this.tried; i++) {
      const what = TRIED.labels[i] ?? describe(TRIED.kinds[i]!, TRIED.texts[i]);
      if (!expected.includes(what)) expected.push(what);
    }
    return expected;
  }

  /** How an error shows a token's text. */
  private found(token: Token): string {
    return describeFound(this.source.slice(token.start, token.end));
  }

  /** Throws a PatternSyntaxError about `token` for a reason other than a missing alternative. */
  reject(token: Token, detail: string, expected: readonly string[] = []): never {
    throw new PatternSyntaxError(token.start, expected, this.found(token), detail);
  }

  /** Counts `levels` more nesting levels, failing past MAX_DEPTH; pair with `leave`. */
  enter(levels = 1): void {
    this.depth += levels;
    if (this.depth > MAX_DEPTH) this.reject(this.current, `nesting deeper than ${MAX_DEPTH}`);
  }

  /** Undoes `enter`. */
  leave(levels = 1): void {
    this.depth -= levels;
  }
}
