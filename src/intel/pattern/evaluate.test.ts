import { describe, expect, it } from 'vitest';
import { evaluateObservation, parsePattern } from './index.ts';

/** Evaluates the bracketed comparison expression `inner` against `object`. */
function holds(inner: string, object: Record<string, unknown>): boolean {
  const e = parsePattern(`[${inner}]`).expression;
  if (e.kind !== 'observation') throw new Error('not a single observation');
  return evaluateObservation(e.expression, object);
}

const domain = { type: 'domain-name', value: 'mail.example.com' };
const file = {
  type: 'file',
  name: 'Report.EXE',
  size: 371712,
  created: '2014-01-13T07:03:17Z',
  magic_number_hex: 'FFD8',
  hashes: { 'SHA-256': 'aec0', MD5: 'cead' },
  extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 6.5 }, { entropy: 7.9, name: '.text' }] } },
  tags: ['a', 'b'],
  is_encrypted: false,
};
const ipv4 = { type: 'ipv4-addr', value: '198.51.100.7' };
const ipv6 = { type: 'ipv6-addr', value: '2001:db8:dead:beef::42' };

describe('evaluateObservation', () => {
  it('= and != on strings, numbers and booleans', () => {
    expect(holds("domain-name:value = 'mail.example.com'", domain)).toBe(true);
    expect(holds("domain-name:value = 'example.com'", domain)).toBe(false);
    expect(holds("domain-name:value != 'example.com'", domain)).toBe(true);
    expect(holds('file:size = 371712', file)).toBe(true);
    expect(holds('file:size = 371712.0', file)).toBe(true);
    expect(holds('file:is_encrypted = false', file)).toBe(true);
    expect(holds('file:is_encrypted != true', file)).toBe(true);
  });
  it('requires the object type to match', () => {
    expect(holds("file:value = 'mail.example.com'", domain)).toBe(false);
    expect(holds("file:value != 'x'", domain)).toBe(false);
  });
  it('treats comparisons of different types as false', () => {
    expect(holds("file:size = '371712'", file)).toBe(false);
    expect(holds("file:size != '371712'", file)).toBe(false);
    expect(holds('file:name > 3', file)).toBe(false);
    expect(holds('file:is_encrypted = 0', file)).toBe(false);
  });
  it('orders numbers, strings (by code point) and timestamps', () => {
    expect(holds('file:size > 1024', file)).toBe(true);
    expect(holds('file:size >= 371712', file)).toBe(true);
    expect(holds('file:size < 371712', file)).toBe(false);
    expect(holds('file:size <= 371712', file)).toBe(true);
    expect(holds("file:name < 'Report.F'", file)).toBe(true);
    expect(holds("file:created > t'2014-01-13T07:03:16.999Z'", file)).toBe(true);
    expect(holds("file:created = t'2014-01-13T07:03:17.000Z'", file)).toBe(true);
    expect(holds("file:created < '2015-01-01T00:00:00Z'", file)).toBe(true);
    expect(holds("file:name = t'2014-01-13T07:03:17Z'", file)).toBe(false);
  });
  it('compares hex and binary constants as bytes', () => {
    expect(holds("file:magic_number_hex = h'ffd8'", file)).toBe(true);
    expect(holds("file:magic_number_hex > h'ff00'", file)).toBe(true);
    const artifact = { type: 'artifact', payload_bin: 'aGVsbG8=' };
    expect(holds("artifact:payload_bin = b'aGVsbG8='", artifact)).toBe(true);
    expect(holds("artifact:payload_bin = h'68656c6c6f'", artifact)).toBe(true);
    expect(holds("artifact:payload_bin MATCHES '^hel+o$'", artifact)).toBe(true);
    expect(holds("artifact:payload_bin MATCHES '\\\\x68\\\\x65'", artifact)).toBe(true);
  });
  it('IN', () => {
    expect(holds("domain-name:value IN ('a.com', 'mail.example.com')", domain)).toBe(true);
    expect(holds("domain-name:value IN ('a.com')", domain)).toBe(false);
    expect(holds('domain-name:value IN ()', domain)).toBe(false);
    expect(holds("domain-name:value NOT IN ('a.com')", domain)).toBe(true);
  });
  it('LIKE with % and _', () => {
    expect(holds("domain-name:value LIKE '%.example.com'", domain)).toBe(true);
    expect(holds("domain-name:value LIKE 'mail.exampl_.com'", domain)).toBe(true);
    expect(holds("domain-name:value LIKE 'mail.exampl_.co'", domain)).toBe(false);
    expect(holds("domain-name:value LIKE 'mail_example%'", domain)).toBe(true);
    expect(holds("domain-name:value LIKE 'mail.(example).com'", domain)).toBe(false);
    expect(holds("file:name LIKE '%.exe'", file)).toBe(false);
  });
  it('MATCHES with JavaScript regular expressions, unanchored', () => {
    expect(holds("domain-name:value MATCHES 'example\\\\.com$'", domain)).toBe(true);
    expect(holds("domain-name:value MATCHES '^example'", domain)).toBe(false);
    expect(holds("file:name MATCHES '(?i)\\\\.exe$'", file)).toBe(true);
    expect(holds("file:name MATCHES '\\\\.exe$'", file)).toBe(false);
  });
  it('ISSUBSET and ISSUPERSET for IPv4 and IPv6', () => {
    expect(holds("ipv4-addr:value ISSUBSET '198.51.100.0/24'", ipv4)).toBe(true);
    expect(holds("ipv4-addr:value ISSUBSET '198.51.101.0/24'", ipv4)).toBe(false);
    expect(holds("ipv4-addr:value NOT ISSUBSET '198.51.101.0/24'", ipv4)).toBe(true);
    expect(holds("ipv4-addr:value ISSUPERSET '198.51.100.7'", ipv4)).toBe(true);
    expect(holds("ipv4-addr:value ISSUPERSET '198.51.100.0/24'", ipv4)).toBe(false);
    expect(holds("ipv4-addr:value ISSUPERSET '198.51.100.0/24'", { type: 'ipv4-addr', value: '198.51.0.0/16' })).toBe(
      true,
    );
    expect(holds("ipv6-addr:value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64'", ipv6)).toBe(true);
    expect(holds("ipv6-addr:value ISSUBSET '2001:db8:dead:bee0::/64'", ipv6)).toBe(false);
    expect(holds("ipv6-addr:value ISSUPERSET '2001:db8:dead:beef::42/128'", ipv6)).toBe(true);
    expect(holds("ipv6-addr:value ISSUBSET '0.0.0.0/0'", ipv6)).toBe(false);
  });
  it('EXISTS', () => {
    expect(holds('EXISTS file:hashes.MD5', file)).toBe(true);
    expect(holds('EXISTS file:hashes.md5', file)).toBe(true);
    expect(holds("EXISTS file:hashes.'SHA-512'", file)).toBe(false);
    expect(holds('EXISTS file:name', domain)).toBe(false);
  });
  it('NOT inverts each reached value but never makes a missing property match', () => {
    expect(holds("domain-name:value NOT = 'example.com'", domain)).toBe(true);
    expect(holds("domain-name:value NOT = 'mail.example.com'", domain)).toBe(false);
    expect(holds("domain-name:resolves NOT = 'x'", domain)).toBe(false);
    expect(holds('file:size NOT < 5', file)).toBe(true);
  });
  it('follows nested properties, list indexes and [*]', () => {
    const path = "file:extensions.'windows-pebinary-ext'.sections";
    expect(holds(`${path}[*].entropy > 7.0`, file)).toBe(true);
    expect(holds(`${path}[0].entropy > 7.0`, file)).toBe(false);
    expect(holds(`${path}[1].name = '.text'`, file)).toBe(true);
    expect(holds(`${path}[5].entropy > 0.0`, file)).toBe(false);
    expect(holds(`${path}[-1].entropy > 0.0`, file)).toBe(false);
    expect(holds("file:tags[*] = 'b'", file)).toBe(true);
    expect(holds("file:tags = 'b'", file)).toBe(false);
    expect(holds("file:name.length = 'x'", file)).toBe(false);
  });
  it('finds hashes under any spelling of the algorithm', () => {
    for (const key of ["'SHA-256'", 'sha256', 'SHA256', "'sha-256'"])
      expect(holds(`file:hashes.${key} = 'aec0'`, file)).toBe(true);
    const feedStyle = { type: 'file', hashes: { sha256: 'aec0' } };
    expect(holds("file:hashes.'SHA-256' = 'aec0'", feedStyle)).toBe(true);
    expect(holds("file:hashes.'SHA-1' = 'aec0'", feedStyle)).toBe(false);
  });
  it('combines with AND and OR', () => {
    expect(holds("file:name = 'Report.EXE' AND file:size > 10", file)).toBe(true);
    expect(holds("file:name = 'x' AND file:size > 10", file)).toBe(false);
    expect(holds("file:name = 'x' OR file:size > 10", file)).toBe(true);
    expect(holds("(file:name = 'x' OR file:size > 10) AND file:hashes.MD5 = 'cead'", file)).toBe(true);
  });
  it('ignores inherited properties', () => {
    expect(holds('EXISTS domain-name:constructor', domain)).toBe(false);
    expect(holds("EXISTS domain-name:'__proto__'", domain)).toBe(false);
  });
});
