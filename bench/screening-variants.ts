// Generated list entries and labelled variants for `npm run bench:screening`: no third-party data.

/** A small deterministic random source (mulberry32), so every run screens the same names. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Random = () => number;
const pick = <T>(r: Random, items: readonly T[]) => items[Math.floor(r() * items.length)]!;

const ONSETS = [
  'bl',
  'fr',
  'gl',
  'h',
  'j',
  'kl',
  'qu',
  'sk',
  'sl',
  'sm',
  'sn',
  'sp',
  'th',
  'w',
  'y',
  'fl',
  'cr',
  'dw',
  'tw',
  'wr',
  'b',
  'br',
  'c',
  'ch',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'k',
  'l',
  'm',
  'n',
  'p',
  'pr',
  'r',
  's',
  'st',
  't',
  'tr',
  'v',
  'z',
  'sh',
  'kr',
  'pl',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'au', 'ou', 'ee', 'oa', 'ie', 'ue'];
const CODAS = ['', '', '', 'n', 'r', 'l', 'x', 's', 'm', 'nd', 'rt', 'k', 'th', 'ck', 'ng', 'lt', 'st', 'mp', 'v', 'z'];
const GENERIC = [
  'Technologies',
  'Solutions',
  'Systems',
  'Group',
  'Holdings',
  'Labs',
  'Consulting',
  'Security',
  'International',
  'Software',
  'Networks',
  'Intelligence',
];
export const LEGAL_FORMS = [
  'Ltd',
  'Ltd.',
  'Limited',
  'LLC',
  'Inc.',
  'GmbH',
  'S.A.',
  'AG',
  'B.V.',
  'PTE. LTD.',
  'AD',
  'Zrt.',
  'OOO',
  'S.r.l.',
  'Co., Ltd.',
];
const COUNTRIES = [
  'IL',
  'GR',
  'MK',
  'HU',
  'RU',
  'SG',
  'IE',
  'CY',
  'AE',
  'IN',
  'IT',
  'DE',
  'FR',
  'US',
  'GB',
  'ES',
  'BG',
  'CN',
  'KZ',
  'NL',
];

const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

/** A made-up but pronounceable word of two to four syllables. */
export function word(r: Random): string {
  const syllables = 2 + Math.floor(r() * 3);
  let w = '';
  for (let i = 0; i < syllables; i++)
    w += pick(r, ONSETS) + pick(r, VOWELS) + (i === syllables - 1 ? pick(r, CODAS) : '');
  return capital(w);
}

export interface GeneratedEntry {
  id: string;
  listName: string;
  name: string;
  distinctive: string[];
  generic: string | null;
  legalForm: string | null;
  aliases: { name: string; kind: 'alias' | 'previous_name' }[];
  countries: string[];
  domains: string[];
}

export function entry(r: Random, id: number): GeneratedEntry {
  const distinctive = Array.from({ length: 1 + Math.floor(r() * r() * 3) }, () => word(r));
  const generic = r() < 0.5 ? pick(r, GENERIC) : null;
  const legalForm = r() < 0.6 ? pick(r, LEGAL_FORMS) : null;
  const name = [...distinctive, generic, legalForm].filter(Boolean).join(' ');
  const aliases: GeneratedEntry['aliases'] = [];
  if (r() < 0.2) aliases.push({ name: `${word(r)} ${pick(r, LEGAL_FORMS)}`, kind: 'alias' });
  if (r() < 0.05) aliases.push({ name: `${word(r)} ${word(r)}`, kind: 'previous_name' });
  return {
    id: `e${id}`,
    listName: r() < 0.5 ? 'Entity List' : 'SDN',
    name,
    distinctive,
    generic,
    legalForm,
    aliases,
    countries: [pick(r, COUNTRIES)],
    domains: r() < 0.3 ? [`${distinctive.join('').toLowerCase()}.com`] : [],
  };
}

const CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'б',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'х',
  i: 'и',
  j: 'дж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'в',
  x: 'кс',
  y: 'и',
  z: 'з',
};
const GREEK: Record<string, string> = {
  a: 'α',
  b: 'β',
  d: 'δ',
  e: 'ε',
  f: 'φ',
  g: 'γ',
  h: 'χ',
  i: 'ι',
  j: 'τζ',
  k: 'κ',
  l: 'λ',
  m: 'μ',
  n: 'ν',
  o: 'ο',
  p: 'π',
  q: 'κ',
  r: 'ρ',
  s: 'σ',
  t: 'τ',
  u: 'ου',
  v: 'β',
  w: 'β',
  x: 'ξ',
  y: 'ι',
  z: 'ζ',
};
const HEBREW: Record<string, string> = {
  b: 'ב',
  d: 'ד',
  f: 'פ',
  g: 'ג',
  h: 'ה',
  j: 'ג',
  k: 'ק',
  l: 'ל',
  m: 'מ',
  n: 'נ',
  p: 'פ',
  q: 'ק',
  r: 'ר',
  s: 'ס',
  t: 'ט',
  v: 'ו',
  w: 'ו',
  x: 'קס',
  z: 'ז',
  i: 'י',
  o: 'ו',
  u: 'ו',
  y: 'י',
};

