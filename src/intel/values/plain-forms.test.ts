import fc from 'fast-check';
import { isIPv4 } from 'node:net';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPlainDomain, isPlainHttpUrl, isPlainIpv4 } from './plain-forms.ts';

/** Text built from pieces that matter to host names: labels, hyphens, dots, digits, punycode prefixes, and misfits. */
const hostText = fc
  .array(fc.constantFrom('a', 'x', 'n', 'com', 'xn-', 'xn--', '-', '.', '0', '9', '0x', 'A', ' ', 'é', '_'), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));
const host = fc.oneof(hostText, fc.domain());

/** Path and query text: mostly characters kept as they are, with dot segments and characters the parser changes. */
const tailText = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom('/', 'a', 'Z', '0', '-', '_', '~', '!', '$', '&', '(', ')', '*') },
      { weight: 8, arbitrary: fc.constantFrom('+', ',', ';', '=', ':', '@', '?', '.', '..', '/./', '/../', '//') },
      { weight: 2, arbitrary: fc.constantFrom('%', '%2e', '%41', "'", '#', ' ', '\\', '\t', 'é', '"', '<', '^', '{') },
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));
const urlText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('http://', 'https://', 'HTTP://', 'ftp://', 'http:/'),
      host,
      fc.constantFrom('', '', '', ':80', ':8080', '@'),
      tailText,
    )
    .map((parts) => parts.join('')),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

/** What normalizeUrl does with a URL it parses: drop the fragment, set path and query again (no escapes to fix). */
function parsedAndReset(text: string): string {
  const url = new URL(text);
  url.hash = '';
  // Setting them again re-parses them, as normalizeUrl's setters do (with no escapes, it sets the same text).
  const { pathname, search } = url;
  url.pathname = pathname;
  if (search) url.search = search;
  return url.toString();
}

describe('plain forms are their own normal form', () => {
  it('IDNA maps a name recognised as plain to itself', () => {
    fc.assert(
      fc.property(host, (text) => {
        if (isPlainDomain(text)) expect(domainToASCII(text)).toBe(text);
      }),
      { numRuns: 20_000 },
    );
  });

  it('the URL parser gives a URL recognised as plain back unchanged', () => {
    fc.assert(
      fc.property(urlText, (text) => {
        if (isPlainHttpUrl(text)) expect(parsedAndReset(text)).toBe(text);
      }),
      { numRuns: 20_000 },
    );
  });

  it('an IPv4 address is plain exactly when isIPv4 accepts it and no part has a leading zero', () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.constantFrom('00', '01', '', ' 1', '1 ', 'a', '1.', '256'));
    const text = fc.oneof(
      fc.tuple(part, part, part, part).map((parts) => parts.join('.')),
      fc.ipV4(),
      fc.ipV4Extended(),
      fc.string({ maxLength: 16 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(isPlainIpv4(t)).toBe(isIPv4(t) && !/(?:^|\.)0\d/.test(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('recognises the usual feed values, and leaves the rest to the general path', () => {
    expect(isPlainDomain('host1.example-1.com')).toBe(true);
    for (const name of ['Evil.com', 'evil.com.', 'bücher.example', 'xn--bcher-kva.example', '10.0.0.1', 'a.0x1', ''])
      expect(isPlainDomain(name)).toBe(false);
    expect(isPlainHttpUrl('https://c2-1.example.net/p/1?x=1')).toBe(true);
    for (const url of [
      'https://c2.example.net',
      'HTTP://a.com/',
      'http://a.com:80/',
      'http://a.com/./b',
      'http://a.com/%41',
    ])
      expect(isPlainHttpUrl(url)).toBe(false);
    expect(isPlainIpv4('10.0.0.255')).toBe(true);
    for (const ip of ['10.0.0.256', '10.00.0.1', '10.0.0', '10.0.0.1/32', ' 10.0.0.1'])
      expect(isPlainIpv4(ip)).toBe(false);
  });
});
