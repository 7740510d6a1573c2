import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DetectionEngine } from '../../src/detect/engine/engine.ts';
import type { TelemetryFormat } from '../../src/detect/engine/formats.ts';
import { IndicatorIndex } from '../../src/detect/engine/indicator-index.ts';
import { stripPort } from '../../src/detect/engine/host-port.ts';
import { scanStream } from '../../src/detect/scan.ts';
import { normalizeValue } from '../../src/intel/values/normalize.ts';
import { repoRoot } from '../support/cli.ts';

// Real Zeek JSON logs (see ../shared/data/telemetry/PROVENANCE.md); indicators are planted for hosts they contain.
const zeek = (log: string) => resolve(repoRoot, '../shared/data/telemetry/zeek-json', log);

function engineOf(values: [key: string, value: string][]): DetectionEngine {
  const index = new IndicatorIndex();
  values.forEach(([key, value], i) =>
    index.add({ indicatorId: `indicator--${i}`, key, value: normalizeValue(key, value)! }),
  );
  return new DetectionEngine(index);
}

async function scan(engine: DetectionEngine, input: Readable, format?: TelemetryFormat) {
  const hits: { line: number; value: string; field: string; indicatorId: string }[] = [];
  await scanStream(
    engine,
    input,
    'k',
    (found) =>
      void hits.push(
        ...found.map((h) => ({ line: h.line!, value: h.value, field: h.field, indicatorId: h.indicatorId })),
      ),
    undefined,
    format,
  );
  return hits.sort((a, b) => a.line - b.line || a.value.localeCompare(b.value));
}

/** The fast first pass (format recognised: NDJSON) and the full reader (`zeek-json`) must agree. */
async function bothPaths(engine: DetectionEngine, path: string) {
  const fast = await scan(engine, createReadStream(path));
  const full = await scan(engine, createReadStream(path), 'zeek-json');
  expect(fast).toEqual(full);
  return fast;
}

const text = (s: string) => Readable.from([Buffer.from(s)]);

describe('hosts with a port', () => {
  it('strips the port and IPv6 brackets, and leaves bare IPv6 addresses alone', () => {
    expect(stripPort('example.com:8443')).toBe('example.com');
    expect(stripPort('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(stripPort('[2001:db8::1]')).toBe('2001:db8::1');
    expect(stripPort('10.0.0.1:80')).toBe('10.0.0.1');
    expect(stripPort('2001:db8::1')).toBe('2001:db8::1');
    expect(stripPort('example.com:x')).toBe('example.com:x');
  });

  it('matches the domain of a real Zeek http.log host with a port, on both paths', async () => {
    const hits = await bothPaths(engineOf([['domain-name:value', 'ubuntu.com']]), zeek('http.log'));
    expect(hits.map((h) => [h.line, h.field, h.value])).toEqual([
      [130, 'host', 'ubuntu.com'],
      [130, 'host+uri', 'ubuntu.com'],
      [206, 'host', 'ubuntu.com'],
      [206, 'host+uri', 'ubuntu.com'],
    ]);
  });

  it('matches an address indicator against a host field holding an address with a port', async () => {
    const engine = engineOf([
      ['ipv4-addr:value', '192.168.2.21'],
      ['ipv4-addr:value', '127.0.0.1'],
    ]);
    const hits = await bothPaths(engine, zeek('http.log'));
    const hostHits = hits.filter((h) => h.field === 'host');
    expect(hostHits.map((h) => [h.line, h.value])).toContainEqual([131, '192.168.2.21']);
    expect(hostHits.map((h) => [h.line, h.value])).toContainEqual([133, '127.0.0.1']);
  });

  it('matches NDJSON hosts and URLs with ports, IPv6 in brackets included', async () => {
    const engine = engineOf([
      ['domain-name:value', 'example.com'],
      ['ipv6-addr:value', '2001:db8::1'],
    ]);
    const lines = [
      '{"host":"WWW.Example.com:8443"}',
      '{"host":"[2001:db8::1]:443"}',
      '{"url":"https://example.com:8443/path"}',
      '{"url":"http://[2001:db8::1]:8080/x"}',
      '{"host":"example.com.evil:80"}',
      '{"host":"[2001:db8::2]:443"}',
    ].join('\n');
    const hits = await scan(engine, text(lines));
    expect(hits.map((h) => [h.line, h.value])).toEqual([
      [1, 'example.com'],
      [2, '2001:db8::1'],
      [3, 'example.com'],
      [4, '2001:db8::1'],
    ]);
    expect(await scan(engine, text(lines), 'zeek-json')).toEqual(hits);
  });

  it('builds Zeek http.log host and uri into a URL, for URL indicators, in JSON and TSV', async () => {
    const engine = engineOf([['url:value', 'http://bro.org/css/960.css']]);
    const json = await bothPaths(engine, zeek('http.log'));
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ field: 'host+uri', value: 'http://bro.org/css/960.css' });
    const tsv = [
      '#separator \\x09',
      '#fields\tts\tid.orig_h\thost\turi',
      '1\t10.0.0.1\tbro.org:8080\t/x',
      '2\t10.0.0.1\tbro.org\t/css/960.css',
      '3\t10.0.0.1\tbro.org\t/other',
    ].join('\n');
    const portEngine = engineOf([['url:value', 'http://bro.org:8080/x']]);
    expect((await scan(portEngine, text(tsv))).map((h) => [h.line, h.value])).toEqual([[3, 'http://bro.org:8080/x']]);
    expect((await scan(engine, text(tsv))).map((h) => h.line)).toEqual([4]);
  });
});

