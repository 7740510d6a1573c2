import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCslJson } from '../../src/screening/importers/csl-json.ts';
import { parseFtm } from '../../src/screening/importers/ftm.ts';
import { compareNames } from '../../src/screening/matcher/compare-names.ts';
import { jaroWinkler } from '../../src/screening/matcher/jaro-winkler.ts';
import { NameIndex } from '../../src/screening/matcher/name-index.ts';
import { normalizeName } from '../../src/screening/matcher/normalize-name.ts';
import { screenParty } from '../../src/screening/matcher/screen-name.ts';
import type { MatchableEntry } from '../../src/screening/matcher/types.ts';
import { repoRoot } from '../support/cli.ts';

const shared = resolve(repoRoot, '../shared/data/screening/csl-spyware-vendors.json');
const csl = parseCslJson(readFileSync(shared, 'utf8'));
const entries: MatchableEntry[] = csl.records.map((r) => ({
  id: r.externalId,
  listName: r.programs[0]!,
  name: r.name,
  aliases: r.aliases,
  countries: r.countries,
  domains: r.name.startsWith('Intellexa S.A.') ? ['intellexa.com'] : [],
}));
const index = new NameIndex();
entries.forEach((e) => index.add(e));
const screen = (name: string, extra: { country?: string; domain?: string } = {}) =>
  screenParty(index, { name, ...extra }, { threshold: 0.85 });

describe('normalisation', () => {
  it('folds case, accents and punctuation, and drops legal forms', () => {
    expect(normalizeName('Computer Security Initiative Consultancy PTE. LTD.').tokens).toEqual([
      'computer',
      'security',
      'initiative',
      'consultancy',
    ]);
    expect(normalizeName('CYTROX HOLDINGS ZARTKORUEN MUKODO RESZVENYTARSASAG').tokens).toEqual(['cytrox', 'holdings']);
    expect(normalizeName('Intellexa S.A.').removedLegalForms).toEqual(['sa']);
    expect(normalizeName('Aktsionernoe Obshchestvo Pozitiv Teknolodzhiz').tokens).toEqual(['pozitiv', 'teknolodzhiz']);
    expect(normalizeName('Déák & Partners GmbH').tokens).toEqual(['deak', 'and', 'partners']);
  });

  it('transliterates Cyrillic, Greek and Hebrew to Latin', () => {
    expect(normalizeName('ПОЗИТИВ ТЕХНОЛОДЖИЗ').tokens).toEqual(['pozitiv', 'tekhnolodzhiz']);
    expect(normalizeName('Ιντελλέξα').tokens).toEqual(['intellexa']);
    expect(normalizeName('קנדירו').abjad).toBe(true);
  });
});

