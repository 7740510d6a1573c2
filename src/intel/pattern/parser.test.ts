import { describe, expect, it } from 'vitest';
import type { Comparison, ObservationExpression, Pattern } from './index.ts';
import { parsePattern, printPattern } from './index.ts';

/** Parses, checks that the canonical text is `printed` and that it parses back to the same tree. */
function roundTrip(source: string, printed: string): Pattern {
  const p = parsePattern(source);
  expect(printPattern(p)).toBe(printed);
  expect(parsePattern(printed)).toEqual(p);
  return p;
}

function onlyComparison(p: Pattern): Comparison {
  const e = p.expression;
  if (e.kind !== 'observation' || e.expression.kind !== 'comparison') throw new Error('not a single comparison');
  return e.expression;
}

describe('comparison operators', () => {
  it.each([
    ["[file:name = 'x']", "[file:name = 'x']"],
    ["[file:name == 'x']", "[file:name = 'x']"],
    ["[file:name != 'x']", "[file:name != 'x']"],
    ["[file:name <> 'x']", "[file:name != 'x']"],
    ['[file:size < 10]', '[file:size < 10]'],
    ['[file:size <= 10]', '[file:size <= 10]'],
    ['[file:size > 10]', '[file:size > 10]'],
    ['[file:size >= 10]', '[file:size >= 10]'],
    ["[file:name IN ('a', 'b')]", "[file:name IN ('a', 'b')]"],
    ['[file:size IN(1,2 ,3)]', '[file:size IN (1, 2, 3)]'],
    ['[file:size IN ()]', '[file:size IN ()]'],
    ["[file:name LIKE 'a%_']", "[file:name LIKE 'a%_']"],
    ["[file:name MATCHES '^a.+$']", "[file:name MATCHES '^a.+$']"],
    ["[ipv4-addr:value ISSUBSET '10.0.0.0/8']", "[ipv4-addr:value ISSUBSET '10.0.0.0/8']"],
    ["[ipv6-addr:value ISSUPERSET '2001:db8::/32']", "[ipv6-addr:value ISSUPERSET '2001:db8::/32']"],
    ['[EXISTS file:name]', '[EXISTS file:name]'],
    ["[file:name NOT = 'x']", "[file:name NOT = 'x']"],
    ["[file:name NOT IN ('x')]", "[file:name NOT IN ('x')]"],
    ["[file:name NOT LIKE 'x%']", "[file:name NOT LIKE 'x%']"],
    ["[file:name NOT MATCHES 'x']", "[file:name NOT MATCHES 'x']"],
    ["[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']", "[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']"],
    ['[file:size NOT > 5]', '[file:size NOT > 5]'],
  ])('%s', (source, printed) => {
    roundTrip(source, printed);
  });

  it('records the operator, negation and operand', () => {
    expect(onlyComparison(parsePattern("[file:name NOT LIKE 'a%']"))).toEqual({
      kind: 'comparison',
      op: 'LIKE',
      negated: true,
      path: { objectType: 'file', steps: [{ kind: 'prop', name: 'name' }] },
      value: { kind: 'string', value: 'a%' },
    });
    expect(onlyComparison(parsePattern('[EXISTS x:y]'))).toEqual({
      kind: 'comparison',
      op: 'EXISTS',
      path: { objectType: 'x', steps: [{ kind: 'prop', name: 'y' }] },
    });
  });
});

describe('boolean operators inside brackets', () => {
  it('binds AND tighter than OR', () => {
    const p = roundTrip('[a:b = 1 OR a:c = 2 AND a:d = 3]', '[a:b = 1 OR a:c = 2 AND a:d = 3]');
    const e = p.expression;
    expect(e.kind === 'observation' && e.expression.kind).toBe('or');
  });
  it('keeps needed parentheses and drops useless ones', () => {
    roundTrip('[(a:b = 1 OR a:c = 2) AND a:d = 3]', '[(a:b = 1 OR a:c = 2) AND a:d = 3]');
    roundTrip('[((a:b = 1)) AND (a:c = 2 AND a:d = 3)]', '[a:b = 1 AND a:c = 2 AND a:d = 3]');
  });
  it('flattens chains into one n-ary node', () => {
    const p = parsePattern('[a:b = 1 OR (a:c = 2 OR a:d = 3)]');
    expect(p.expression.kind === 'observation' && p.expression.expression).toMatchObject({ kind: 'or' });
    const e = p.expression.kind === 'observation' ? p.expression.expression : undefined;
    expect(e?.kind === 'or' && e.operands.length).toBe(3);
  });
});

