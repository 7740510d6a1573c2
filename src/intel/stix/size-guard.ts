import { at, isPlainObject } from './issues.ts';
import type { ValidationIssue } from './types.ts';

/** Objects and lists may nest at most this deep (the object itself is level 1). */
export const MAX_DEPTH = 64;
/** No string (value or property name) may be longer than this many UTF-8 bytes. */
export const MAX_STRING_BYTES = 1024 * 1024;

function tooLong(text: string): number | null {
  // A UTF-16 code unit never needs more than 3 UTF-8 bytes, so short strings skip the exact count.
  if (text.length * 3 <= MAX_STRING_BYTES) return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_STRING_BYTES ? bytes : null;
}

function stringIssue(path: string, what: string, bytes: number): ValidationIssue {
  return { path, message: `${what} is ${bytes} bytes long; the limit is ${MAX_STRING_BYTES} bytes (1 MiB)` };
}

/**
 * Walks a value once and reports the first structural hazard: nesting deeper than MAX_DEPTH, an
 * oversized string, a reference cycle, a `__proto__` key, or anything JSON cannot represent. Runs
 * before any other check so later checks only ever see bounded, plain JSON data.
 */
export function checkStructure(value: unknown): ValidationIssue | null {
  const seen = new WeakSet<object>();
  const ancestors = new Set<object>();

  const walk = (node: unknown, path: string, depth: number): ValidationIssue | null => {
    if (node === null || typeof node === 'boolean') return null;
    if (typeof node === 'string') {
      const bytes = tooLong(node);
      return bytes === null ? null : stringIssue(path, 'string', bytes);
    }
    if (typeof node === 'number') {
      return Number.isFinite(node) ? null : { path, message: `${String(node)} is not a valid JSON number` };
    }
    if (typeof node !== 'object') return { path, message: `a ${typeof node} is not a JSON value` };
    if (depth > MAX_DEPTH) return { path, message: `nesting is deeper than the limit of ${MAX_DEPTH} levels` };
    if (ancestors.has(node)) return { path, message: 'value contains a reference cycle' };
    if (seen.has(node)) return null;
    seen.add(node);
    ancestors.add(node);
    try {
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
          const found = walk(node[i], at(path, i), depth + 1);
          if (found) return found;
        }
        return null;
      }
      if (!isPlainObject(node)) return { path, message: 'value is not a plain JSON object' };
      for (const key of Object.keys(node)) {
        const child = at(path, key);
        if (key === '__proto__') return { path: child, message: 'property name "__proto__" is not accepted' };
        const keyBytes = tooLong(key);
        if (keyBytes !== null) return stringIssue(child, 'property name', keyBytes);
        const found = walk(node[key], child, depth + 1);
        if (found) return found;
      }
      return null;
    } finally {
      ancestors.delete(node);
    }
  };

  return walk(value, '', 1);
}
