const NON_ASCII = /[\u0080-\uFFFF]/; // a UTF-16 unit beyond ASCII (astral characters are surrogate pairs)
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;

/**
 * Any Unicode decimal digit (Arabic-Indic `١`, Persian `۱`, Devanagari `१`, …) as its ASCII digit: NFKC folds only
 * the full-width forms, and a number written in another script is the same number. Unicode assigns decimal digits
 * in contiguous runs of ten from zero, so a digit's value is its position in its run.
 */
export function asciiDigits(text: string): string {
  // Every identifier of every event passes here: plain ASCII (nearly all of them) costs one test, no callback.
  if (!NON_ASCII.test(text)) return text;
  return text.replace(NON_ASCII_DIGIT, (ch) => {
    const cp = ch.codePointAt(0)!;
    let run = 0;
    while (run < 60 && /\p{Nd}/u.test(String.fromCodePoint(cp - run - 1))) run++;
    return String(run % 10);
  });
}

// An extension after the number: `ext. 9`, `x9`, `#9`, or a pause or wait with what follows (`,1`, `;1`, `p1`, `w1`).
const EXTENSION = /(?<=\d)\s*(?:(?:ext(?:ension)?\.?|x)\s*\d+|#\d*|[,;pw][\d*#,;pw]*)\s*$/i;

/** The number without an extension or dialling pauses: they reach the same line. */
export const withoutExtension = (text: string) => text.replace(EXTENSION, '');
