import { describe, expect, it } from 'vitest';
import { parsePattern, PatternSyntaxError } from './index.ts';

function errorOf(source: string): PatternSyntaxError {
  try {
    parsePattern(source);
  } catch (e) {
    if (e instanceof PatternSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${source}`);
}

const LITERALS = ['string', 'integer', 'float', 'hex literal', 'binary literal', 'timestamp'];

describe('syntax errors report position and expectations', () => {
  it.each<[string, string, number, string[]]>([
    ['empty input', '', 0, ["'['", "'('"]],
    ['blank input', '  \n ', 4, ["'['", "'('"]],
    ['missing brackets', 'file:size = 1280', 0, ["'['", "'('"]],
    ['missing value', '[file:size = ]', 13, [...LITERALS, 'boolean']],
    ['unquoted string', '[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]', 19, [...LITERALS, 'boolean']],
    ['period instead of colon', '[file.size = 1280]', 5, ["':'"]],
    ['unknown word after comparison', "[a:b = 'x' FOO]", 11, ["']'", 'AND', 'OR']],
    ['WITHIN without value', "[a:b = 'x'] WITHIN ]", 19, ['positive number']],
    ['unit other than SECONDS', "[a:b = 'x'] WITHIN 5 HOURS", 21, ['SECONDS']],
    ['negative WITHIN', "[a:b = 'x'] WITHIN -5 SECONDS", 19, ['positive number']],
    ['zero WITHIN', "[a:b = 'x'] WITHIN 0.0 SECONDS", 19, ['positive number']],
    ['REPEATS 0 TIMES', "[a:b = 'x'] REPEATS 0 TIMES", 20, ['positive integer']],
    ['REPEATS with a float', "[a:b = 'x'] REPEATS 2.5 TIMES", 20, ['positive integer']],
    ['ISSUBSET without operand', '[network-traffic:dst_ref.value ISSUBSET ]', 40, ['string']],
    [
      'ISSUBSET with a non-address',
      "[ipv4-addr:value ISSUBSET '300.1.1.1/8']",
      26,
      ['IPv4 or IPv6 address or CIDR block'],
    ],
    ['invalid timestamp', "[x:detected = t'2457-73-22T32:81:84.1Z']", 14, ['RFC 3339 timestamp']],
    ['29 February of a common year', "[x:d = t'2015-02-29T00:00:00Z']", 7, ['RFC 3339 timestamp']],
    ['timestamp with an offset', "[x:d = t'2015-02-01T00:00:00+01:00']", 7, ['RFC 3339 timestamp']],
    ['invalid base64', "[artifact:payload_bin = b'====']", 24, ['base64']],
    ['odd hex digits', "[x:h = h'abc']", 7, ['pairs of hex digits']],
    [
      'lower-case keyword',
      '[foo:bar=1] within 2 seconds',
      12,
      ['START', 'WITHIN', 'REPEATS', 'AND', 'OR', 'FOLLOWEDBY', 'end of input'],
    ],
    [
      'trailing garbage',
      "[a:b = 'x'] ]",
      12,
      ['START', 'WITHIN', 'REPEATS', 'AND', 'OR', 'FOLLOWEDBY', 'end of input'],
    ],
    ['boolean in an ordering', '[a:b < true]', 7, LITERALS],
    ['unquoted hyphenated property', '[a:b.c-d = 1]', 5, ['property name']],
    ['STOP before START', "[a:b = 1] START t'2016-02-01T00:00:00Z' STOP t'2016-01-01T00:00:00Z'", 45, []],
    ['unterminated string', "[a:b = 'abc]", 7, ['closing "\'"']],
    ['invalid escape', "[a:b = 'x\\q']", 9, ["\\'", '\\\\']],
    ['invalid regular expression', "[a:b MATCHES '(']", 13, []],
    ['unknown operator', "[file:hashes.MD5 =? 'x']", 18, []],
    ['leading zero', '[a:b = 007]', 7, []],
    ['NOT before EXISTS', '[NOT EXISTS a:b]', 1, ["'('", 'EXISTS', 'object type']],
    ['unterminated comment', '[a:b = 1] /* note', 10, ["'*/'"]],
  ])('%s', (_name, source, position, expected) => {
    const e = errorOf(source);
    expect({ position: e.position, expected: e.expected }).toEqual({ position, expected });
  });

  it('words the message with expectations, position and what was found', () => {
    expect(errorOf("[a:b = 'x' FOO]").message).toBe("expected ']' or AND or OR at position 11, found 'FOO'");
    expect(errorOf('').message).toBe("expected '[' or '(' at position 0, found end of input");
    expect(errorOf("[a:b MATCHES '(']").message).toBe(
      "invalid regular expression: Unterminated group at position 13, found ''(''",
    );
    expect(errorOf("[a:b = 'x' FOO]").found).toBe("'FOO'");
  });

  it('limits nesting depth', () => {
    const deep = errorOf('('.repeat(10_000));
    expect(deep.position).toBe(200);
    expect(deep.message).toMatch(/nesting deeper than 200/);
    const brackets = `[${'('.repeat(500)}a:b = 1${')'.repeat(500)}]`;
    expect(errorOf(brackets).message).toMatch(/nesting deeper than 200/);
    expect(errorOf(`[a:b = 1]${' REPEATS 2 TIMES'.repeat(300)}`).message).toMatch(/nesting deeper than 200/);
    expect(() => parsePattern(`${'('.repeat(150)}[a:b = 1]${')'.repeat(150)}`)).not.toThrow();
  });
});
