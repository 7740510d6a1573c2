import { asciiDigits, withoutExtension } from './digits.ts';
import { canonicalEmail } from './email.ts';
import { canonicalPhone, phoneDigits } from './phone.ts';
import { DEFAULT_RULES, type IdentifierRules } from './rules.ts';
import { foldCase, identifierSkeleton, INVISIBLE } from './skeleton.ts';

// Hosts whose profile pages are `host/<handle>`; the handle is what identifies the person.
const PROFILE_URL =
  /^(?:https?:\/\/)?(?:(?:www|mobile|m)\.)?(?:twitter\.com|x\.com|instagram\.com|t\.me|telegram\.me|tiktok\.com|threads\.net|github\.com)\/@?([\p{L}\p{N}_.]+)\/?(?:[?#].*)?$/iu;

export type IdentifierKind = 'email' | 'phone' | 'handle' | 'other';

export interface CanonicalIdentifier {
  kind: IdentifierKind;
  /** The one form compared for equality: two spellings of one person's identifier give the same string. */
  canonical: string;
  /** What it looks like (UTS #39): equal skeletons with different canonical forms are a possible match. */
  skeleton: string;
}

/**
 * The canonical form of an identifier of a person: an e-mail address, a phone number, a handle or an account
 * name, however it was written (Unicode compatibility forms, invisible and bidirectional characters, `mailto:` and
 * `tel:` prefixes, case, spacing). Every comparison of people's identifiers goes through here: detections' subject
 * index, cases, the lawful-request cross-check, notice de-duplication and suppression.
 *
 * @example canonicalIdentifier('mailto:ALICE+x@Example.COM.').canonical // 'alice@example.com'
 * @example canonicalIdentifier('tel:0044 (20) 7946-0018').canonical // '+442079460018'
 * @example canonicalIdentifier('@Alice').canonical // 'alice'
 */
export function canonicalIdentifier(raw: string, rules: IdentifierRules = DEFAULT_RULES): CanonicalIdentifier {
  const text = asciiDigits(raw.replace(INVISIBLE, '').normalize('NFKC').replace(INVISIBLE, ''))
    .trim()
    // An address pasted from a URL: `amira%40example.org` is `amira@example.org`.
    .replace(/%40/gi, '@');
  // A profile link names the handle: `https://twitter.com/amira_k`, `x.com/@amira_k/`.
  const profile = PROFILE_URL.exec(text);
  if (profile) return { kind: 'handle', canonical: foldCase(profile[1]!), skeleton: identifierSkeleton(profile[1]!) };
  const mailto = /^mailto:/i.test(text);
  if (mailto || text.lastIndexOf('@') > 0) {
    const address = (mailto ? text.slice(7) : text)
      .replace(/[?#].*$/s, '')
      .replace(/^<|>$/g, '')
      .replace(/^@+/, '')
      .trim();
    const at = address.lastIndexOf('@');
    if (at > 0 && at < address.length - 1) return { kind: 'email', ...canonicalEmail(address, rules) };
  }
  const tel = /^tel:/i.test(text);
  const digits = phoneDigits(withoutExtension((tel ? text.slice(4) : text).replace(/;.*$/s, '')));
  if (digits) return { kind: 'phone', ...canonicalPhone(digits, rules) };
  if (text.startsWith('@')) {
    // Trailing slashes or at signs are what a pasted mention or link leaves behind.
    const name = text.replace(/^@+/, '').replace(/[/@]+$/, '');
    return { kind: 'handle', canonical: foldCase(name), skeleton: identifierSkeleton(name) };
  }
  const bare = /^[\p{L}\p{N}_.]+[/@]+$/u.test(text) ? text.replace(/[/@]+$/, '') : text;
  return { kind: 'other', canonical: foldCase(bare), skeleton: identifierSkeleton(bare) };
}
