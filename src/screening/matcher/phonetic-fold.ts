/**
 * Folds spellings that sound alike onto one form, so transliterations and common misspellings meet:
 * Tsitroks (from Цитрокс) and Cytrox both become "sitroks"; Intelleksa and Intellexa become "inteleksa".
 */
export function phoneticFold(token: string): string {
  return (
    token
      .replace(/ph/g, 'f')
      .replace(/^ts/, 's')
      .replace(/tz|ts(?=[aeiouy])/g, 's')
      .replace(/c(?=[eiy])/g, 's')
      .replace(/[cq]/g, 'k')
      // "ch" letter by letter in another script comes back as "kkh" (κχ).
      .replace(/k+h/g, 'h')
      // Cyrillic дж (dzh) and Greek τζ are how those scripts write j.
      .replace(/dzh|dz|zh/g, 'j')
      .replace(/x/g, 'ks')
      .replace(/ou/g, 'u')
      // b and v meet in most scripts' Latin forms: Greek β and Hebrew ב are read v, Cyrillic в/б are confused.
      .replace(/[wb]/g, 'v')
      .replace(/y/g, 'i')
      // Doubled letters are spelled single in many transliterations (Intellexa → Интелекса).
      .replace(/(.)\1+/g, '$1')
  );
}

/**
 * The consonants of a token, for names written in Hebrew or Arabic script whose vowels were left out: Candiru and
 * קנדירו (kndyrv) both become "kndr". Letters that stand for vowels there (y, v, w, h) go too.
 */
export function consonantSkeleton(token: string): string {
  return spellAsHebrew(token)
    .replace(/[yvh]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/**
 * A token as Hebrew would spell it, in Latin letters (see transliterate.ts): o, u, w and v as one letter (ו), i and
 * y as another (י), a and e left out, p/f (פ) and g/j (ג) merged. Keeps more than the consonants, so short names
 * can be compared: Biohem and ביוהמ are both "byvhm", Candiru and קנדירו both "kndyrv".
 */
export function abjadKey(token: string): string {
  let key = abjadKeys.get(token);
  if (key !== undefined) return key;
  key = spellAsHebrew(token);
  // Hebrew screens compare these keys for every candidate word: remembered, within bounds.
  if (abjadKeys.size > 100_000) abjadKeys.clear();
  abjadKeys.set(token, key);
  return key;
}
const abjadKeys = new Map<string, string>();

function spellAsHebrew(token: string): string {
  return token
    .replace(/ph/g, 'f')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cq]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/[wou]/g, 'v')
    .replace(/i/g, 'y')
    .replace(/f/g, 'p')
    .replace(/j/g, 'g')
    .replace(/[ae']/g, '')
    .replace(/(.)\1+/g, '$1');
}
