import { describe, expect, it } from 'vitest';
import { canonicalHashKey, parsePattern, simpleComparisons } from './index.ts';

const simple = (source: string): ReturnType<typeof simpleComparisons> => simpleComparisons(parsePattern(source));

describe('simpleComparisons', () => {
  it('lists a single equality', () => {
    expect(simple("[domain-name:value = 'x.com']")).toEqual([
      { objectType: 'domain-name', path: 'value', value: 'x.com' },
    ]);
  });
  it('lists every alternative of an OR, and of IN sets', () => {
    expect(simple("[domain-name:value = 'x.com' OR ipv4-addr:value = '10.0.0.1']")).toEqual([
      { objectType: 'domain-name', path: 'value', value: 'x.com' },
      { objectType: 'ipv4-addr', path: 'value', value: '10.0.0.1' },
    ]);
    expect(simple("[file:size IN (1, 2.5) OR file:name == 'a' OR x-flag:on = true]")).toEqual([
      { objectType: 'file', path: 'size', value: 1 },
      { objectType: 'file', path: 'size', value: 2.5 },
      { objectType: 'file', path: 'name', value: 'a' },
      { objectType: 'x-flag', path: 'on', value: true },
    ]);
  });
  it('gives both hash key spellings the same canonical path', () => {
    const hash = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
    const expected = [{ objectType: 'file', path: "hashes.'SHA-256'", value: hash }];
    expect(simple(`[file:hashes.sha256 = '${hash}']`)).toEqual(expected);
    expect(simple(`[file:hashes.'SHA-256' = '${hash}']`)).toEqual(expected);
    expect(simple(`[file:hashes.'sha-256' = '${hash}']`)).toEqual(expected);
    expect(simple("[file:hashes.md5 = 'x']")).toEqual([{ objectType: 'file', path: 'hashes.MD5', value: 'x' }]);
    expect(simple("[file:extensions.'ntfs-ext'.alternate_data_streams[0].hashes.sha1 = 'x']")?.[0]?.path).toBe(
      "extensions.'ntfs-ext'.alternate_data_streams[0].hashes.'SHA-1'",
    );
  });
  it.each([
    '[a:b = 1] AND [a:c = 2]',
    '[a:b = 1] OR [a:c = 2]',
    '[a:b = 1] FOLLOWEDBY [a:c = 2]',
    '[a:b = 1] WITHIN 5 SECONDS',
    '[a:b = 1 AND a:c = 2]',
    '[a:b = 1 OR a:c = 2 AND a:d = 3]',
    '[a:b != 1]',
    '[a:b NOT = 1]',
    '[a:b NOT IN (1)]',
    '[a:b > 1]',
    "[a:b LIKE 'x%']",
    "[a:b MATCHES 'x']",
    '[EXISTS a:b]',
    "[a:b = h'00']",
    "[a:b = t'2016-01-01T00:00:00Z']",
  ])('is null for the complex pattern %s', (source) => {
    expect(simple(source)).toBeNull();
  });
});

describe('canonicalHashKey', () => {
  it.each([
    ['sha256', 'SHA-256'],
    ['SHA256', 'SHA-256'],
    ["'SHA-256'", 'SHA-256'],
    ['sha-256', 'SHA-256'],
    ['SHA_256', 'SHA-256'],
    ['md5', 'MD5'],
    ['MD5', 'MD5'],
    ['sha1', 'SHA-1'],
    ["'SHA-1'", 'SHA-1'],
    ['SHA-512', 'SHA-512'],
    ['sha3-256', 'SHA3-256'],
    ['SHA3_512', 'SHA3-512'],
    ['ssdeep', 'SSDEEP'],
    ['tlsh', 'TLSH'],
    ['sha384', 'SHA-384'],
    ['x_custom', 'x_custom'],
  ])('%s → %s', (name, canonical) => {
    expect(canonicalHashKey(name)).toBe(canonical);
  });
});
