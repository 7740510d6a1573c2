import { describe, expect, it } from 'vitest';
import { canonicalHashName } from './hashes.ts';
import { identifierType, isIdentifier, parseIdentifier, typeNameProblem } from './identifier.ts';
import { Issues } from './issues.ts';
import { checkHashes } from './hashes.ts';
import { checkStructure, MAX_DEPTH, MAX_STRING_BYTES } from './size-guard.ts';
import { compareTimestamps, isParsed, isTimestamp, parseTimestamp, type ParsedTimestamp } from './timestamp.ts';

function ts(text: string): ParsedTimestamp {
  const parsed = parseTimestamp(text);
  if (!isParsed(parsed)) throw new Error(parsed.problem);
  return parsed;
}

describe('timestamps (section 2.16)', () => {
  it.each([
    '2016-01-20T12:31:12Z',
    '2016-01-20T12:31:12.1Z',
    '2016-01-20T12:31:12.123Z',
    '2025-08-08T19:03:18.773827Z',
    '2016-02-29T00:00:00Z',
    '2016-12-31T23:59:60Z',
  ])('accepts %s', (text) => expect(isTimestamp(text)).toBe(true));

  it.each([
    ['2016-01-20T12:31:12', 'no Z'],
    ['2016-01-20T12:31:12+00:00', 'offset instead of Z'],
    ['2016-01-20 12:31:12Z', 'space separator'],
    ['2016-01-20T12:31:12.Z', 'empty fraction'],
    ['2016-01-20t12:31:12z', 'lowercase'],
    ['2015-02-29T00:00:00Z', 'not a leap year'],
    ['2016-13-01T00:00:00Z', 'month 13'],
    ['2016-04-31T00:00:00Z', 'April 31'],
    ['2016-01-20T24:00:00Z', 'hour 24'],
    ['2022-101-27T13:49:54.326Z', 'three-digit month'],
  ])('refuses %s (%s)', (text) => expect(isTimestamp(text)).toBe(false));

  it('compares exactly, including sub-millisecond digits', () => {
    expect(compareTimestamps(ts('2020-01-01T00:00:00Z'), ts('2020-01-01T00:00:00.000Z'))).toBe(0);
    expect(compareTimestamps(ts('2020-01-01T00:00:00.0001Z'), ts('2020-01-01T00:00:00Z'))).toBe(1);
    expect(compareTimestamps(ts('2020-01-01T00:00:00.12Z'), ts('2020-01-01T00:00:00.119999Z'))).toBe(1);
    expect(compareTimestamps(ts('2019-12-31T23:59:59.999Z'), ts('2020-01-01T00:00:00Z'))).toBe(-1);
  });

  it('records the written precision', () => {
    expect(ts('2020-01-01T00:00:00.120Z').precision).toBe(3);
    expect(ts('2020-01-01T00:00:00Z').precision).toBe(0);
  });
});

describe('identifiers (section 2.9)', () => {
  it('parses type and UUID of any version', () => {
    expect(parseIdentifier('indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836')).toEqual({
      type: 'indicator',
      uuid: 'e2e1a340-4415-4ba8-9671-f7343fbf0836',
    });
    expect(identifierType('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4')).toBe('ipv4-addr'); // UUIDv5
    expect(isIdentifier('identity--1621d4d4-b67d-11e3-9670-f01faf20d111')).toBe(true); // UUIDv1
  });

  it.each([
    'indicator-e2e1a340-4415-4ba8-9671-f7343fbf0836',
    'indicator--e2e1a340',
    'Indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836',
    '--e2e1a340-4415-4ba8-9671-f7343fbf0836',
    'x--y--e2e1a340-4415-4ba8-9671-f7343fbf0836',
    42,
  ])('refuses %s', (value) => expect(isIdentifier(value)).toBe(false));

  it('explains bad type names', () => {
    expect(typeNameProblem('ab')).toBe('must be 3-250 characters long (got 2)');
    expect(typeNameProblem('Indicator')).toBe('may only contain lowercase ASCII letters, digits and hyphens');
    expect(typeNameProblem('1abc')).toBe('must begin with a letter');
    expect(typeNameProblem('x--foo')).toBe('must not contain two consecutive hyphens');
    expect(typeNameProblem('x-foo')).toBeNull();
  });
});

