import { domainToUnicode } from 'node:url';
import { identifierSkeleton } from '../core/identifiers/index.ts';

/**
 * Look-alike domains: what a forger registers to pass for an agency (`po1ice-city.gov`, `police-city-gov.com`,
 * `police-city.gov.co`, `city-police-secure.org`). Compares a sender's domain with an agency's verified ones.
 */

/**
 * A domain label reduced to what it looks like: its UTS #39 skeleton (the generated confusables table of
 * src/core/identifiers/, so a Cyrillic `а`, a full-width letter, `0` for `o`, `rn` for `m` all merge), with hyphens,
 * underscores and dots dropped (so dropped or doubled hyphens look the same).
 */
export function skeleton(label: string): string {
  return identifierSkeleton(label).replace(/[-_.\u2010-\u2015]/g, '');
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

// Public suffixes common for agencies: `police.gov.uk` has the name `police`, not `gov`.
const SECOND_LEVEL = new Set([
  'gov',
  'gob',
  'gouv',
  'govt',
  'go',
  'gv',
  'mil',
  'police',
  'org',
  'com',
  'net',
  'ac',
  'co',
  'nic',
  'admin',
]);

/** The part of a domain that names its owner: `nyc.gov` → `nyc`; `police.gov.uk` → `police`. */
export function registeredName(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2]!) && labels[labels.length - 1]!.length === 2) {
    return labels[labels.length - 3]!;
  }
  return labels.length >= 2 ? labels[labels.length - 2]! : labels[0]!;
}

export interface LookalikeMatch {
  verified: string;
  why: string;
}

/**
 * Whether `sender` imitates one of `verified` without being it (or a subdomain of it): same look after confusable
 * characters are merged, within two edits, the verified name with words added, or the same name under another
 * suffix. Returns the domain imitated and why, or null.
 */
export function lookalikeOf(sender: string, verified: readonly string[]): LookalikeMatch | null {
  // Internationalised names are compared as they are shown (Cyrillic 'а' and all), not as punycode.
  const domain = (domainToUnicode(sender.toLowerCase()) || sender.toLowerCase()).replace(/\.$/, '');
  for (const v of verified.map((d) => d.toLowerCase())) {
    if (domain === v || domain.endsWith(`.${v}`)) return null;
  }
  const name = registeredName(domain);
  for (const v of verified.map((d) => d.toLowerCase())) {
    const vName = registeredName(v);
    if (name === vName) return { verified: v, why: `the same name under another suffix (${domain} for ${v})` };
    if (skeleton(name) === skeleton(vName))
      return { verified: v, why: `looks the same as ${v} (confusable characters)` };
    if (vName.length >= 4 && editDistance(name, vName) <= 2) return { verified: v, why: `within two letters of ${v}` };
    if (vName.length >= 4 && skeleton(name).includes(skeleton(vName))) {
      return { verified: v, why: `${v}'s name with words added` };
    }
    // Short names (`nca`) as a word of a longer one: `nca-secure.gov.uk`, `secure_nca.org`.
    if (name.split(/[-_]+/).some((w) => w.length > 0 && skeleton(w) === skeleton(vName))) {
      return { verified: v, why: `${v}'s name with words added` };
    }
    if (skeleton(domain.replace(/\./g, '')).includes(skeleton(v.replace(/\./g, '')))) {
      return { verified: v, why: `${v} embedded in another domain` };
    }
  }
  return null;
}

export interface RegisteredDomain {
  agency: string;
  domain: string;
}

/** One reason a domain being registered resembles a domain already registered (to show the approver). */
export interface RegistrationFlag {
  domain: string;
  resembles: string;
  agency: string;
  why: string;
}

/**
 * What a domain being registered (for a new agency, or added to one) resembles among every registered agency's
 * domains, pending ones included: the same domain or a sub-domain of it under another agency, a look-alike of it
 * (lookalikeOf), or the reverse (the registered one imitating the new one). The new agency's own domains are left out.
 */
export function registrationFlags(
  domain: string,
  registered: readonly RegisteredDomain[],
  ownAgency?: string,
): RegistrationFlag[] {
  const d = (domainToUnicode(domain.toLowerCase()) || domain.toLowerCase()).replace(/\.$/, '');
  const flags: RegistrationFlag[] = [];
  for (const r of registered) {
    if (r.agency === ownAgency) continue;
    const v = (domainToUnicode(r.domain.toLowerCase()) || r.domain.toLowerCase()).replace(/\.$/, '');
    const flag = (why: string) => flags.push({ domain, resembles: r.domain, agency: r.agency, why });
    if (d === v) flag(`${r.domain} is already registered to another agency`);
    else if (d.endsWith(`.${v}`) || v.endsWith(`.${d}`))
      flag(`a parent or sub-domain of ${r.domain}, another agency's`);
    else {
      const m = lookalikeOf(d, [v]) ?? lookalikeOf(v, [d]);
      if (m) flag(m.why);
    }
  }
  return flags;
}
