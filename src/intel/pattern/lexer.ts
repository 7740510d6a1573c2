import { describeFound, PatternSyntaxError } from './errors.ts';
import { isBase64, isHex, isTimestamp } from './literals.ts';
import { isWhitespaceCode, KEYWORDS } from './tokens.ts';
import type { Token, TokenKind } from './tokens.ts';

// Character classes by UTF-16 code unit. The lexer classifies nearly every character of a pattern, and a comparison
// costs far less than running a regular expression on a one-character string. (Past the end, charCodeAt gives NaN,
// which is in no class.)
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** [A-Za-z_] */
const isIdentStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
/** [A-Za-z0-9_-] */
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c) || c === 0x2d;
const PUNCT = '[](),:.*';
const QUOTE = 0x27;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;

// Whether a word starting with this (ASCII) character could be a keyword: most words are lower-case object types
// and property names, which then skip hashing into KEYWORDS.
const KEYWORD_START = new Uint8Array(128);
for (const keyword of KEYWORDS) KEYWORD_START[keyword.charCodeAt(0)] = 1;

/** The literal kinds written with a one-letter prefix (`t'…'`, `h'…'`, `b'…'`): what they are and how to check them. */
const PREFIXED: Readonly<Record<string, [TokenKind, (s: string) => boolean, string]>> = {
  t: ['timestamp', isTimestamp, 'RFC 3339 timestamp'],
  h: ['hex', isHex, 'pairs of hex digits'],
  b: ['binary', isBase64, 'base64'],
};

/** Splits pattern text into tokens on demand, so the first error in reading order is the one reported. */
export class Lexer {
  private pos = 0;

  constructor(private readonly src: string) {}

  /** Reads the next token, skipping whitespace and comments; throws PatternSyntaxError on malformed text. */
  next(): Token {
    this.skipBlanks();
    const src = this.src;
    const start = this.pos;
    if (start >= src.length) return { kind: 'eof', start, end: start, text: '', number: Number.NaN };
    const c = src.charAt(start);
    const code = src.charCodeAt(start);
    const after = src.charAt(start + 1);
    if (isIdentStart(code)) {
      // t'…', h'…' and b'…' literals start like a word; tested only for words, the commonest tokens.
      if (after === "'" && (c === 't' || c === 'h' || c === 'b')) return this.prefixedLiteral(c);
      return this.word();
    }
    if (isDigit(code) || c === '+' || c === '-' || (c === '.' && isDigit(src.charCodeAt(start + 1)))) {
      return this.numberToken();
    }
    if (c === "'") {
      const value = this.quoted(start, 'string');
      return this.make('string', this.endOfQuoted, value);
    }
    if (PUNCT.includes(c)) return this.make('punct', start + 1, c);
    if (c === '=' || c === '!' || c === '<' || c === '>') return this.operator(c, after);
    const ch = String.fromCodePoint(src.codePointAt(start) ?? 0);
    throw new PatternSyntaxError(start, [], describeFound(ch), 'unexpected character');
  }

  private make(kind: TokenKind, end: number, text: string, number = Number.NaN): Token {
    const start = this.pos;
    this.pos = end;
    return { kind, start, end, text, number };
  }

