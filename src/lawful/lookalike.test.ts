import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lookalikeOf, registeredName, skeleton } from './lookalike.ts';

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