describe('observation operators and qualifiers', () => {
  const kindOf = (source: string): ObservationExpression['kind'] => parsePattern(source).expression.kind;
  it('binds AND tighter than OR, and OR tighter than FOLLOWEDBY (as the 2.1 grammar does)', () => {
    expect(kindOf('[a:b = 1] OR [a:b = 2] AND [a:b = 3]')).toBe('or');
    expect(kindOf('[a:b = 1] FOLLOWEDBY [a:b = 2] OR [a:b = 3]')).toBe('followedBy');
    roundTrip('[a:b = 1] FOLLOWEDBY ([a:b = 2] OR [a:b = 3])', '[a:b = 1] FOLLOWEDBY [a:b = 2] OR [a:b = 3]');
    roundTrip('([a:b = 1] FOLLOWEDBY [a:b = 2]) OR [a:b = 3]', '([a:b = 1] FOLLOWEDBY [a:b = 2]) OR [a:b = 3]');
    roundTrip('([a:b = 1] OR [a:b = 2]) AND [a:b = 3]', '([a:b = 1] OR [a:b = 2]) AND [a:b = 3]');
  });
  it.each([
    ['[a:b = 1] WITHIN 5 SECONDS', '[a:b = 1] WITHIN 5 SECONDS'],
    ['[a:b = 1] WITHIN 2.5 SECONDS', '[a:b = 1] WITHIN 2.5 SECONDS'],
    ['[a:b = 1] WITHIN 5.0 SECONDS', '[a:b = 1] WITHIN 5 SECONDS'],
    ['[a:b = 1] REPEATS 3 TIMES', '[a:b = 1] REPEATS 3 TIMES'],
    [
      "[a:b = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.5Z'",
      "[a:b = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.5Z'",
    ],
    ['[a:b = 1] REPEATS 2 TIMES WITHIN 10 SECONDS', '[a:b = 1] REPEATS 2 TIMES WITHIN 10 SECONDS'],
    ['([a:b = 1] AND [a:c = 2]) WITHIN 9 SECONDS', '([a:b = 1] AND [a:c = 2]) WITHIN 9 SECONDS'],
    ['[a:b = 1] AND [a:c = 2] WITHIN 9 SECONDS', '[a:b = 1] AND [a:c = 2] WITHIN 9 SECONDS'],
  ])('%s', (source, printed) => {
    roundTrip(source, printed);
  });
  it('applies a qualifier to the nearest observation expression, innermost first', () => {
    const e = parsePattern('[a:b = 1] REPEATS 2 TIMES WITHIN 10 SECONDS').expression;
    expect(e).toMatchObject({
      kind: 'qualified',
      qualifier: { kind: 'within', seconds: 10 },
      expression: { kind: 'qualified', qualifier: { kind: 'repeats', times: 2 }, expression: { kind: 'observation' } },
    });
    expect(kindOf('[a:b = 1] AND [a:c = 2] WITHIN 9 SECONDS')).toBe('and');
  });
});

describe('object paths', () => {
  it.each([
    ["[file:hashes.'SHA-256' = 'x']", "[file:hashes.'SHA-256' = 'x']"],
    ["[file:hashes.MD5 = 'x']", "[file:hashes.MD5 = 'x']"],
    ["[file:'name' = 'x']", "[file:name = 'x']"],
    ["[file:hashes.'AND' = 'x']", "[file:hashes.'AND' = 'x']"],
    ["[file:a.'it''s' = 'x']".replace("''", "\\'"), "[file:a.'it\\'s' = 'x']"],
    [
      "[email-message:body_multipart[*].body_raw_ref.name = 'x']",
      "[email-message:body_multipart[*].body_raw_ref.name = 'x']",
    ],
    ['[network-traffic:extensions[0].x = 1]', '[network-traffic:extensions[0].x = 1]'],
    ['[x:list[-1] = 1]', '[x:list[-1] = 1]'],
    ['[x:list [ * ] . y = 1]', '[x:list[*].y = 1]'],
    [
      "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
      "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
    ],
    ["[x-usb-device:usbdrive.serial_number = '5758']", "[x-usb-device:usbdrive.serial_number = '5758']"],
    ["[win-registry-key:key = 'k']", "[win-registry-key:key = 'k']"],
  ])('%s', (source, printed) => {
    roundTrip(source, printed);
  });
  it('splits steps', () => {
    expect(
      onlyComparison(parsePattern("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]")).path,
    ).toEqual({
      objectType: 'file',
      steps: [
        { kind: 'prop', name: 'extensions' },
        { kind: 'prop', name: 'windows-pebinary-ext' },
        { kind: 'prop', name: 'sections' },
        { kind: 'index', index: '*' },
        { kind: 'prop', name: 'entropy' },
      ],
    });
  });
});

