import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Comparison,
  ComparisonExpression,
  Constant,
  ObservationExpression,
  Pattern,
  PathStep,
  Qualifier,
} from './index.ts';
import { evaluateObservation, parsePattern, PatternSyntaxError, printPattern } from './index.ts';
import { KEYWORDS } from './tokens.ts';

/** Parses, and says whether the failure (if any) was a PatternSyntaxError with a position inside the text. */
function parsesOrSyntaxError(source: string): boolean {
  try {
    const p = parsePattern(source);
    expect(parsePattern(printPattern(p))).toEqual(p);
    return true;
  } catch (e) {
    return e instanceof PatternSyntaxError && e.position >= 0 && e.position <= source.length;
  }
}

const TOKENS = [
  '[',
  ']',
  '(',
  ')',
  ',',
  ':',
  '.',
  '*',
  '=',
  '==',
  '!=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'EXISTS',
  'FOLLOWEDBY',
  'WITHIN',
  'SECONDS',
  'REPEATS',
  'TIMES',
  'START',
  'STOP',
  'true',
  'false',
  'file',
  'name',
  'x-type',
  "'str'",
  "'\\''",
  "'",
  '\\',
  '0',
  '-1',
  '+2',
  '3.5',
  '.5',
  "h'0a'",
  "b'AA=='",
  "t'2016-01-01T00:00:00Z'",
  "t'2016-13-01T00:00:00Z'",
  '/*',
  '*/',
  '//',
  '\n',
  'a:b',
  "'(?i)x'",
  "'10.0.0.0/8'",
];

describe('parsePattern throws nothing but PatternSyntaxError', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), parsesOrSyntaxError), { numRuns: 3000 });
  });
  it('on strings built from pattern tokens', () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 });
    fc.assert(
      fc.property(soup, fc.constantFrom('', ' '), (ts, sep) => parsesOrSyntaxError(ts.join(sep))),
      { numRuns: 4000 },
    );
  });
  it('on valid patterns with one character changed', () => {
    const mutated = fc
      .tuple(patternArb, fc.nat(), fc.string({ unit: 'binary', maxLength: 2 }), fc.nat({ max: 2 }))
      .map(([p, at, insert, remove]) => {
        const text = printPattern(p);
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + remove);
      });
    fc.assert(fc.property(mutated, parsesOrSyntaxError), { numRuns: 1500 });
  });
});

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
const objectType = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/).filter((s) => !KEYWORDS.has(s));
const propName = fc.oneof(identifier, fc.string({ unit: 'binary', maxLength: 8 }));
const step: fc.Arbitrary<PathStep> = fc.oneof(
  propName.map((name) => ({ kind: 'prop' as const, name })),
  fc
    .oneof(fc.integer({ min: -5, max: 1000 }), fc.constant('*' as const))
    .map((index) => ({ kind: 'index' as const, index })),
);
const path = fc.record({
  objectType,
  steps: fc
    .tuple(propName, fc.array(step, { maxLength: 3 }))
    .map(([first, rest]): PathStep[] => [{ kind: 'prop', name: first }, ...rest]),
});

