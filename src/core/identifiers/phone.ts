import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { IdentifierRules } from './rules.ts';

// What people put between digits: spaces, brackets, dashes of every kind, dots, slashes.
const SEPARATORS = /[\s()[\].\-/\p{Pd}]/gu;

/** The digits of what looks like a phone number (`+44 (20) 7946-0018`, `0044…`), `+` first if it has one, or null. */
export function phoneDigits(text: string): string | null {
  const bare = text.replace(SEPARATORS, '').replace(/^00(?=[1-9])/, '+');
  if (!/^\+?\d{6,17}$/.test(bare)) return null;
  return bare;
}

/**
 * A phone number in E.164 (`+442079460018`) when libphonenumber can place it (an international prefix, or the
 * configured default region for a national number); otherwise its bare digits. The skeleton is the national
 * significant number, so `020 7946 0018` with no region set is still a possible match of `+44 20 7946 0018`.
 */
export function canonicalPhone(digits: string, rules: IdentifierRules) {
  const parsed = digits.startsWith('+')
    ? parsePhoneNumberFromString(digits)
    : rules.phoneRegion
      ? parsePhoneNumberFromString(digits, rules.phoneRegion)
      : undefined;
  if (parsed?.isPossible()) return { canonical: parsed.number, skeleton: `tel:${parsed.nationalNumber}` };
  // Not placed (no region configured): a number that is valid once read as international (`12025550144`, or after
  // the North American `011` prefix) is a possible match of that number, never equal to it: the same digits could
  // be a national number elsewhere.
  const international = digits.startsWith('+')
    ? undefined
    : parsePhoneNumberFromString(`+${digits.replace(/^011/, '')}`);
  if (international?.isValid()) return { canonical: digits, skeleton: `tel:${international.nationalNumber}` };
  return { canonical: digits, skeleton: `tel:${digits.replace(/^\+/, '').replace(/^0+/, '')}` };
}