describe('fields with a domain inside are probed against domain indicators, whatever kinds the index holds', () => {
  it('a proxy log whose only field is a URL', async () => {
    const engine = engineOf([['domain-name:value', 'aol.com']]);
    const proxy = readFileSync(zeek('http.log'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"referrer":"http'))
      .map((l) => JSON.stringify({ url: (JSON.parse(l) as { referrer: string }).referrer }))
      .join('\n');
    const fast = await scan(engine, text(proxy));
    expect(fast.length).toBeGreaterThan(0);
    expect(fast.every((h) => h.value === 'aol.com' && h.field === 'url')).toBe(true);
    expect(await scan(engine, text(proxy), 'zeek-json')).toEqual(fast);
  });

  it('e-mail senders and recipients in a real smtp.log (mailfrom, the rcptto list)', async () => {
    const engine = engineOf([
      ['domain-name:value', 'kernel.org'],
      ['domain-name:value', 'scootmail.com'],
    ]);
    const hits = await bothPaths(engine, zeek('smtp.log'));
    expect(hits.filter((h) => h.field === 'mailfrom').map((h) => h.value)).toContain('kernel.org');
    expect(hits.filter((h) => h.field === 'rcptto').map((h) => h.value)).toContain('scootmail.com');
  });

  it('SNI in a real ssl.log and certificate names in a real x509.log', async () => {
    const sni = await bothPaths(engineOf([['domain-name:value', 'mozilla.org']]), zeek('ssl.log'));
    expect(sni.length).toBe(5);
    expect(sni.every((h) => h.field === 'server_name')).toBe(true);
    const cert = await bothPaths(engineOf([['domain-name:value', 'lilawelt.net']]), zeek('x509.log'));
    expect(cert.length).toBeGreaterThan(0);
    expect(cert.every((h) => h.field === 'san.dns')).toBe(true);
  });

  it('e-mail indicators alone match mailfrom and rcptto exactly, and nothing else', async () => {
    const engine = engineOf([['email-addr:value', 'bob@example.org']]);
    const hits = await bothPaths(engine, zeek('smtp.log'));
    expect(hits.map((h) => h.value)).toEqual(expect.arrayContaining(['bob@example.org']));
    expect(hits.every((h) => h.value === 'bob@example.org')).toBe(true);
  });
});