describe('constants', () => {
  it.each([
    ["[a:b = 'it\\'s a \\\\ path']", "[a:b = 'it\\'s a \\\\ path']", { kind: 'string', value: "it's a \\ path" }],
    ["[a:b = '']", "[a:b = '']", { kind: 'string', value: '' }],
    ["[a:b = 'line\nbreak']", "[a:b = 'line\nbreak']", { kind: 'string', value: 'line\nbreak' }],
    ['[a:b = 42]', '[a:b = 42]', { kind: 'int', value: 42 }],
    ['[a:b = -42]', '[a:b = -42]', { kind: 'int', value: -42 }],
    ['[a:b = +42]', '[a:b = 42]', { kind: 'int', value: 42 }],
    ['[a:b = 0]', '[a:b = 0]', { kind: 'int', value: 0 }],
    ['[a:b = 1.5]', '[a:b = 1.5]', { kind: 'float', value: 1.5 }],
    ['[a:b = -.25]', '[a:b = -0.25]', { kind: 'float', value: -0.25 }],
    ['[a:b = 3.0]', '[a:b = 3.0]', { kind: 'float', value: 3 }],
    ['[a:b = 0.0000001]', '[a:b = 0.0000001]', { kind: 'float', value: 1e-7 }],
    ['[a:b = true]', '[a:b = true]', { kind: 'bool', value: true }],
    ['[a:b = false]', '[a:b = false]', { kind: 'bool', value: false }],
    ["[a:b = h'0A1b']", "[a:b = h'0A1b']", { kind: 'hex', value: '0A1b' }],
    ["[a:b = h'']", "[a:b = h'']", { kind: 'hex', value: '' }],
    ["[a:b = b'aGVsbG8=']", "[a:b = b'aGVsbG8=']", { kind: 'binary', value: 'aGVsbG8=' }],
    [
      "[a:b = t'2016-01-01T00:00:00Z']",
      "[a:b = t'2016-01-01T00:00:00Z']",
      { kind: 'timestamp', value: '2016-01-01T00:00:00Z' },
    ],
    [
      "[a:b = t'2016-02-29T23:59:60.123456Z']",
      "[a:b = t'2016-02-29T23:59:60.123456Z']",
      { kind: 'timestamp', value: '2016-02-29T23:59:60.123456Z' },
    ],
  ])('%s', (source, printed, constant) => {
    const c = onlyComparison(roundTrip(source, printed));
    expect(c.op !== 'IN' && c.op !== 'EXISTS' && c.value).toEqual(constant);
  });
});

describe('lexical details', () => {
  it('skips whitespace of every kind the grammar lists, and comments', () => {
    roundTrip("\t[\u00a0a:b\u2003=\n'x' /* note */ ] // trailing", "[a:b = 'x']");
  });
  it('treats keywords as case-sensitive', () => {
    expect(() => parsePattern('[a:b = 1] and [a:c = 2]')).toThrow(/found 'and'/);
    expect(() => parsePattern('[a:b = TRUE]')).toThrow(/found 'TRUE'/);
    roundTrip('[a:AND_x = 1]', '[a:AND_x = 1]');
  });
  it('needs no whitespace where tokens are distinct', () => {
    roundTrip(
      "[a:b='x'AND a:c IN('y')]FOLLOWEDBY[a:d MATCHES'z']",
      "[a:b = 'x' AND a:c IN ('y')] FOLLOWEDBY [a:d MATCHES 'z']",
    );
  });
});