describe('hashes (sections 2.7, 10.7)', () => {
  const check = (value: unknown) => {
    const out = new Issues();
    checkHashes(value, '/hashes', 'hashes', out);
    return out.list;
  };

  it('accepts vocabulary names, the lowercase spellings of real feeds, and custom keys', () => {
    expect(
      check({
        'SHA-256': '6db12788c37247f2316052e142f42f4b259d6561751e5f401a1ae2a6df9c674b',
        sha256: '6DB12788C37247F2316052E142F42F4B259D6561751E5F401A1AE2A6DF9C674B',
        MD5: '3773a88f65a5e780c8dff9cdc3a056f3',
        sha1: '5374e08903744ceeaedd8f5e1bfc06b2c4688e76',
        x_foo_hash: 'aaaabbbbccccddddeeeeffff0123457890',
      }),
    ).toEqual([]);
    expect(canonicalHashName('sha256')).toBe('SHA-256');
    expect(canonicalHashName('SHA_512')).toBe('SHA-512');
    expect(canonicalHashName('x_foo_hash')).toBeNull();
  });

  it('checks digest length for both spellings', () => {
    expect(check({ 'SHA-256': 'abcd' })).toEqual([
      { path: '/hashes/SHA-256', message: 'SHA-256 hash must be 64 hex digits (got 4)' },
    ]);
    expect(check({ sha256: 'a'.repeat(63) })).toEqual([
      { path: '/hashes/sha256', message: 'SHA-256 hash must be 64 hex digits (got 63)' },
    ]);
    expect(check({ MD5: 'z'.repeat(32) })[0]?.message).toMatch(/MD5 hash "z+" must be hexadecimal/);
    expect(check({ 'SHA-1': 'a'.repeat(41) })[0]?.message).toBe('SHA-1 hash must be 40 hex digits (got 41)');
    expect(check({ 'SHA-512': 'a'.repeat(64) })[0]?.message).toBe('SHA-512 hash must be 128 hex digits (got 64)');
  });

  it('refuses empty dictionaries, bad keys and non-string values', () => {
    expect(check({})).toEqual([{ path: '/hashes', message: 'hashes must not be an empty dictionary' }]);
    expect(check({ md: 'abc' })[0]?.message).toMatch(/must be 3-250 characters/);
    expect(check({ 'SHA 256': 'abc' })[0]?.path).toBe('/hashes/SHA 256');
    expect(check({ MD5: 5 })[0]?.message).toBe('MD5 hash must be a string (got a number (5))');
    expect(check(['MD5'])[0]?.message).toBe('hashes must be a dictionary of hashes (got a list)');
  });
});

describe('structure guard', () => {
  const nest = (levels: number): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < levels; i++) v = { x_a: v };
    return v;
  };

  it(`allows ${MAX_DEPTH} levels and refuses ${MAX_DEPTH + 1}`, () => {
    expect(checkStructure(nest(MAX_DEPTH))).toBeNull();
    const issue = checkStructure(nest(MAX_DEPTH + 1));
    expect(issue?.message).toBe('nesting is deeper than the limit of 64 levels');
    expect(issue?.path.split('/').length).toBe(MAX_DEPTH + 1);
  });

  it('refuses strings over 1 MiB, counting UTF-8 bytes', () => {
    expect(checkStructure({ x_s: 'a'.repeat(MAX_STRING_BYTES) })).toBeNull();
    expect(checkStructure({ x_s: 'a'.repeat(MAX_STRING_BYTES + 1) })).toEqual({
      path: '/x_s',
      message: 'string is 1048577 bytes long; the limit is 1048576 bytes (1 MiB)',
    });
    expect(checkStructure({ x_s: 'é'.repeat(MAX_STRING_BYTES / 2 + 1) })?.message).toMatch(/1048578 bytes/);
  });

  it('refuses __proto__ keys, cycles and non-JSON values', () => {
    expect(checkStructure(JSON.parse('{"a":{"__proto__":{"polluted":true}}}'))?.path).toBe('/a/__proto__');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(checkStructure(cyclic)?.message).toBe('value contains a reference cycle');
    expect(checkStructure({ f: () => 1 })?.message).toBe('a function is not a JSON value');
    expect(checkStructure({ n: Number.NaN })?.message).toBe('NaN is not a valid JSON number');
    expect(checkStructure({ d: new Date(0) })?.message).toBe('value is not a plain JSON object');
  });

  it('shares work for repeated references instead of walking them again', () => {
    let node: unknown = [];
    for (let i = 0; i < 40; i++) node = [node, node];
    expect(checkStructure(node)).toBeNull();
  });
});
