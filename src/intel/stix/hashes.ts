import { type Issues, at, isPlainObject, kindOf, show } from './issues.ts';

/**
 * The `hashes` type (section 2.7) and the hash-algorithm-ov vocabulary (section 10.7). Keys are
 * 3-250 characters of [a-zA-Z0-9_-]. Vocabulary algorithms get their digest format checked; real feeds
 * also spell them `sha256`, `SHA256` or `sha_256`, so keys are compared without case, `-` or `_`.
 * Any other key is a custom algorithm and only needs a string value.
 */

const HEX_LENGTH: Readonly<Record<string, { name: string; length: number }>> = {
  MD5: { name: 'MD5', length: 32 },
  SHA1: { name: 'SHA-1', length: 40 },
  SHA256: { name: 'SHA-256', length: 64 },
  SHA512: { name: 'SHA-512', length: 128 },
  SHA3256: { name: 'SHA3-256', length: 64 },
  SHA3512: { name: 'SHA3-512', length: 128 },
};

const KEY_RE = /^[a-zA-Z0-9_-]{3,250}$/;
// ssdeep: blocksize:hash:hash, hashes in the base64 alphabet.
const SSDEEP_RE = /^\d+:[A-Za-z0-9/+]+:[A-Za-z0-9/+]+(?:,.*)?$/;
// TLSH: 35 bytes as 70 hex digits, optionally prefixed by the version marker `T1`.
const TLSH_RE = /^(?:T1)?[0-9A-Fa-f]{70}$/;

function normalise(key: string): string {
  return key.toUpperCase().replace(/[-_]/g, '');
}

/** The canonical vocabulary name for a hash key (`sha256` → `SHA-256`), or null for custom keys. */
export function canonicalHashName(key: string): string | null {
  const norm = normalise(key);
  const hex = HEX_LENGTH[norm];
  if (hex) return hex.name;
  if (norm === 'SSDEEP') return 'SSDEEP';
  if (norm === 'TLSH') return 'TLSH';
  return null;
}

function valueProblem(key: string, value: string): string | null {
  const norm = normalise(key);
  const hex = HEX_LENGTH[norm];
  if (hex) {
    if (!/^[0-9a-fA-F]*$/.test(value)) return `${hex.name} hash ${show(value)} must be hexadecimal`;
    if (value.length !== hex.length) {
      return `${hex.name} hash must be ${hex.length} hex digits (got ${value.length})`;
    }
    return null;
  }
  if (norm === 'SSDEEP' && !SSDEEP_RE.test(value)) return `SSDEEP hash ${show(value)} is not blocksize:hash:hash`;
  if (norm === 'TLSH' && !TLSH_RE.test(value)) return `TLSH hash must be 70 hex digits (35 bytes)`;
  return null;
}

/** Validates a `hashes` dictionary at `path`; `name` is used in messages. */
export function checkHashes(value: unknown, path: string, name: string, out: Issues): void {
  if (!isPlainObject(value)) {
    out.add(path, `${name} must be a dictionary of hashes (got ${kindOf(value)})`);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) out.add(path, `${name} must not be an empty dictionary`);
  for (const key of keys) {
    const keyPath = at(path, key);
    if (!KEY_RE.test(key)) {
      out.add(keyPath, `hash algorithm name ${show(key)} must be 3-250 characters of a-z, A-Z, 0-9, '-' or '_'`);
      continue;
    }
    const digest = value[key];
    if (typeof digest !== 'string') {
      out.add(keyPath, `${key} hash must be a string (got ${kindOf(digest)})`);
      continue;
    }
    const problem = valueProblem(key, digest);
    if (problem) out.add(keyPath, problem);
  }
}