describe('Jaro-Winkler', () => {
  it('scores known pairs', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('matching the real CSL entries', () => {
  it('finds both Cytrox Holdings entries, however spelled', () => {
    // Cytrox AD (same group, fewer words) follows with a lower score.
    const hits = screen('Cytrox Holdings Zrt.');
    expect(
      hits
        .slice(0, 2)
        .map((h) => h.entry.name)
        .sort(),
    ).toEqual(['CYTROX HOLDINGS ZARTKORUEN MUKODO RESZVENYTARSASAG', 'Cytrox Holdings Zrt']);
    expect(hits.slice(0, 2).every((h) => h.score === 1)).toBe(true);
    expect(hits.slice(2).every((h) => h.score < 1 && h.entry.name.toLowerCase().startsWith('cytrox ad'))).toBe(true);
  });

  it('matches aliases and says which', () => {
    const [hit] = screen('Saito Tech Ltd');
    expect(hit?.entry.name).toBe('Candiru');
    expect(hit?.explanation.matchedKind).toBe('alias');
    expect(hit?.explanation.matchedName).toBe('Saito Tech Ltd.');
    expect(screen('SaitoTech')[0]?.explanation.method).toBe('compact');
  });

  it('matches spelling errors, reordered words and other scripts', () => {
    expect(screen('Intelexa Limited').map((h) => h.entry.name)).toContain('Intellexa Limited');
    expect(screen('Holdings Cytrox').map((h) => h.entry.name)).toContain('Cytrox Holdings Zrt');
    const cyrillic = screen('Цитрокс');
    expect(cyrillic.map((h) => h.entry.name)).toContain('Cytrox AD');
    expect(cyrillic[0]?.explanation.tokens[0]).toMatchObject({ query: 'tsitroks', candidate: 'cytrox', how: 'sound' });
    expect(screen('קנדירו')[0]?.entry.name).toBe('Candiru');
  });

  it('does not match unrelated companies that share generic words', () => {
    expect(screen('Positive Thinking Company')).toEqual([]);
    expect(screen('Positive Labs Inc')).toEqual([]);
    expect(screen('Circle Internet Financial')).toEqual([]);
    expect(screen('Paragon Banking Group PLC')).toEqual([]);
    expect(screen('Security Initiative Partners')).toEqual([]);
    expect(screen('NSA Group')).toEqual([]);
  });

  it('country and domain evidence raise or lower the score, and are explained', () => {
    const plain = screen('Intellexa SA')[0]!;
    const sameCountry = screen('Intellexa SA', { country: 'GR' }).find((h) => h.entry.id === plain.entry.id)!;
    const otherCountry = screenParty(index, { name: 'Intellexa SA', country: 'US' }, { threshold: 0.5 }).find(
      (h) => h.entry.id === plain.entry.id,
    )!;
    expect(otherCountry.score).toBeLessThan(plain.score);
    expect(otherCountry.explanation.evidence[0]).toMatchObject({ kind: 'country', effect: -0.1 });
    expect(sameCountry.explanation.evidence[0]).toMatchObject({ kind: 'country', effect: 0.05 });
    const byDomain = screen('Intelexa SA', { domain: 'https://www.intellexa.com/contact' });
    expect(byDomain[0]?.explanation.evidence).toContainEqual(expect.objectContaining({ kind: 'domain', effect: 0.15 }));
    expect(byDomain[0]?.explanation.summary).toMatch(/intellexa.com is the entry's website/);
  });

  it('thresholds are honoured', () => {
    // Two words the entry lacks: 0.57 against "Intellexa S.A.".
    const loose = screenParty(index, { name: 'Intellexa Hellas Group' }, { threshold: 0.5 });
    const strict = screenParty(index, { name: 'Intellexa Hellas Group' }, { threshold: 0.95 });
    expect(loose.length).toBeGreaterThan(0);
    expect(strict).toEqual([]);
  });
});

describe('names other than the main one', () => {
  // One FollowTheMoney entity with every kind of name, parsed and indexed as an import would.
  const ftm = parseFtm(
    JSON.stringify({
      id: 'ftm-1',
      schema: 'Company',
      properties: {
        name: ['Vortelix Systems'],
        alias: ['Brennard Systems'],
        weakAlias: ['Brennard Labs'],
        previousName: ['Quillon Intercept'],
        country: ['cy'],
        website: ['https://vortelix.example'],
      },
    }),
  ).records[0]!;
  const small = new NameIndex();
  small.add({ id: ftm.externalId, listName: 'test', ...ftm });
  const at = (name: string, threshold = 0.85, extra: { country?: string; domain?: string } = {}) =>
    screenParty(small, { name, ...extra }, { threshold });

  it('finds an entry by a previous name, also misspelt, and says so', () => {
    for (const name of ['Quillon Intercept', 'Quilon Intercept Ltd', 'Intercept Quillon']) {
      const [hit] = at(name);
      expect(hit?.entry.id, name).toBe('ftm-1');
      expect(hit?.explanation.matchedKind).toBe('previous_name');
      expect(hit?.explanation.matchedName).toBe('Quillon Intercept');
    }
  });

  it('a weak alias counts less than a full alias', () => {
    // "Brennard" against the alias "Brennard Systems" and the weak alias "Brennard Labs": same shape, one generic word.
    const strong = at('Brennard Systems')[0]!;
    const weak = at('Brennard Labs')[0]!;
    expect(strong.explanation.matchedKind).toBe('alias');
    expect(weak.explanation.matchedKind).toBe('weak_alias');
    expect(strong.score).toBe(1);
    expect(weak.score).toBe(0.9);
    expect(weak.explanation.summary).toMatch(/a weak alias: counted at 0.9/);
    // Misspelt, the full alias still matches; the weak one falls under the threshold.
    expect(at('Brennadr Systems')[0]?.explanation.matchedKind).toBe('alias');
    expect(at('Brennadr Labs')).toEqual([]);
    expect(at('Brennadr Labs', 0.5)[0]!.score).toBeLessThan(at('Brennadr Systems')[0]!.score);
  });

  it('country and domain evidence move a score over the threshold or under it', () => {
    // "Vortelix" alone against "Vortelix Systems" (a generic word missing): 0.8, under 0.85 without evidence.
    expect(at('Vortelix')).toEqual([]);
    expect(at('Vortelix', 0.5)[0]!.score).toBe(0.8);
    const sameCountry = at('Vortelix', 0.85, { country: 'CY' })[0]!;
    expect(sameCountry.score).toBe(0.85);
    expect(sameCountry.explanation.evidence).toEqual([expect.objectContaining({ kind: 'country', effect: 0.05 })]);
    expect(at('Vortelix', 0.85, { domain: 'www.vortelix.example' })[0]!.score).toBe(0.95);
    // A full name match from another country, or with another website, drops under a strict threshold.
    expect(at('Vortelix Systems', 0.95)[0]!.score).toBe(1);
    expect(at('Vortelix Systems', 0.95, { country: 'FR' })).toEqual([]);
    expect(at('Vortelix Systems', 0.5, { country: 'FR' })[0]!.score).toBe(0.9);
    const otherSite = at('Vortelix Systems', 0.5, { domain: 'other-company.example' })[0]!;
    expect(otherSite.score).toBe(0.95);
    expect(otherSite.explanation.evidence).toEqual([expect.objectContaining({ kind: 'domain', effect: -0.05 })]);
    // Both against: a country and a website elsewhere.
    expect(at('Vortelix Systems', 0.5, { country: 'FR', domain: 'other-company.example' })[0]!.score).toBe(0.85);
  });
});

describe('name comparison', () => {
  it('explains token pairs and unmatched words', () => {
    const c = compareNames(normalizeName('Paragon Software GmbH'), normalizeName('Paragon Solutions Ltd'));
    expect(c.pairs).toEqual([{ query: 'paragon', candidate: 'paragon', similarity: 1, how: 'exact' }]);
    expect(c.unmatchedQuery).toEqual(['software']);
    expect(c.unmatchedCandidate).toEqual(['solutions']);
    expect(c.score).toBeLessThan(0.85);
  });
});
