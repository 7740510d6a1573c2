/**
 * Any Unicode decimal digit (Arabic-Indic `١`, Persian `۱`, Devanagari `१`, …) as its ASCII digit: NFKC folds only
 * the full-width forms, and a number written in another script is the same number. Unicode assigns decimal digits
 * in contiguous runs of ten from zero, so a digit's value is its position in its run.
 */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (ch) => {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) return ch;
    let run = 0;
    while (run < 60 && /\p{Nd}/u.test(String.fromCodePoint(cp - run - 1))) run++;
    return String(run % 10);
  });
}

// An extension after the number: `ext. 9`, `x9`, `#9`, or a pause or wait with what follows (`,1`, `;1`, `p1`, `w1`).
const EXTENSION = /(?<=\d)\s*(?:(?:ext(?:ension)?\.?|x)\s*\d+|#\d*|[,;pw][\d*#,;pw]*)\s*$/i;

/** The number without an extension or dialling pauses: they reach the same line. */
export const withoutExtension = (text: string) => text.replace(EXTENSION, '');
