import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIdentifier, identifierRules, identifierSkeleton } from './index.ts';

const us = identifierRules({
  identifierPhoneRegion: 'US',
  identifierSubaddress: '*=+,yahoo.com=-,plus.example=',
  identifierDotlessDomains: 'gmail.com',
});
const canon = (s: string) => canonicalIdentifier(s, us).canonical;
const skel = (s: string) => canonicalIdentifier(s, us).skeleton;

describe('canonical identifiers', () => {
  it('e-mail: every variant of one address is one canonical form', () => {
    for (const v of [
      'amira@example.org',
      'Amira@Example.ORG',
      ' amira@example.org ',
      'mailto:amira@example.org',
      'MAILTO:Amira@example.org?subject=hello',
      '<amira@example.org>',
      'amira@example.org.',
      'amira+press@example.org',
      'ａｍｉｒａ＠ｅｘａｍｐｌｅ．ｏｒｇ',
      'am\u200Bira@example.org',
      'amira\u200D@exa\u2060mple.org',
      '\u202Eamira@example.org\u202C',
      '\u2066amira@example.org\u2069',
      '\uFEFFamira@example.org',
      'ami\u00ADra@example.org',
    ])
      expect(canon(v), JSON.stringify(v)).toBe('amira@example.org');
  });
  it('e-mail: IDNA domains, provider dot rules and per-domain sub-addresses', () => {
    expect(canon('amira@bücher.de')).toBe('amira@xn--bcher-kva.de');
    expect(canon('amira@XN--BCHER-KVA.DE')).toBe('amira@xn--bcher-kva.de');
    expect(canon('A.Mi.Ra+x@googlemail.com')).toBe('amira@gmail.com');
    expect(canon('a.mira@example.org')).toBe('a.mira@example.org');
    expect(canon('amira-news@yahoo.com')).toBe('amira@yahoo.com');
    expect(canon('amira+x@yahoo.com')).toBe('amira+x@yahoo.com');
    expect(canon('amira+x@plus.example')).toBe('amira+x@plus.example');
    expect(canon('Straße@example.de')).toBe(canon('STRASSE@example.de'));
  });
  it('phone numbers: E.164 whatever the spelling', () => {
    for (const v of [
      '+1 202 555 0143',
      '+1 (202) 555-0143',
      '+1.202.555.0143',
      '001 202 555 0143',
      'tel:+1-202-555-0143',
      'TEL:+12025550143;ext=1',
      '(202) 555-0143',
      '202 555 0143',
      '２０２ ５５５ ０１４３',
      '+1\u200B202\u2011555\u20130143',
      // Digits of other scripts, extensions and pauses, the North American international prefix.
      '+١٢٠٢٥٥٥٠١٤٣',
      '+۱۲۰۲۵۵۵۰۱۴۳',
      '+१२०२५५५०१४३',
      '+1 202 555 0143 ext. 9',
      '+1 202 555 0143 x9',
      '+1 202 555 0143#',
      '+12025550143,1',
      '12025550143',
      '011 1 202 555 0143',
    ])
      expect(canon(v), JSON.stringify(v)).toBe('+12025550143');
    expect(canon('0044 20 7946 0018')).toBe('+442079460018');
  });
  it('phone numbers without a default region are still a possible match by their national number', () => {
    const none = identifierRules({
      identifierPhoneRegion: '',
      identifierSubaddress: '*=+',
      identifierDotlessDomains: '',
    });
    const national = canonicalIdentifier('020 7946 0018', none);
    const intl = canonicalIdentifier('+44 20 7946 0018', none);
    expect(national.canonical).not.toBe(intl.canonical);
    expect(national.skeleton).toBe(intl.skeleton);
    // International digits without `+` (or after 011) are a possible match too, never the same number.
    for (const v of ['12025550144', '011 1 202 555 0144', '(202) 555-0144', '+١٢٠٢٥٥٥٠١٤٤ ext. 2']) {
      expect(canonicalIdentifier(v, none).skeleton, v).toBe(canonicalIdentifier('+1 202 555 0144', none).skeleton);
    }
    expect(canonicalIdentifier('+١٢٠٢٥٥٥٠١٤٤', none).canonical).toBe('+12025550144');
    // Words that end like an extension are not numbers.
    expect(canonicalIdentifier('alex', none).kind).toBe('other');
  });
  it('handles: @name and case', () => {
    expect(canon('@Amira_K')).toBe('amira_k');
    expect(canon('amira_k')).toBe('amira_k');
    expect(canon('@amira@mastodon.social')).toBe('amira@mastodon.social');
  });
  it('handles: profile links and what a pasted mention leaves behind', () => {
    for (const v of [
      'https://twitter.com/Amira_K',
      'x.com/amira_k',
      'https://x.com/@Amira_K/?s=20',
      'https://www.instagram.com/amira_k/',
      't.me/amira_k',
      '@amira_k/',
      'amira_k@',
    ])
      expect(canon(v), v).toBe('amira_k');
    expect(canonicalIdentifier('https://example.org/amira_k', us).canonical).not.toBe('amira_k');
  });
  it('confusables are a possible match, not the same identifier', () => {
    for (const [look, real] of [
      ['аmira@example.org', 'amira@example.org'], // Cyrillic а
      ['amirа@example.org', 'amira@example.org'],
      ['amira@еxample.org', 'amira@example.org'], // Cyrillic е in the domain
      ['arnira@example.org', 'amira@example.org'], // rn for m
      ['AMlRA@example.org', 'amira@example.org'], // l for I
      ['amira@examp1e.org', 'amira@example.org'],
      ['@ɑmira', '@amira'], // Latin alpha
      ['@αmira', '@amira'], // Greek alpha
    ] as const) {
      expect(canon(look), look).not.toBe(canon(real));
      expect(skel(look), look).toBe(skel(real));
    }
  });
  it('blank after trimming and invisible characters: empty', () => {
    for (const v of ['', '   ', '\u200B', '\u202E \u200D']) expect(canon(v)).toBe('');
  });
});

