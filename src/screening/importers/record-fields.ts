import { createHash } from 'node:crypto';
import { hostOf } from '../matcher/domains.ts';
import type { EntryName } from '../matcher/types.ts';

/** Distinct non-empty trimmed strings. */
export function cleanList(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const v of values) if (typeof v === 'string' && v.trim()) out.add(v.trim().replace(/\s+/g, ' '));
  return [...out];
}

/** ISO alpha-2 country codes, upper case; anything else is dropped (lists sometimes hold country names). */
export const countryCodes = (values: readonly unknown[]) =>
  cleanList(values)
    .map((c) => c.toUpperCase())
    .filter((c) => /^[A-Z]{2}$/.test(c));

export const hostNames = (values: readonly unknown[]) =>
  cleanList(values)
    .map(hostOf)
    .filter((h): h is string => h !== null);

export const aliasNames = (values: readonly unknown[], kind: EntryName['kind'], primary: string): EntryName[] =>
  cleanList(values)
    .filter((n) => n.toLowerCase() !== primary.toLowerCase())
    .map((name) => ({ name, kind }));

/** A stable id for lists that carry none: the list's name for it and the entry's name. */
export const derivedId = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000').toLowerCase()).digest('hex').slice(0, 32);

export const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
