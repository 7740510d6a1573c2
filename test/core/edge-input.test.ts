import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: { authorization: string };
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await tokenFor(t, 'admin');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(() => t.close());

type Res = { statusCode: number; headers: Record<string, unknown>; body: string };

function expectProblem(res: Res, status: number, code: string, type = /^application\/problem\+json/) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(type);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  if (type.source.includes('problem')) expect(body).toMatchObject({ status, code, type: `urn:accord:problem:${code}` });
  else expect(body).toMatchObject({ http_status: String(status), error_code: code });
  return body;
}

/** Sends bytes as they are over a socket (no client library to tidy them up) and parses the answer. */
function raw(request: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ statusCode: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

const get = (url: string, headers: Record<string, string> = admin) => t.app.inject({ method: 'GET', url, headers });

describe('strings no route may receive', () => {
  it('a NUL in a query string is a 400 naming the parameter', async () => {
    const body = expectProblem(await get('/api/intel/search?value=a%00b'), 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ location: 'querystring/value' })]);
  });

  it('a lone surrogate in a query string (as UTF-8 of U+D800, which no decoder yields) is refused', async () => {
    // %ED%A0%80 is the CESU form of U+D800; the query parser decodes it to U+FFFD or refuses: never a 500.
    expect((await get('/api/intel/search?value=%ED%A0%80')).statusCode).toBeLessThan(500);
  });

  it('a NUL or lone surrogate in a JSON body, at any depth or in a key, names the field', async () => {
    for (const [payload, location] of [
      ['{"username":"a\\u0000b","role":"analyst"}', 'body/username'],
      ['{"username":"a\\ud800","role":"analyst"}', 'body/username'],
      ['{"username":"ab","role":"analyst","x\\u0000":1}', 'body/x\\u0000'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { ...admin, 'content-type': 'application/json' },
        payload,
      });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.errors).toEqual([expect.objectContaining({ location })]);
      // The answer quotes the field printably: no NUL travels back (or into the log).
      expect(JSON.stringify(body.errors)).not.toMatch(/[^\\]\\u0000/);
    }
  });

  it('a NUL in a path parameter is a 400 naming it', async () => {
    const body = expectProblem(await get('/api/intel/objects/a%00b'), 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ location: 'params/id' })]);
  });

  it('nesting deeper than 64 levels is refused', async () => {
    const payload = `{"value":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/screening/screen',
      headers: { ...admin, 'content-type': 'application/json' },
      payload,
    });
    expect(expectProblem(res, 400, 'validation_failed').detail).toContain('nested deeper than 64');
  });

  it('TAXII routes refuse the same in their own format and media type', async () => {
    const res = await get('/taxii2/api1/collections/a%00b/objects/', { ...admin, accept: 'application/taxii+json' });
    expectProblem(res, 400, 'validation_failed', /^application\/taxii\+json/);
  });
});

describe('numbers beyond what any column holds', () => {
  it('integers past ±(2^53 − 1) are refused before they reach the database', async () => {
    for (const url of [
      '/api/audit?before_seq=99999999999999999999999',
      '/api/audit?before_seq=-99999999999999999999999',
      '/api/intel/objects?after=1e400',
      '/api/screening/parties?offset=9223372036854775808',
    ]) {
      expectProblem(await get(url), 400, 'validation_failed');
    }
  });

  it('the largest safe integer is still accepted as a cursor', async () => {
    expect((await get(`/api/audit?before_seq=${Number.MAX_SAFE_INTEGER}`)).statusCode).toBe(200);
  });
});

describe("Fastify's and Node's own refusals are problems too", () => {
  it('a path parameter longer than the router takes is a 414', async () => {
    expectProblem(await get(`/api/intel/objects/${'a'.repeat(500)}`), 414, 'uri_too_long');
  });

  it('a bad percent-encoding in the path is a 400', async () => {
    expectProblem(await get('/api/intel/objects/%E0%A4%A'), 400, 'bad_url');
  });

  it('the same under /taxii2 answers in TAXII form', async () => {
    expectProblem(await get('/taxii2/api1/collections/%E0%A4%A/'), 400, 'bad_url', /^application\/taxii\+json/);
  });

  it('headers too large are a 431 problem over a real socket', async () => {
    const res = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
    expectProblem(res, 431, 'headers_too_large');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(String(res.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('headers too large under /taxii2 answer in TAXII form, with the same headers', async () => {
    const res = await raw(`GET /taxii2/ HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
    expectProblem(res, 431, 'headers_too_large', /^application\/taxii\+json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a malformed request line is a 400 problem over a real socket', async () => {
    expectProblem(await raw('GARBAGE\r\n\r\n'), 400, 'bad_request');
  });

  it('a bad URL encoding over a real socket is a 400 problem', async () => {
    expectProblem(
      await raw('GET /api/users/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      400,
      'bad_url',
    );
  });
});
