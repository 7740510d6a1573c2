import { brandLabel, hostOf, sameSite } from './domains.ts';
import type { NormalizedName } from './normalize-name.ts';
import type { EvidenceItem, MatchableEntry, ScreeningQuery } from './types.ts';

/** How much each kind of evidence moves a score (documented in docs/screening.md). */
export const EVIDENCE_WEIGHTS = {
  countryMatch: 0.05,
  countryMismatch: -0.1,
  domainMatch: 0.15,
  domainNamesEntry: 0.05,
  domainMismatch: -0.05,
} as const;

/**
 * Facts beside the name that make a match more or less likely: the party's country among the entry's countries (or
 * not), the party's web domain among the entry's websites, or named after the entry (intellexa.com for Intellexa).
 * Missing facts are neutral.
 */
export function weighEvidence(query: ScreeningQuery, entry: MatchableEntry, entryName: NormalizedName): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  const country = query.country?.trim().toUpperCase();
  if (country && entry.countries.length > 0) {
    items.push(
      entry.countries.includes(country)
        ? {
            kind: 'country',
            effect: EVIDENCE_WEIGHTS.countryMatch,
            detail: `${country} is among the entry's countries`,
          }
        : {
            kind: 'country',
            effect: EVIDENCE_WEIGHTS.countryMismatch,
            detail: `${country} is not among the entry's countries (${entry.countries.join(', ')})`,
          },
    );
  }
  const host = query.domain ? hostOf(query.domain) : null;
  if (host) {
    const site = entry.domains.find((d) => sameSite(d, host));
    const label = brandLabel(host).replace(/-/g, '');
    if (site) {
      items.push({
        kind: 'domain',
        effect: EVIDENCE_WEIGHTS.domainMatch,
        detail: `${host} is the entry's website ${site}`,
      });
    } else if (label.length >= 4 && (label === entryName.compact || entryName.tokens.includes(label))) {
      items.push({
        kind: 'domain',
        effect: EVIDENCE_WEIGHTS.domainNamesEntry,
        detail: `${host} is named after the entry`,
      });
    } else if (entry.domains.length > 0) {
      items.push({
        kind: 'domain',
        effect: EVIDENCE_WEIGHTS.domainMismatch,
        detail: `${host} is not among the entry's websites (${entry.domains.join(', ')})`,
      });
    }
  }
  return items;
}