const date = fc.date({
  min: new Date('0000-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const timestamp = fc
  .tuple(date, fc.constantFrom('', '.5', '.000', '.123456789'))
  .map(([d, frac]) => d.toISOString().replace(/\.\d+Z$/, `${frac}Z`));
const stringConst = fc.string({ unit: 'binary', maxLength: 12 }).map((value) => ({ kind: 'string' as const, value }));
const orderable = fc.oneof(
  stringConst,
  fc.oneof(fc.integer(), fc.maxSafeInteger()).map((value) => ({ kind: 'int' as const, value: value + 0 })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => ({ kind: 'float' as const, value: value + 0 })),
  fc.stringMatching(/^(?:[0-9a-fA-F]{2}){0,6}$/).map((value) => ({ kind: 'hex' as const, value })),
  fc
    .uint8Array({ minLength: 1, maxLength: 9 })
    .map((b) => ({ kind: 'binary' as const, value: Buffer.from(b).toString('base64') })),
  timestamp.map((value) => ({ kind: 'timestamp' as const, value })),
);
const constant: fc.Arbitrary<Constant> = fc.oneof(
  orderable,
  fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
);
const regexConst = fc
  .oneof(
    fc.string({ maxLength: 8 }).map((s) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')),
    fc.constantFrom('^a.+$', '(?i)x|y', '\\d{2,}'),
  )
  .map((value) => ({ kind: 'string' as const, value }));
const ipv4 = fc
  .tuple(fc.ipV4(), fc.option(fc.integer({ min: 0, max: 32 })))
  .map(([ip, n]) => (n === null ? ip : `${ip}/${n}`));
const ipv6 = fc
  .tuple(fc.ipV6(), fc.option(fc.integer({ min: 0, max: 128 })))
  .map(([ip, n]) => (n === null ? ip : `${ip}/${n}`));
const cidrConst = fc.oneof(ipv4, ipv6).map((value) => ({ kind: 'string' as const, value }));

const comparison: fc.Arbitrary<Comparison> = fc.oneof(
  fc.record({
    kind: fc.constant('comparison'),
    op: fc.constantFrom('=', '!='),
    negated: fc.boolean(),
    path,
    value: constant,
  }),
  fc.record({
    kind: fc.constant('comparison'),
    op: fc.constantFrom('<', '<=', '>', '>='),
    negated: fc.boolean(),
    path,
    value: orderable,
  }),
  fc.record({
    kind: fc.constant('comparison'),
    op: fc.constantFrom('LIKE'),
    negated: fc.boolean(),
    path,
    value: stringConst,
  }),
  fc.record({
    kind: fc.constant('comparison'),
    op: fc.constantFrom('MATCHES'),
    negated: fc.boolean(),
    path,
    value: regexConst,
  }),
  fc.record({
    kind: fc.constant('comparison'),
    op: fc.constantFrom('ISSUBSET', 'ISSUPERSET'),
    negated: fc.boolean(),
    path,
    value: cidrConst,
  }),
  fc.record({
    kind: fc.constant('comparison'),
    op: fc.constant('IN'),
    negated: fc.boolean(),
    path,
    values: fc.array(constant, { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('comparison'), op: fc.constant('EXISTS'), path }),
) as fc.Arbitrary<Comparison>;

/** Joins operands into an n-ary node the way the parser does (nested nodes of the same kind are flattened). */
function flat<T extends { kind: string }>(kind: string, operands: readonly T[]): T[] {
  return operands.flatMap((o) => (o.kind === kind && 'operands' in o ? (o.operands as T[]) : [o]));
}

const { cmp } = fc.letrec<{ cmp: ComparisonExpression }>((tie) => ({
  cmp: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc
      .tuple(fc.constantFrom('and' as const, 'or' as const), fc.array(tie('cmp'), { minLength: 2, maxLength: 3 }))
      .map(([kind, ops]): ComparisonExpression => ({ kind, operands: flat(kind, ops) })),
  ),
}));

const qualifier: fc.Arbitrary<Qualifier> = fc.oneof(
  fc
    .oneof(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }))
    .map((seconds) => ({ kind: 'within' as const, seconds })),
  fc.integer({ min: 1, max: 1000 }).map((times) => ({ kind: 'repeats' as const, times })),
  fc
    .uniqueArray(timestamp, { minLength: 2, maxLength: 2, selector: (t) => new Date(t).getTime() })
    .map((ts) => [...ts].sort((a, b) => new Date(a).getTime() - new Date(b).getTime()))
    .map(([start = '', stop = '']) => ({ kind: 'startStop' as const, start, stop })),
);

const { obs } = fc.letrec<{ obs: ObservationExpression }>((tie) => ({
  obs: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    cmp.map((expression): ObservationExpression => ({ kind: 'observation', expression })),
    fc
      .tuple(
        fc.constantFrom('and' as const, 'or' as const, 'followedBy' as const),
        fc.array(tie('obs'), { minLength: 2, maxLength: 3 }),
      )
      .map(([kind, ops]): ObservationExpression => ({ kind, operands: flat(kind, ops) })),
    fc
      .tuple(tie('obs'), qualifier)
      .map(([expression, q]): ObservationExpression => ({ kind: 'qualified', expression, qualifier: q })),
  ),
}));

const patternArb: fc.Arbitrary<Pattern> = obs.map((expression) => ({ kind: 'pattern', expression }));

describe('printPattern output parses back to the same tree', () => {
  it('for random syntax trees', () => {
    fc.assert(
      fc.property(patternArb, (p) => {
        const text = printPattern(p);
        expect(parsePattern(text)).toEqual(p);
        expect(printPattern(parsePattern(text))).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('evaluateObservation', () => {
  it('returns a boolean for any comparison expression and any JSON object', () => {
    const firstType = (e: ComparisonExpression): string =>
      e.kind === 'comparison' ? e.path.objectType : firstType(e.operands[0] ?? e);
    const json = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(cmp, json, (e, object) => {
        expect(typeof evaluateObservation(e, { ...object, type: firstType(e) })).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
