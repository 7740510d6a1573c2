import { domainToUnicode } from 'node:url';

/**
 * Look-alike domains: what a forger registers to pass for an agency (`po1ice-city.gov`, `police-city-gov.com`,
 * `police-city.gov.co`, `city-police-secure.org`). Compares a sender's domain with an agency's verified ones.
 */

// Characters people (and fonts) confuse, mapped to one representative; multi-letter runs first.
const CONFUSABLE_RUNS: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
];
const CONFUSABLE_CHARS: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  i: 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  // Cyrillic and Greek letters that look Latin (after punycode decoding of an IDN).
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'l',
  ο: 'o',
  α: 'a',
};

/** A domain reduced to what it looks like: confusable characters merged, hyphens dropped. */
export function skeleton(label: string): string {
  let s = label.toLowerCase();
  for (const [re, to] of CONFUSABLE_RUNS) s = s.replace(re, to);
  return [...s]
    .map((c) => CONFUSABLE_CHARS[c] ?? c)
    .join('')
    .replace(/[-_.]/g, '');
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
    if (skeleton(domain.replace(/\./g, '')).includes(skeleton(v.replace(/\./g, '')))) {
      return { verified: v, why: `${v} embedded in another domain` };
    }
  }
  return null;
}
