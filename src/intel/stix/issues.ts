import type { ValidationIssue } from './types.ts';

/** A plain JSON object as produced by JSON.parse (own enumerable properties only are meaningful). */
export type JsonObject = Record<string, unknown>;

/** Collects issues while a validator walks an object. */
export class Issues {
  readonly list: ValidationIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  get size(): number {
    return this.list.length;
  }
}

/** Appends one segment to a JSON Pointer (RFC 6901 escaping of `~` and `/`). */
export function at(base: string, segment: string | number): string {
  // Paths are built for every property a validator visits; nearly no name needs escaping, and two regex
  // replaces cost more than the rest of a property's check.
  if (typeof segment === 'number') return `${base}/${segment}`;
  if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return `${base}/${segment}`;
  return `${base}/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The JSON Pointer of a path given as segments, outermost first. */
export function pointer(segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) path = at(path, segment);
  return path;
}

/** True for a non-null, non-array object whose prototype is Object.prototype or null (what JSON.parse makes). */
export function isPlainObject(value: unknown): value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reads an own property only, so inherited members (`constructor`, `toString`, ...) never leak in. */
export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** A short, safe rendering of a value for error messages. */
export function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': {
      const cut = value.length > 80 ? `${value.slice(0, 77)}...` : value;
      return JSON.stringify(cut);
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** The JSON kind of a value, for "must be a string (got a number)" messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${show(value)})`;
  if (typeof value === 'number') return `a number (${String(value)})`;
  if (typeof value === 'boolean') return `a boolean (${String(value)})`;
  return `a ${typeof value}`;
}
