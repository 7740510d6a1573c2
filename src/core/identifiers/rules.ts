import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import type { Config } from '../config/index.ts';

/** The operator's rules for comparing identifiers, parsed once from the configuration. */
export interface IdentifierRules {
  /** Region for numbers written without an international prefix (ISO 3166-1 alpha-2), or none. */
  readonly phoneRegion: CountryCode | undefined;
  /** Per domain, the characters that start a sub-address tag (`+` in `alice+news@`); `*` for every other domain. */
  readonly subaddress: ReadonlyMap<string, string>;
  /** Domains whose provider ignores dots in the local part (`a.lice@gmail.com` is `alice@gmail.com`). */
  readonly dotless: ReadonlySet<string>;
}

/** One provider's other domain names for the same mailboxes. */
export const DOMAIN_ALIASES: Readonly<Record<string, string>> = { 'googlemail.com': 'gmail.com' };

const parsed = new WeakMap<object, IdentifierRules>();

/** `*=+,yahoo.com=-,example.org=`: `=` with nothing after it means that domain has no sub-addresses. */
function parseSubaddress(spec: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of spec.split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    map.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1));
  }
  return map;
}

export function identifierRules(
  config: Pick<Config, 'identifierPhoneRegion' | 'identifierSubaddress' | 'identifierDotlessDomains'>,
): IdentifierRules {
  const known = parsed.get(config);
  if (known) return known;
  const region = config.identifierPhoneRegion.toUpperCase();
  if (region && !isSupportedCountry(region))
    throw new Error(`ACCORD_IDENTIFIER_PHONE_REGION: ${region} is not a region with phone numbering metadata`);
  const rules: IdentifierRules = Object.freeze({
    phoneRegion: region ? (region as CountryCode) : undefined,
    subaddress: parseSubaddress(config.identifierSubaddress),
    dotless: new Set(
      config.identifierDotlessDomains
        .split(',')
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    ),
  });
  parsed.set(config, rules);
  return rules;
}

export const DEFAULT_RULES: IdentifierRules = Object.freeze({
  phoneRegion: undefined,
  subaddress: new Map([['*', '+']]),
  dotless: new Set(['gmail.com']),
});
