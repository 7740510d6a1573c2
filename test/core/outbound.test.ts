import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOutbound, isBlockedAddress } from '../../src/core/http/outbound.ts';
import { testConfig } from '../support/config.ts';
import { TEST_MASTER_KEY } from '../support/env.ts';

let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('internal secret'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => server?.close());

describe('outbound requests refuse private and loopback addresses (SSRF)', () => {
  const strict = testConfig(TEST_MASTER_KEY);

  it.each([
    ['127.0.0.1', () => `http://127.0.0.1:${port}/`],
    ['a name resolving to loopback', () => `http://localhost:${port}/`],
    ['IPv6 loopback', () => `http://[::1]:${port}/`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private network', () => 'http://10.1.2.3/'],
    ['IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${port}/`],
  ])('%s', async (_what, url) => {
    await expect(fetchOutbound(strict, url())).rejects.toThrow(/private or reserved|refused|fetch failed/);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(fetchOutbound(strict, 'file:///etc/passwd')).rejects.toThrow(/only http and https/);
  });

  it('classifies addresses', () => {
    expect(isBlockedAddress('192.168.1.1')).toBe(true);
    expect(isBlockedAddress('fd00::1')).toBe(true);
    expect(isBlockedAddress('93.184.216.34')).toBe(false);
    expect(isBlockedAddress('2606:2800:220:1:248:1893:25c8:1946')).toBe(false);
  });

  it('reaches a local peer only when ACCORD_OUTBOUND_ALLOW_PRIVATE is set', async () => {
    const open = testConfig(TEST_MASTER_KEY, { ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true' });
    const response = await fetchOutbound(open, `http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe('internal secret');
  });
});

it('IPv4-mapped IPv6 addresses are judged by their IPv4 address', () => {
  expect(isBlockedAddress('::ffff:127.0.0.1')).toBe(true);
  expect(isBlockedAddress('::ffff:7f00:1')).toBe(true);
  expect(isBlockedAddress('::ffff:5db8:d822')).toBe(false);
});
