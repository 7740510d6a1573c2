import fc from 'fast-check';

/** Strings that have broken servers: NUL, lone surrogates, huge, prototype keys, encodings, markup, SQL. */
export const hostileStrings = [
  '',
  'a\u0000b',
  '\u0000',
  'x\uD800',
  '\uDC00y',
  '\uDBFF\uDBFF',
  'x'.repeat(100_000),
  '__proto__',
  'constructor',
  'prototype',
  '../../../../etc/passwd',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '%00',
  '%E0%A4%A',
  '\u202Eevil',
  '👩‍👩‍👧‍👦',
  '１２３',
  'NaN',
  'null',
  '-0',
  '1e400',
  '99999999999999999999999',
  '2026-13-45T99:99:99Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:60Z',
  '+275760-09-13T00:00:00.000Z',
  'alice@example.org',
  'indicator--00000000-0000-4000-8000-000000000000',
];

/** Numbers out of every column's range, or not numbers at all once they reach a query string. */
export const hostileNumbers: unknown[] = [
  -1,
  0,
  0.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 63),
  2 ** 64,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
];

/** Identifiers that are not ids of anything: malformed, nil, wrong kind, too long. */
export const hostileIds = [
  'not-an-id',
  '00000000-0000-0000-0000-000000000000',
  '00000000-0000-4000-8000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '00000000-0000-4000-8000-00000000000g',
  'indicator--00000000-0000-4000-8000-000000000000',
  'a\u0000b',
  'x\uD800',
  '%E0%A4%A',
  'a'.repeat(120),
  '..',
  '-1',
  '99999999999999999999',
];

type Schema = Record<string, unknown>;

const deep = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Something of any shape: what a caller who ignores the schema sends. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...hostileNumbers),
  fc.constantFrom(null, true, false, [], {}, deep(100), deep(2000), { __proto__: { admin: true } }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

function objectOf(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const names = Object.keys(properties);
  const record = fc.record(Object.fromEntries(names.map((n) => [n, fromSchema(properties[n]!, depth + 1)])), {
    requiredKeys: (schema.required as string[] | undefined)?.filter((r) => names.includes(r)) ?? [],
  });
  // Sometimes an extra key the schema does not know: `__proto__` and friends.
  return fc
    .tuple(record, fc.option(fc.constantFrom('__proto__', 'constructor', 'x\u0000', 'extra')))
    .map(([r, extra]) => {
      if (extra === null) return r;
      const withExtra = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
      Object.defineProperty(withExtra, extra, { value: 'x', enumerable: true, configurable: true, writable: true });
      return withExtra;
    });
}

/**
 * Values for a JSON schema (OpenAPI's): mostly of the declared type with hostile content, sometimes anything at
 * all. Enumerations give their members most of the time, so that the request gets past validation to the handler.
 */
export function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileValue;
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, depth + 1)));
  if (schema.enum)
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(schema.enum as unknown[])) }, hostileValue);
  if ('const' in schema) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.const) }, hostileValue);
  let typed: fc.Arbitrary<unknown>;
  switch (schema.type) {
    case 'string':
      typed =
        schema.format === 'uuid'
          ? fc.oneof(fc.uuid(), fc.constantFrom(...hostileIds))
          : schema.format === 'date-time'
            ? fc.oneof(
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
                fc.constantFrom(...hostileStrings.filter((s) => /\d{4}/.test(s))),
              )
            : fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ maxLength: 30 }));
      break;
    case 'integer':
    case 'number':
      typed = fc.oneof(fc.constantFrom(...hostileNumbers), fc.integer({ min: 0, max: 100 }));
      break;
    case 'boolean':
      typed = fc.boolean();
      break;
    case 'array':
      typed = fc.array(fromSchema(schema.items as Schema | undefined, depth + 1), { maxLength: 4 });
      break;
    case 'object':
      typed = objectOf(schema, depth);
      break;
    default:
      return hostileValue;
  }
  return fc.oneof({ weight: 5, arbitrary: typed }, { weight: 1, arbitrary: hostileValue });
}

/** A query string value: what `fromSchema` gives, as text (arrays as repeated parameters). */
export function asQueryValue(value: unknown): string | string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** Raw bodies for routes that read bytes themselves (imports, uploads): invalid UTF-8, NUL, deep JSON, junk. */
export const hostileRawBodies: Array<{ contentType: string; payload: Buffer }> = [
  {
    contentType: 'application/json',
    payload: Buffer.from(`{"Event":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`),
  },
  { contentType: 'application/json', payload: Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) },
  {
    contentType: 'application/json',
    payload: Buffer.from('{"Event":{"info":"a\\u0000b","Attribute":[{"type":"domain","value":"x\\u0000.example"}]}}'),
  },
  {
    contentType: 'application/json',
    payload: Buffer.from('{"Event":{"info":"\\ud800","Attribute":[{"type":"domain","value":"\\udc00.example"}]}}'),
  },
  {
    contentType: 'application/json',
    payload: Buffer.concat([Buffer.from('{"Event":{"info":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]),
  },
  {
    contentType: 'application/json',
    payload: Buffer.from(
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--00000000-0000-4000-8000-000000000000',
        objects: [
          { type: 'indicator', id: 'indicator--\u0000', name: '\uD800', pattern: "[domain-name:value = 'a\u0000']" },
        ],
      }),
    ),
  },
  {
    contentType: 'text/csv',
    payload: Buffer.concat([Buffer.from('value\n'), Buffer.from([0x00, 0xc0, 0xaf]), Buffer.from('\nx\uD800\n')]),
  },
  { contentType: 'text/plain', payload: Buffer.from([0xed, 0xa0, 0x80, 0x0a, 0x00, 0x0a]) },
  {
    contentType: 'application/x-ndjson',
    payload: Buffer.from('{"domain":"a\\u0000"}\n{"domain":"\\ud800"}\n{"a":' + '['.repeat(10_000) + '\n'),
  },
  { contentType: 'application/gzip', payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff]) },
  { contentType: 'application/pdf', payload: Buffer.from('%PDF-1.7\n\u0000\uD800') },
];
