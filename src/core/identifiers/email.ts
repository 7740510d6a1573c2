import { domainToASCII, domainToUnicode } from 'node:url';
import { DOMAIN_ALIASES, type IdentifierRules } from './rules.ts';
import { foldCase, identifierSkeleton } from './skeleton.ts';

/** The domain as the DNS knows it: lower case, no trailing dot, IDNA (punycode) for internationalised names. */
export function asciiDomain(domain: string): string {
  const bare = domain.replace(/\.+$/, '');
  const ascii = domainToASCII(bare) || bare.toLowerCase();
  return DOMAIN_ALIASES[ascii] ?? ascii;
}

/**
 * An e-mail address in its compared form: the domain through IDNA, the sub-address tag (`+news`) dropped where the
 * rules say the domain has them, dots dropped where the provider ignores them, the local part case-folded. Also the
 * address's skeleton (confusable characters merged) for possible matches.
 *
 * @example canonicalEmail('Alice+Lawyer@GMAIL.com.', rules).canonical // 'alice@gmail.com'
 */
export function canonicalEmail(address: string, rules: IdentifierRules) {
  const at = address.lastIndexOf('@');
  const domain = asciiDomain(address.slice(at + 1));
  // A quoted local part (`"amira"@…`) is the same mailbox as the bare one when the quotes hide nothing.
  let local = address
    .slice(0, at)
    .replace(/^"((?:[^"\\]|\\.)*)"$/s, (_, inner: string) => inner.replace(/\\(.)/gs, '$1'));
  const separators = rules.subaddress.get(domain) ?? rules.subaddress.get('*') ?? '';
  const cut = [...separators].map((s) => local.indexOf(s)).filter((i) => i > 0);
  if (cut.length > 0) local = local.slice(0, Math.min(...cut));
  if (rules.dotless.has(domain)) local = local.replace(/\./g, '');
  return {
    canonical: `${foldCase(local)}@${domain}`,
    skeleton: `${identifierSkeleton(local)}@${identifierSkeleton(domainToUnicode(domain) || domain)}`,
  };
}