/** Spells a Latin word in another script the way a local register would (c as k or s by the next letter). */
export function toScript(latin: string, script: 'cyrillic' | 'greek' | 'hebrew'): string {
  const table = script === 'cyrillic' ? CYRILLIC : script === 'greek' ? GREEK : HEBREW;
  const lower = latin.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    const next = lower[i + 1] ?? '';
    if (ch === 'c') out += table[/[eiy]/.test(next) ? 's' : 'k'] ?? '';
    else if (script === 'hebrew' && /[ae]/.test(ch)) out += i === 0 ? 'א' : '';
    else if (script === 'cyrillic' && ch === 's' && next === 'h') {
      out += 'ш';
      i++;
    } else out += table[ch] ?? (/[a-z]/.test(ch) ? '' : ch);
  }
  return out;
}

/** One spelling mistake in a word: a letter changed, dropped, doubled or two swapped (never the first letter). */
export function misspell(r: Random, w: string): string {
  const i = 1 + Math.floor(r() * (w.length - 1));
  const letters = 'abcdefghiklmnoprstuvz';
  switch (Math.floor(r() * 4)) {
    case 0:
      return w.slice(0, i) + pick(r, [...letters]) + w.slice(i + 1);
    case 1:
      return w.slice(0, i) + w.slice(i + 1);
    case 2:
      return w.slice(0, i) + w[i] + w.slice(i);
    default:
      return i < w.length - 1 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + 'e';
  }
}

export interface LabelledQuery {
  kind: string;
  name: string;
  country?: string;
  /** The entry this query should find; undefined for a name that should find nothing. */
  expected?: string;
}

/** Variants of a known entry's name that should find it, and near-names that should not. */
export function variantsOf(r: Random, e: GeneratedEntry): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  const rest = [e.generic, e.legalForm].filter(Boolean).join(' ');
  const typoed = e.distinctive.map((w, i) => (i === 0 && w.length >= 5 ? misspell(r, w) : w));
  out.push({ kind: 'spelling error', name: [...typoed, rest].join(' ').trim(), expected: e.id });
  if (e.distinctive.length + (e.generic ? 1 : 0) >= 2) {
    out.push({
      kind: 'reordered',
      name: [e.generic, ...[...e.distinctive].reverse()].filter(Boolean).join(' '),
      expected: e.id,
    });
  }
  const otherForm = pick(r, LEGAL_FORMS);
  out.push({
    kind: 'legal form',
    name: [...e.distinctive, e.generic, otherForm].filter(Boolean).join(', ').toUpperCase(),
    expected: e.id,
  });
  const script = pick(r, ['cyrillic', 'greek', 'hebrew'] as const);
  out.push({
    kind: `transliterated (${script})`,
    name: [...e.distinctive, e.generic ?? '']
      .map((w) => toScript(w, script))
      .join(' ')
      .trim(),
    expected: e.id,
  });
  // Near-names: a distinctive word replaced by another, or one sharing its first letters; the generic word kept.
  const replaced = [...e.distinctive];
  const at = Math.floor(r() * replaced.length);
  replaced[at] = replaced[at]!.slice(0, 2) + word(r).toLowerCase();
  out.push({ kind: 'unrelated near-name', name: [...replaced, e.generic, e.legalForm].filter(Boolean).join(' ') });
  out.push({
    kind: 'unrelated, shares generic words',
    name: [word(r), e.generic ?? 'Technologies', e.legalForm].filter(Boolean).join(' '),
  });
  return out;
}

// The generator's own notion of "the same name", to check labels with. Independent of the matcher: it knows
// how variants are made, and asks only whether one could have been made from an entry's name or alias.
const words = (name: string) =>
  name
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
const FORM_WORDS = LEGAL_FORMS.map(words).sort((a, b) => b.length - a.length);

function withoutLegalForm(ws: string[]): string[] {
  for (const form of FORM_WORDS) {
    if (ws.length > form.length && form.every((w, i) => ws[ws.length - form.length + i] === w))
      return ws.slice(0, ws.length - form.length);
  }
  return ws;
}

/** One spelling mistake as misspell() makes them: one edit (a swap of neighbours counts as one), not the first letter. */
function oneTypo(typed: string, word: string): boolean {
  if (word.length < 5 || typed[0] !== word[0] || Math.abs(typed.length - word.length) > 1) return false;
  let i = 0;
  while (i < typed.length && typed[i] === word[i]) i++;
  const rest = (a: number, b: number) => typed.slice(a) === word.slice(b);
  return (
    rest(i + 1, i + 1) ||
    rest(i, i + 1) ||
    rest(i + 1, i) ||
    (typed[i] === word[i + 1] && typed[i + 1] === word[i] && rest(i + 2, i + 2))
  );
}

/**
 * Whether `query` is, by this generator's rules, a variant of one of the entry's names: the same words in any order
 * with any legal form and at most one spelling mistake, or the same words spelled in another script.
 */
export function isVariantOf(query: string, e: GeneratedEntry): boolean {
  const q = withoutLegalForm(words(query));
  const latin = q.every((w) => /^[a-z]+$/.test(w));
  return [e.name, ...e.aliases.map((a) => a.name)].some((name) => {
    const n = withoutLegalForm(words(name));
    if (n.length !== q.length) return false;
    if (!latin) {
      return (['cyrillic', 'greek', 'hebrew'] as const).some(
        (script) => n.map((w) => toScript(w, script)).join(' ') === q.join(' '),
      );
    }
    const left = [...q];
    const unmatched = n.filter((w) => {
      const at = left.indexOf(w);
      if (at === -1) return true;
      left.splice(at, 1);
      return false;
    });
    return unmatched.length === 0 || (unmatched.length === 1 && oneTypo(left[0]!, unmatched[0]!));
  });
}
