import { Buffer } from 'node:buffer';
import type { Constant } from './ast.ts';
import { compareTimestampKeys, isBase64, isHex, timestampKey } from './literals.ts';

/** Orders strings by Unicode code point (plain `<` orders UTF-16 code units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return rank(ca) < rank(cb) ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

/** Moves surrogates above the rest of the BMP so code-unit order becomes code-point order. */
function rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/** How a property holds binary data: STIX names binary properties `*_bin` (base64) and `*_hex` (hex). */
export function binaryEncodingOf(property: string | undefined): 'base64' | 'hex' | undefined {
  if (property?.endsWith('_bin') === true) return 'base64';
  if (property?.endsWith('_hex') === true) return 'hex';
  return undefined;
}

/** Decodes hex or base64 text, or undefined when it is not valid in that encoding. */
export function decodeBytes(text: string, encoding: 'base64' | 'hex'): Buffer | undefined {
  if (encoding === 'hex') return isHex(text) ? Buffer.from(text, 'hex') : undefined;
  return isBase64(text) ? Buffer.from(text, 'base64') : undefined;
}

/**
 * Compares an observed JSON value with a constant: negative, zero or positive, or undefined when the two are of
 * different types (such comparisons are false whatever the operator). Strings that both read as timestamps, and
 * timestamp constants against strings, compare as instants; hex and binary constants compare bytes with the
 * property's value decoded as its name says (`_hex`, `_bin`), else as the constant's own encoding.
 */
export function compareWith(actual: unknown, c: Constant, property: string | undefined): number | undefined {
  switch (c.kind) {
    case 'string': {
      if (typeof actual !== 'string') return undefined;
      const a = timestampKey(actual);
      const b = a === undefined ? undefined : timestampKey(c.value);
      return a !== undefined && b !== undefined ? compareTimestampKeys(a, b) : compareCodePoints(actual, c.value);
    }
    case 'int':
    case 'float':
      return typeof actual === 'number' && Number.isFinite(actual) ? Math.sign(actual - c.value) : undefined;
    case 'bool':
      return typeof actual === 'boolean' ? (actual === c.value ? 0 : 1) : undefined;
    case 'timestamp': {
      const a = typeof actual === 'string' ? timestampKey(actual) : undefined;
      const b = timestampKey(c.value);
      return a !== undefined && b !== undefined ? compareTimestampKeys(a, b) : undefined;
    }
    case 'hex':
    case 'binary': {
      if (typeof actual !== 'string') return undefined;
      const own = c.kind === 'hex' ? 'hex' : 'base64';
      const a = decodeBytes(actual, binaryEncodingOf(property) ?? own);
      const b = decodeBytes(c.value, own);
      return a !== undefined && b !== undefined ? Buffer.compare(a, b) : undefined;
    }
  }
}
