import anyAscii from 'any-ascii';

// Scripts written without most vowels: their Latin form is a consonant skeleton (קנדירו → kndyrv).
const ABJAD = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\uFB1D-\uFDFF\uFE70-\uFEFF]/;

export interface Transliteration {
  readonly latin: string;
  /** True when the name was written in Hebrew or Arabic script, so only consonants can be compared. */
  readonly abjad: boolean;
}

/**
 * Any script to Latin letters (Cyrillic, Greek, Hebrew, Arabic, CJK…) and accents removed, through any-ascii's
 * tables: ПОЗИТИВ → POZITIV, Ιντελλέξα → Intellexa, Déák → Deak.
 */
export function transliterate(name: string): Transliteration {
  const abjad = ABJAD.test(name);
  const local = name.replace(GREEK_DIGRAPHS, (d) => GREEK[d.toLowerCase()] ?? d);
  // any-ascii reads ב as v (its sound without a dot); in a foreign name it is mostly b, and v is written ו.
  return { latin: anyAscii(abjad ? local.replace(/ב/g, 'b') : local), abjad };
}

// Modern Greek reads these pairs as one sound; letter by letter they would become "oy", "mp", "nt", "ch", "tz"
// (τζ is how Greek writes a foreign j: Τζόνσον is Johnson).
const GREEK: Record<string, string> = { ου: 'u', ού: 'u', μπ: 'b', ντ: 'd', γκ: 'g', χ: 'kh', τζ: 'j' };
const GREEK_DIGRAPHS = /ου|ού|τζ|(?<![\p{L}])(?:μπ|ντ|γκ)|χ/giu;