const local = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
const domain = fc.constantFrom('example.org', 'mail.example.net', 'gmail.com', 'bücher.de', 'yahoo.com');
const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\u202E', '\u2066', '\uFEFF', '\u00AD');

/** A random way of writing one address: case, prefix, tag, trailing dot, invisible characters, full width. */
const spelling = (l: string, d: string) =>
  fc
    .record({
      upper: fc.array(fc.boolean(), { minLength: l.length, maxLength: l.length }),
      mailto: fc.boolean(),
      tag: fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/), { nil: undefined }),
      dot: fc.boolean(),
      hidden: fc.option(fc.tuple(fc.nat(l.length), invisible), { nil: undefined }),
      wide: fc.boolean(),
    })
    .map(({ upper, mailto, tag, dot, hidden, wide }) => {
      let name = [...l].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
      if (hidden) name = name.slice(0, hidden[0]) + hidden[1] + name.slice(hidden[0]);
      if (tag) name += (d === 'yahoo.com' ? '-' : '+') + tag;
      let text = `${name}@${d}${dot ? '.' : ''}`;
      if (wide)
        text = [...text]
          .map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c))
          .join('');
      return mailto ? `mailto:${text}` : text;
    });

describe('canonical identifiers: properties', () => {
  it('idempotent: the canonical form of a canonical form is itself', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => canon(canon(s)) === canon(s)));
    fc.assert(
      fc.property(local, domain, (l, d) =>
        fc.assert(
          fc.property(spelling(l, d), (v) => canon(canon(v)) === canon(v)),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 50 },
    );
  });
  it('equal for every spelling of one address, and so are the skeletons', () => {
    fc.assert(
      fc.property(local, domain, (l, d) => {
        const base = canonicalIdentifier(`${l}@${d}`, us);
        fc.assert(
          fc.property(spelling(l, d), (v) => {
            const c = canonicalIdentifier(v, us);
            return c.canonical === base.canonical && c.skeleton === base.skeleton;
          }),
          { numRuns: 10 },
        );
      }),
      { numRuns: 100 },
    );
  });
  it('equal for every spelling of one phone number', () => {
    const nanp = fc.tuple(
      fc.integer({ min: 200, max: 999 }),
      fc.integer({ min: 200, max: 999 }),
      fc.integer({ min: 0, max: 9999 }),
    );
    fc.assert(
      fc.property(nanp, fc.nat(5), ([a, b, c], style) => {
        const line = String(c).padStart(4, '0');
        const forms = [
          `+1${a}${b}${line}`,
          `+1 (${a}) ${b}-${line}`,
          `001 ${a} ${b} ${line}`,
          `tel:+1-${a}-${b}-${line}`,
          `(${a}) ${b}.${line}`,
          `${a}/${b}/${line}`,
        ];
        return canon(forms[style]!) === `+1${a}${b}${line}`;
      }),
    );
  });
  it('different for different people', () => {
    fc.assert(
      fc.property(local, domain, local, domain, (l1, d1, l2, d2) => {
        fc.pre(l1 !== l2 || d1 !== d2);
        return canon(`${l1}@${d1}`) !== canon(`${l2}@${d2}`);
      }),
      { numRuns: 500 },
    );
  });
  it('the skeleton is a fixed point, and confusable substitutions keep it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        (s) => identifierSkeleton(identifierSkeleton(s)) === identifierSkeleton(s),
      ),
      { numRuns: 500 },
    );
    const lookAlike: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', l: 'I', m: 'rn' };
    fc.assert(
      fc.property(local, (l) => {
        const swapped = [...l].map((ch) => lookAlike[ch] ?? ch).join('');
        return identifierSkeleton(swapped) === identifierSkeleton(l);
      }),
      { numRuns: 300 },
    );
  });
});