  private skipBlanks(): void {
    const src = this.src;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (isWhitespaceCode(c)) {
        this.pos += 1;
      } else if (c === SLASH && src.charCodeAt(this.pos + 1) === STAR) {
        const end = src.indexOf('*/', this.pos + 2);
        if (end < 0) throw new PatternSyntaxError(this.pos, ["'*/'"], 'end of input', 'unterminated comment');
        this.pos = end + 2;
      } else if (c === SLASH && src.charCodeAt(this.pos + 1) === SLASH) {
        let i = this.pos + 2;
        while (i < src.length && src.charAt(i) !== '\n' && src.charAt(i) !== '\r') i += 1;
        this.pos = i;
      } else {
        return;
      }
    }
  }

  private word(): Token {
    const src = this.src;
    let end = this.pos + 1;
    while (isIdentPart(src.charCodeAt(end))) end += 1;
    const text = src.slice(this.pos, end);
    if (text === 'true' || text === 'false') return this.make('bool', end, text);
    const keyword = KEYWORD_START[src.charCodeAt(this.pos)] === 1 && KEYWORDS.has(text);
    return this.make(keyword ? 'keyword' : 'ident', end, text);
  }

  private operator(c: string, after: string): Token {
    const start = this.pos;
    if (c === '=') return after === '=' ? this.make('op', start + 2, '=') : this.make('op', start + 1, '=');
    if (c === '!') {
      if (after === '=') return this.make('op', start + 2, '!=');
      throw new PatternSyntaxError(start, ["'!='"], describeFound(c + after));
    }
    if (c === '<' && after === '>') return this.make('op', start + 2, '!=');
    if (after === '=') return this.make('op', start + 2, `${c}=`);
    return this.make('op', start + 1, c);
  }

  private numberToken(): Token {
    const src = this.src;
    const start = this.pos;
    let i = start;
    if (src.charAt(i) === '+' || src.charAt(i) === '-') i += 1;
    const digitsStart = i;
    while (isDigit(src.charCodeAt(i))) i += 1;
    const digits = src.slice(digitsStart, i);
    let kind: 'int' | 'float' = 'int';
    if (src.charAt(i) === '.' && isDigit(src.charCodeAt(i + 1))) {
      kind = 'float';
      i += 1;
      while (isDigit(src.charCodeAt(i))) i += 1;
    } else if (digits.length === 0) {
      throw new PatternSyntaxError(start, ['number'], describeFound(src.slice(start, start + 2)));
    } else if (digits.length > 1 && digits.startsWith('0')) {
      throw new PatternSyntaxError(start, [], describeFound(src.slice(start, i)), 'integer with a leading zero');
    }
    const text = src.slice(start, i);
    const value = Number(text) + 0;
    if (!Number.isFinite(value)) throw new PatternSyntaxError(start, [], describeFound(text), 'number out of range');
    return this.make(kind, i, text, value);
  }

  private prefixedLiteral(prefix: string): Token {
    const start = this.pos;
    const body = this.quoted(start + 1, 'raw');
    const [kind, valid, what] = PREFIXED[prefix] ?? ['string', () => false, ''];
    const end = this.endOfQuoted;
    if (!valid(body)) {
      throw new PatternSyntaxError(start, [what], describeFound(this.src.slice(start, end)), `invalid ${kind} literal`);
    }
    return this.make(kind, end, body);
  }

  private endOfQuoted = 0;

  /**
   * Reads a quoted run starting at the quote at `quote`; sets `endOfQuoted` past the closing quote. In `string` mode
   * only `\'` and `\\` escapes are allowed and are decoded; in `raw` mode the text up to the next quote is returned.
   */
  private quoted(quote: number, mode: 'string' | 'raw'): string {
    const src = this.src;
    let out = '';
    let run = quote + 1;
    for (let i = run; i < src.length; i += 1) {
      const c = src.charCodeAt(i);
      if (c === QUOTE) {
        this.endOfQuoted = i + 1;
        return out + src.slice(run, i);
      }
      if (c === BACKSLASH && mode === 'string') {
        const escaped = src.charAt(i + 1);
        if (escaped !== "'" && escaped !== '\\') {
          throw new PatternSyntaxError(i, ["\\'", '\\\\'], describeFound(src.slice(i, i + 2)), 'invalid escape');
        }
        out += src.slice(run, i) + escaped;
        i += 1;
        run = i + 1;
      }
    }
    const found = describeFound(src.slice(this.pos));
    throw new PatternSyntaxError(this.pos, ['closing "\'"'], found, 'unterminated literal');
  }
}
