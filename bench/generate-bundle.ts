import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const kinds = [
  (i: number) => `[domain-name:value = 'host${i}.example-${i % 997}.com']`,
  (i: number) => `[ipv4-addr:value = '${10 + (i >>> 24)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}']`,
  (i: number) => `[file:hashes.'SHA-256' = '${i.toString(16).padStart(64, 'a')}']`,
  (i: number) => `[url:value = 'https://c2-${i % 5003}.example.net/p/${i}']`,
  (i: number) => `[email-addr:value = 'agent${i}@mail-${i % 211}.example.org']`,
];

const uuid = (n: number, tag: string) => `${tag}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * Writes a STIX 2.1 bundle of `count` indicators (domains, IPv4 addresses, SHA-256 hashes, URLs and e-mail
 * addresses in turn), streamed so that a million of them never sit in memory at once.
 */
export async function writeIndicatorBundle(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`{"type":"bundle","id":"bundle--${uuid(0, '00000000')}","objects":[\n`);
  for (let i = 0; i < count; i++) {
    const indicator = {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${uuid(i, '0b0b0b0b')}`,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: `generated ${i}`,
      indicator_types: ['malicious-activity'],
      pattern: kinds[i % kinds.length]!(i),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: '2026-01-01T00:00:00Z',
    };
    if (!out.write(`${i ? ',\n' : ''}${JSON.stringify(indicator)}`)) await once(out, 'drain');
  }
  out.end(']}\n');
  await once(out, 'finish');
}
