import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { fetchOutbound, isBlockedAddress, MAX_REDIRECTS } from '../../src/core/http/outbound.ts';
import { specialPurposeOf, specialPurposeRanges } from '../../src/core/http/special-addresses.ts';
import { testConfig } from '../support/config.ts';
import { TEST_MASTER_KEY } from '../support/env.ts';

// A real server on loopback: /secret is what must never be reached through a refused hop; /hop/<n> redirects n times.
let server: Server;
let base = '';
const seen: IncomingMessage[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const to = url.searchParams.get('to');
    const hops = /^\/hop\/(\d+)$/.exec(url.pathname);
    if (to) return void res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end();
    if (hops) {
      const n = Number(hops[1]);
      if (n === 0) return void res.end(`${req.method} ${req.headers.authorization ?? '-'}`);
      return void res.writeHead(302, { location: `/hop/${n - 1}` }).end();
    }
    res.end('internal secret');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the special-purpose address registries', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['10.1.2.3', /private-use/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /shared address space/],
    ['0.0.0.0', /this host/],
    ['192.0.0.9', /port control/],
    ['192.0.2.10', /TEST-NET-1/],
    ['198.51.100.7', /TEST-NET-2/],
    ['203.0.113.200', /TEST-NET-3/],
    ['198.19.255.255', /benchmarking/],
    ['192.88.99.1', /6to4 relay/],
    ['224.0.0.251', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['::', /unspecified/],
    ['::1', /loopback/],
    ['::7f00:1', /IPv4-compatible/],
    ['::ffff:127.0.0.1', /IPv4-mapped/],
    ['::ffff:7f00:1', /IPv4-mapped/],
    ['::ffff:5db8:d822', /IPv4-mapped/],
    ['64:ff9b::7f00:1', /NAT64/],
    ['64:ff9b:1::1', /local-use NAT64/],
    ['100::1', /discard-only/],
    ['2001:0:4136:e378::1', /Teredo/],
    ['2001:2::1', /benchmarking/],
    ['2001:db8::1', /documentation/],
    ['3fff::1', /documentation/],
    ['2002:7f00:1::1', /6to4/],
    ['fd00::1', /unique-local/],
    ['fe80::1', /link-local/],
    ['ff02::1', /multicast/],
    ['4000::1', /global unicast/],
    ['not-an-address', /not an IP address/],
  ])('%s is refused: %s', (address, reason) => {
    expect(specialPurposeOf(address)).toMatch(reason);
    expect(isBlockedAddress(address)).toBe(true);
  });

  it('names the most specific entry and its range', () => {
    expect(specialPurposeOf('192.0.0.8')).toBe('IPv4 dummy address (RFC 7600), 192.0.0.8/32');
    expect(specialPurposeOf('2001::1')).toBe('Teredo (RFC 4380), 2001::/32');
  });

  it('refuses the first address of every entry', () => {
    for (const [cidr] of specialPurposeRanges) {
      const [net] = cidr.split('/');
      expect(specialPurposeOf(net!), cidr).toBeDefined();
    }
  });

  it.each(['93.184.216.34', '8.8.8.8', '192.0.3.1', '198.51.99.255', '2606:2800:220:1:248:1893:25c8:1946'])(
    'lets the public address %s through',
    (address) => expect(specialPurposeOf(address)).toBeUndefined(),
  );
});

