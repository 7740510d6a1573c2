import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInAs, tokenFor, type TestApp } from '../support/app.ts';
import { engine } from '../support/env.ts';
import {
  asQueryValue,
  fromSchema,
  hostileIds,
  hostileRawBodies,
  hostileStrings,
  hostileValue,
} from '../support/fuzz-values.ts';

/**
 * Every route of the app (the OpenAPI document's, TAXII's and the pages'), as an admin, a TAXII peer and an
 * anonymous caller, with requests generated from the route's schemas and filled with hostile values. No answer
 * may be a 5xx, and every error must be problem+json (TAXII's own format under /taxii2, HTML on the pages).
 * Fixed seed and a bounded number of cases, so that CI runs the same requests every time.
 */
const SEED = 20261207;
const CASES = { admin: 10, peer: 3, agency_officer: 2, anonymous: 2 };

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const TAXII_QUERY = [
  'added_after',
  'limit',
  'next',
  'match[id]',
  'match[type]',
  'match[version]',
  'match[spec_version]',
];

/** Percent-encodes like encodeURIComponent, writing a lone surrogate as the bytes a careless client would send. */
function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const code = ch.charCodeAt(0);
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

const shortHostile = [...hostileIds, ...hostileStrings.filter((s) => s.length < 200 && s !== '')];

function requestFor(method: string, url: string, op: Operation | undefined): fc.Arbitrary<FuzzRequest> {
  const params = url.match(/:[A-Za-z_]+|\*/g) ?? [];
  const paramArbs = params.map((p) => {
    const schema = op?.parameters?.find((x) => x.in === 'path' && `:${x.name}` === p)?.schema;
    return schema ? fromSchema(schema).map(asQueryValue) : fc.constantFrom(...shortHostile);
  });
  const queryParams = op?.parameters?.filter((x) => x.in === 'query') ?? [];
  const queryNames = url.startsWith('/taxii2')
    ? TAXII_QUERY.map((name) => ({ name, schema: undefined as Schema | undefined }))
    : queryParams.length > 0
      ? queryParams.map((q) => ({ name: q.name, schema: q.schema }))
      : [
          { name: 'q', schema: undefined },
          { name: '__proto__', schema: undefined },
        ];
  const query = fc.record(
    Object.fromEntries(
      queryNames.map((q) => [
        q.name,
        q.schema ? fromSchema(q.schema).map(asQueryValue) : fc.constantFrom(...shortHostile),
      ]),
    ),
    { requiredKeys: [] },
  );
  const jsonSchema = op?.requestBody?.content['application/json']?.schema;
  const hasBody = !['GET', 'DELETE'].includes(method);
  const body: fc.Arbitrary<Pick<FuzzRequest, 'payload' | 'headers'>> = !hasBody
    ? fc.constant({ headers: {} })
    : jsonSchema
      ? fromSchema(jsonSchema).map((v) => ({
          payload: JSON.stringify(v) ?? 'null',
          headers: { 'content-type': 'application/json' },
        }))
      : url.startsWith('/taxii2')
        ? hostileValue.map((v) => ({
            payload: JSON.stringify({ objects: [v] }),
            headers: { 'content-type': 'application/taxii+json;version=2.1' },
          }))
        : fc.oneof(
            fc
              .constantFrom(...hostileRawBodies)
              .map((b) => ({ payload: b.payload, headers: { 'content-type': b.contentType } })),
            hostileValue.map((v) => ({
              payload: JSON.stringify(v) ?? 'null',
              headers: { 'content-type': 'application/json' },
            })),
          );
  return fc.tuple(fc.tuple(...paramArbs), query, body).map(([values, q, b]) => {
    let i = 0;
    const path = url.replace(/:[A-Za-z_]+|\*/g, () => encode(String(values[i++] ?? '')));
    const search = Object.entries(q)
      .flatMap(([k, v]) => [v].flat().map((one) => `${encode(k)}=${encode(String(one))}`))
      .join('&');
    return {
      method,
      url: search ? `${path}?${search}` : path,
      headers: { ...(url.startsWith('/taxii2') ? { accept: 'application/taxii+json;version=2.1' } : {}), ...b.headers },
      ...(b.payload !== undefined ? { payload: b.payload } : {}),
    };
  });
}

let t: TestApp;
let callers: Record<keyof typeof CASES, Record<string, string>>;

async function sessionHeaders() {
  const { browser } = await signedInAs(t, 'agency_officer');
  return { cookie: browser.cookie!, 'x-csrf-token': browser.csrf! };
}

beforeAll(async () => {
  t = await createTestApp();
  callers = {
    admin: await tokenFor(t, 'admin'),
    peer: await tokenFor(t, 'peer'),
    // Officers are not issued tokens: a signed-in session (cookie and CSRF header) instead.
    agency_officer: await sessionHeaders(),
    anonymous: {},
  };
});
afterAll(() => t.close());

describe(`fuzzing every route (${engine})`, () => {
  it('no 5xx and only problem+json errors, whatever the input', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const operation = (method: string, url: string) =>
      doc.paths[url.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[method.toLowerCase()];
    // HEAD answers as GET does; the key rotation is a job of its own (and re-encrypts everything each time).
    const routes = t.routes.filter((r) => r.method !== 'HEAD' && r.url !== '/api/admin/keys/rotate');
    expect(routes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let requests = 0;
    let serverErrors = 0;
    const send = async (role: keyof typeof CASES, route: { url: string }, req: FuzzRequest) => {
      const res = await t.app.inject({
        method: req.method as 'GET',
        url: req.url,
        headers: { ...callers[role], ...req.headers },
        ...(req.payload !== undefined ? { payload: req.payload } : {}),
      });
      requests++;
      const type = String(res.headers['content-type'] ?? '');
      const page = !route.url.startsWith('/api/') && !route.url.startsWith('/taxii2');
      const wanted = route.url.startsWith('/taxii2')
        ? /^application\/taxii\+json/
        : page
          ? /^(application\/problem\+json|text\/html)/
          : /^application\/problem\+json/;
      if (res.statusCode >= 500) serverErrors++;
      if (res.statusCode >= 500 || (res.statusCode >= 400 && !wanted.test(type))) {
        failures.push(
          `${role} ${req.method} ${req.url.slice(0, 160)} -> ${res.statusCode} ${type} ${res.body.slice(0, 200)}`,
        );
      }
    };
    for (const route of routes) {
      const op = operation(route.method, route.url);
      const arb = requestFor(route.method, route.url, op);
      for (const [role, numRuns] of Object.entries(CASES) as Array<[keyof typeof CASES, number]>) {
        for (const req of fc.sample(arb, { seed: SEED, numRuns })) await send(role, route, req);
      }
      // Routes that read their body as bytes (imports, uploads) get every hostile document, not a sample of them.
      const raw = !['GET', 'DELETE'].includes(route.method) && !op?.requestBody && !route.url.startsWith('/taxii2');
      if (!raw || !route.url.startsWith('/api/')) continue;
      const url = `${route.url.replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000')}?filename=a.pdf`;
      for (const role of ['admin', 'agency_officer'] as const) {
        for (const b of hostileRawBodies) {
          await send(role, route, {
            method: route.method,
            url,
            headers: { 'content-type': b.contentType },
            payload: b.payload,
          });
        }
      }
    }
    console.log(`fuzz (${engine}): ${requests} requests over ${routes.length} routes, ${serverErrors} answered 5xx`);
    expect(failures, failures.slice(0, 40).join('\n')).toEqual([]);
  });
});
