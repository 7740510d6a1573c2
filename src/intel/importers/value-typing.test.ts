import { describe, expect, it } from 'vitest';
import { parsePattern, simpleComparisons } from '../pattern/index.ts';
import { classifyIndicatorValue } from './value-typing.ts';

const typed = (value: string, hint?: string) => {
  const t = classifyIndicatorValue(hint, value);
  return t.ok ? `${t.patternKey} ${t.value}${t.note ? ' (note)' : ''}` : `refused: ${t.reason}`;
};

describe('typing values from lists and MISP (the awkward values real feeds contain)', () => {
  it('keeps a subdomain as it is: never widened to its registered domain', () => {
    expect(typed('cdn.cdncounter.net', 'domain')).toBe('domain-name:value cdn.cdncounter.net');
    expect(typed('dtiwa.app.link')).toBe('domain-name:value dtiwa.app.link');
  });
  it('a wildcard is implied by subdomain matching', () => {
    expect(typed('*.appspot.com', 'hostname')).toBe('domain-name:value appspot.com (note)');
  });
  it('refuses a domain without a TLD and a "domain" with a path', () => {
    expect(typed('localhostname', 'domain')).toMatch(/refused: .*no top-level domain/);
    expect(typed('x.xyz/x', 'domain')).toMatch(/refused: .*contains a path/);
  });
  it('re-types IP addresses given as domains, and URLs given as domains', () => {
    expect(typed('192.0.2.1', 'domain')).toBe('ipv4-addr:value 192.0.2.1 (note)');
    expect(typed('https://x.example/a', 'domain')).toBe('url:value https://x.example/a (note)');
  });
  it('strips www. only as an exact prefix', () => {
    expect(typed('www.evil.example', 'domain')).toBe('domain-name:value evil.example (note)');
    expect(typed('weather.com', 'domain')).toBe('domain-name:value weather.com');
    expect(typed('www.com', 'domain')).toBe('domain-name:value www.com');
  });
  it('refangs, normalises case and IDN', () => {
    expect(typed('Evil[.]Example', 'domain')).toBe('domain-name:value evil.example');
    expect(typed('hxxp://EVIL.example/', 'url')).toBe('url:value http://evil.example/');
    expect(typed('bücher.example')).toBe('domain-name:value xn--bcher-kva.example');
  });
  it('infers the kind of untyped values', () => {
    expect(typed('2001:db8::1')).toBe('ipv6-addr:value 2001:db8::1');
    expect(typed('10.0.0.0/8')).toBe('ipv4-addr:value 10.0.0.0/8');
    expect(typed('A'.repeat(64))).toBe(`file:hashes.'SHA-256' ${'a'.repeat(64)}`);
    expect(typed('x@y.example')).toBe('email-addr:value x@y.example');
    expect(typed('just words')).toMatch(/refused: cannot tell/);
  });
  it('checks a value against its declared type', () => {
    expect(typed('abc', 'md5')).toMatch(/refused: abc is not a MD5 hash/);
    expect(typed('999.1.1.1', 'ip-dst')).toMatch(/refused/);
    expect(typed('x', 'vulnerability')).toMatch(/refused: type vulnerability is not one Accord imports/);
  });
  it('builds patterns that parse back to the same value, quotes and backslashes included', () => {
    const t = classifyIndicatorValue('file_path', "C:\\Users\\o'brien\\evil.exe");
    expect(t.ok).toBe(true);
    if (t.ok) expect(simpleComparisons(parsePattern(t.pattern))![0]!.value).toBe("C:\\Users\\o'brien\\evil.exe");
  });
});
