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
      .replace(/kh/g, 'h')
      .replace(/zh/g, 'j')
      .replace(/x/g, 'ks')
      .replace(/ou/g, 'u')
      .replace(/w/g, 'v')
      .replace(/y/g, 'i')
      // Doubled letters are spelled single in many transliterations (Intellexa → Интелекса).
      .replace(/(.)\1+/g, '$1')
  );
}

/**
 * The consonants of a folded token, for names written in Hebrew or Arabic script (whose Latin form has few
 * vowels): Candiru and קנדירו (kndyrv) both become "kndr". Letters that stand for vowels there (y, v, w, h) go too, and b (ב is b or v).
 */
export function consonantSkeleton(token: string): string {
  return phoneticFold(token)
    .replace(/[aeiouybvwh']/g, '')
    .replace(/(.)\1+/g, '$1');
}