describe('outbound requests refuse special-purpose addresses (SSRF)', () => {
  const strict = testConfig(TEST_MASTER_KEY);

  it.each([
    ['127.0.0.1', () => `${base}/`, /127\.0\.0\.1 is loopback/],
    ['a name resolving to loopback', () => `${base.replace('127.0.0.1', 'localhost')}/`, /resolves to/],
    ['IPv6 loopback', () => 'http://[::1]:8080/', /::1 is loopback/],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', /link-local/],
    ['a private network', () => 'http://10.1.2.3/', /private-use/],
    ['IPv4-mapped IPv6', () => 'http://[::ffff:127.0.0.1]:8080/', /IPv4-mapped/],
    ['NAT64', () => 'http://[64:ff9b::7f00:1]/', /NAT64/],
    ['a documentation range', () => 'http://192.0.2.1/', /TEST-NET-1/],
    ['a short form of loopback', () => 'http://2130706433/', /127\.0\.0\.1 is loopback/],
  ])('%s', async (_what, url, reason) => {
    const error = await refusal(fetchOutbound(strict, url()));
    expect(error).toMatchObject({ code: 'outbound_refused', status: 400 });
    expect(error.detail).toMatch(reason);
  });

  it('refuses schemes other than http and https, and URLs with credentials', async () => {
    expect((await refusal(fetchOutbound(strict, 'file:///etc/passwd'))).detail).toMatch(/only http and https/);
    const withCredentials = await refusal(fetchOutbound(strict, 'http://user:pw@example.org/'));
    expect(withCredentials.detail).toMatch(/credentials/);
    expect(withCredentials.detail).not.toMatch(/pw/);
  });

  it('reaches a local peer only when ACCORD_OUTBOUND_ALLOW_PRIVATE is set', async () => {
    const open = testConfig(TEST_MASTER_KEY, { ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true' });
    const response = await fetchOutbound(open, `${base}/`);
    expect(await response.text()).toBe('internal secret');
  });
});

describe('redirects: every hop passes the check', () => {
  const firstHop = testConfig(TEST_MASTER_KEY, { ACCORD_OUTBOUND_ALLOW_PRIVATE_FIRST_HOP: 'true' });
  const open = testConfig(TEST_MASTER_KEY, { ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true' });
  const redirect = (to: string, status = 302) => `${base}/?status=${status}&to=${encodeURIComponent(to)}`;

  it.each([
    ['127.0.0.1', () => `${base}/secret`],
    ['[::1]', () => 'http://[::1]:9/secret'],
    ['IPv4-mapped', () => 'http://[::ffff:7f00:1]:9/secret'],
    ['a name resolving to loopback', () => `${base.replace('127.0.0.1', 'localhost')}/secret`],
    ['another scheme', () => 'file:///etc/passwd'],
  ])('a redirect to %s is refused, and the target is never asked', async (_what, to) => {
    const before = seen.filter((r) => r.url === '/secret').length;
    for (const status of [301, 302, 303, 307, 308]) {
      const error = await refusal(fetchOutbound(firstHop, redirect(to(), status)));
      expect(error).toMatchObject({ code: 'outbound_refused', status: 400 });
      expect(error.detail).toMatch(/refused/);
    }
    expect(seen.filter((r) => r.url === '/secret').length).toBe(before);
  });

  it(`follows ${MAX_REDIRECTS} redirects, relative ones too, and fails on the next`, async () => {
    const response = await fetchOutbound(open, `${base}/hop/${MAX_REDIRECTS}`);
    expect(await response.text()).toBe('GET -');
    const error = await refusal(fetchOutbound(open, `${base}/hop/${MAX_REDIRECTS + 1}`));
    expect(error).toMatchObject({ code: 'outbound_failed', status: 502 });
    expect(error.detail).toMatch(/more than 5 redirects/);
  });

  it('keeps credentials on the same origin, drops them on another, and turns a POST into a GET on 302', async () => {
    const same = await fetchOutbound(open, `${base}/hop/1`, { headers: { authorization: 'Basic x' } });
    expect(await same.text()).toBe('GET Basic x');
    const other = base.replace('127.0.0.1', 'localhost');
    const moved = await fetchOutbound(open, redirect(`${other}/hop/0`), {
      method: 'POST',
      headers: { authorization: 'Basic x' },
      body: 'b',
    });
    expect(await moved.text()).toBe('GET -');
    const kept = await fetchOutbound(open, redirect(`${base}/hop/0`, 307), { method: 'POST', body: 'b' });
    expect(await kept.text()).toBe('POST -');
  });

  it('a network failure is a 502 naming the URL and the cause', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const error = await refusal(fetchOutbound(open, `http://127.0.0.1:${port}/x`));
    expect(error).toMatchObject({ code: 'outbound_failed', status: 502 });
    expect(error.detail).toContain(`http://127.0.0.1:${port}/x`);
    expect(error.detail).toMatch(/ECONNREFUSED/);
  });
});
