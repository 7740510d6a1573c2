import { describe, expect, it } from 'vitest';
import { normalizeDomain, normalizeEmail, normalizeIp, normalizeUrl, normalizeValue } from './normalize.ts';

describe('value normalisation', () => {
  it('domains: case, trailing dot, Unicode to punycode', () => {
    expect(normalizeDomain('Evil.COM.')).toBe('evil.com');
    expect(normalizeDomain('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeDomain('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
  });
  it('e-mail addresses are case-insensitive', () => {
    expect(normalizeEmail('Agent@Evil.COM')).toBe('agent@evil.com');
  });
  it('URLs: scheme and host case, default port, dot segments, escapes, fragment', () => {
    expect(normalizeUrl('HTTP://Evil.COM:80/a/./b/../c?x=%7e#frag')).toBe('http://evil.com/a/c?x=~');
    expect(normalizeUrl('https://evil.com:443/%2f%41')).toBe('https://evil.com/%2FA');
    expect(normalizeUrl('not a url')).toBeNull();
  });
  it('IP addresses and ranges', () => {
    expect(normalizeIp('10.0.0.1/32')).toBe('10.0.0.1');
    expect(normalizeIp('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(normalizeIp('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(normalizeIp('10.0.0.1/33')).toBeNull();
    expect(normalizeIp('example.com')).toBeNull();
  });
  it('hashes compare in lower case; other keys exactly', () => {
    expect(normalizeValue("file:hashes.'SHA-256'", 'ABCDEF')).toBe('abcdef');
    expect(normalizeValue('process:name', 'Diagnostics-2543')).toBe('Diagnostics-2543');
  });
});
