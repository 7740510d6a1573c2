import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookalikeOf, registeredName, registrationFlags, skeleton } from './lookalike.ts';

const verified = ['police.city.gov', 'nypd.org', 'met.police.uk', 'fbi.gov'];

describe('look-alike domains', () => {
  it('accepts the verified domains and their subdomains', () => {
    for (const d of ['nypd.org', 'mail.nypd.org', 'fbi.gov', 'met.police.uk', 'police.city.gov']) {
      expect(lookalikeOf(d, verified)).toBeNull();
    }
  });
  it('flags homoglyphs, added words, other suffixes and embedding', () => {
    expect(lookalikeOf('nypd.com', verified)?.why).toMatch(/another suffix/);
    expect(lookalikeOf('nyp0d.org', verified)?.why).toMatch(/two letters|confusable/);
    expect(lookalikeOf('fbi-gov.com', verified)?.why).toMatch(/embedded|another suffix|words added/);
    expect(lookalikeOf('nypd-secure.org', verified)?.why).toMatch(/words added/);
    expect(lookalikeOf(domainToASCII('n\u0443\u0440d.org'), verified)?.why).toMatch(/confusable/);
    expect(lookalikeOf('met-police.uk', verified)).not.toBeNull();
    expect(lookalikeOf('rnet.police.uk', verified)?.why).toMatch(/confusable/);
    expect(lookalikeOf('fbl.gov', verified)?.why).toMatch(/confusable|two letters/);
  });
  it('leaves unrelated domains alone', () => {
    expect(lookalikeOf('example.org', verified)).toBeNull();
    expect(lookalikeOf('gmail.com', verified)).toBeNull();
  });
  it('knows what names a domain', () => {
    expect(registeredName('police.gov.uk')).toBe('police');
    expect(registeredName('mail.nypd.org')).toBe('nypd');
    expect(skeleton('rn0-ney')).toBe(skeleton('money'));
  });
});

// Labels of a registrable shape: letters, digits and single inner hyphens.
const label = fc.stringMatching(/^[a-z][a-z0-9]{3,10}(-[a-z0-9]{2,6})?$/);
const suffix = fc.constantFrom('gov', 'org', 'gov.uk', 'police.uk', 'com');
// Confusable stand-ins an attacker uses, from the UTS #39 table (Cyrillic, digits, full-width).
const swaps: Record<string, string[]> = {
  o: ['0', '\u043e', '\uff4f'],
  l: ['1', 'I', '\u0406'],
  a: ['\u0430', '\uff41'],
  e: ['\u0435'],
  c: ['\u0441'],
  p: ['\u0440'],
  m: ['rn'],
};

describe('look-alike properties', () => {
  it('the skeleton is idempotent and ignores hyphens', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(skeleton(skeleton(s))).toBe(skeleton(s));
        expect(skeleton(s.replace(/-/g, ''))).toBe(skeleton(s));
      }),
    );
  });
  it('a domain is never its own look-alike, nor are its sub-domains', () => {
    fc.assert(
      fc.property(label, suffix, label, (name, tld, sub) => {
        const d = `${name}.${tld}`;
        expect(lookalikeOf(d, [d])).toBeNull();
        expect(lookalikeOf(`${sub}.${d}`, [d])).toBeNull();
      }),
    );
  });
  it('a confusable swap, a dropped or doubled hyphen, another suffix, an added word or embedding is flagged', () => {
    fc.assert(
      fc.property(label, suffix, fc.nat(), fc.constantFrom('secure', 'portal', 'verify'), (name, tld, pick, word) => {
        const d = `${name}.${tld}`;
        const at = [...name].findIndex((c) => swaps[c] !== undefined);
        const variants = [
          `${name}-${word}.${tld}`,
          `${word}-${name}.${tld}`,
          `${name}.${tld === 'com' ? 'net' : 'com'}`,
          `${d}.${word}.example`,
          `${name.replace('-', '')}x.${tld}`.replace(/x\./, '.'),
          `${name.replace('-', '--')}.${tld}`,
        ];
        if (at >= 0) {
          const options = swaps[name[at]!]!;
          variants.push(`${name.slice(0, at)}${options[pick % options.length]}${name.slice(at + 1)}.${tld}`);
        }
        for (const v of variants.filter((x) => x !== d && !x.endsWith(`.${d}`))) {
          expect(registrationFlags(domainToASCII(v) || v, [{ agency: 'real', domain: d }]), v).not.toEqual([]);
        }
      }),
    );
  });
  it('the short-name case: nca-secure.gov.uk is nca.gov.uk with a word added', () => {
    expect(lookalikeOf('nca-secure.gov.uk', ['nca.gov.uk'])?.why).toMatch(/words added/);
    expect(registrationFlags('nca.gov.uk', [{ agency: 'x', domain: 'nca-secure.gov.uk' }])).not.toEqual([]);
  });
});
