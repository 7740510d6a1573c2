import { checkHashes } from './hashes.ts';
import { parseIdentifier } from './identifier.ts';
import { type Issues, at, has, isPlainObject, kindOf, own, show, type JsonObject } from './issues.ts';
import type { PropSpec, PropTable } from './props.ts';
import { isParsed, parseTimestamp } from './timestamp.ts';

/** Validation of property values against the specs of props.ts (data types of section 2). */

const DICT_KEY_RE = /^[a-zA-Z0-9_-]{1,250}$/;

function typeList(types: readonly string[]): string {
  return types.length === 1 ? (types[0] ?? '') : `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;
}

/** Checks one identifier reference; `label` names it in messages. */
export function checkRef(
  value: unknown,
  types: readonly string[] | undefined,
  path: string,
  label: string,
  out: Issues,
) {
  if (typeof value !== 'string') {
    out.add(path, `${label} must be an identifier string (got ${kindOf(value)})`);
    return;
  }
  const parsed = parseIdentifier(value);
  if (!parsed) {
    out.add(path, `${label} ${show(value)} is not a valid STIX identifier (<object-type>--<UUID>)`);
    return;
  }
  if (types && !types.includes(parsed.type)) {
    out.add(path, `${label} must reference an object of type ${typeList(types)} (got ${parsed.type})`);
  }
}

function checkList(value: unknown, path: string, name: string, out: Issues): value is unknown[] {
  if (!Array.isArray(value)) {
    out.add(path, `${name} must be a list (got ${kindOf(value)})`);
    return false;
  }
  if (value.length === 0) {
    out.add(path, `${name} must not be an empty list`);
    return false;
  }
  return true;
}

function checkNumber(
  value: unknown,
  spec: { min?: number; max?: number },
  integer: boolean,
  path: string,
  name: string,
  out: Issues,
) {
  const ok = typeof value === 'number' && (integer ? Number.isSafeInteger(value) : Number.isFinite(value));
  if (!ok) {
    out.add(path, `${name} must be ${integer ? 'an integer' : 'a number'} (got ${kindOf(value)})`);
    return;
  }
  const low = spec.min ?? -Infinity;
  const high = spec.max ?? Infinity;
  if (value < low || value > high) {
    const range =
      spec.max === undefined
        ? `at least ${low}`
        : spec.min === undefined
          ? `at most ${high}`
          : `between ${low} and ${high}`;
    out.add(path, `${name} must be ${range} (got ${value})`);
  }
}

/** Validates a timestamp property; returns whether it is valid. */
export function checkTimestamp(value: unknown, path: string, name: string, millis: boolean, out: Issues): boolean {
  if (typeof value !== 'string') {
    out.add(path, `${name} must be a timestamp string (got ${kindOf(value)})`);
    return false;
  }
  const parsed = parseTimestamp(value);
  if (!isParsed(parsed)) {
    out.add(path, `${name} (${show(value)}) ${parsed.problem}`);
    return false;
  }
  if (millis && parsed.precision < 3) {
    out.add(path, `${name} (${value}) must be precise to at least the millisecond (three fractional digits)`);
    return false;
  }
  return true;
}

function checkDictionary(
  value: unknown,
  values: PropSpec & { kind: 'dictionary' },
  path: string,
  name: string,
  out: Issues,
) {
  if (!isPlainObject(value)) {
    out.add(path, `${name} must be a dictionary (got ${kindOf(value)})`);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) out.add(path, `${name} must not be an empty dictionary`);
  for (const key of keys) {
    const keyPath = at(path, key);
    if (!DICT_KEY_RE.test(key)) {
      out.add(keyPath, `${name} key ${show(key)} must be at most 250 characters of a-z, A-Z, 0-9, '-' or '_'`);
      continue;
    }
    const v = value[key];
    const want = values.values;
    if (want === 'string' && typeof v !== 'string')
      out.add(keyPath, `${name} values must be strings (got ${kindOf(v)})`);
    if (want === 'integer' && !Number.isSafeInteger(v))
      out.add(keyPath, `${name} values must be integers (got ${kindOf(v)})`);
    if (want === 'integerOrString' && typeof v !== 'string' && !Number.isSafeInteger(v)) {
      out.add(keyPath, `${name} values must be integers or strings (got ${kindOf(v)})`);
    }
    if (want === 'stringList' && (!Array.isArray(v) || v.length === 0 || v.some((s) => typeof s !== 'string'))) {
      out.add(keyPath, `${name} values must be non-empty lists of strings (got ${kindOf(v)})`);
    }
  }
}

function checkKillChain(value: unknown, path: string, name: string, out: Issues) {
  if (!checkList(value, path, name, out)) return;
  value.forEach((phase, i) => {
    const p = at(path, i);
    if (!isPlainObject(phase)) {
      out.add(p, `${name} entries must be kill-chain-phase objects (got ${kindOf(phase)})`);
      return;
    }
    for (const field of ['kill_chain_name', 'phase_name']) {
      const v = own(phase, field);
      if (v === undefined) out.add(at(p, field), `${field} is required in a kill-chain-phase`);
      else if (typeof v !== 'string' || v === '')
        out.add(at(p, field), `${field} must be a non-empty string (got ${kindOf(v)})`);
    }
  });
}

/** Validates one property value against its spec. */
export function checkProp(name: string, spec: PropSpec, value: unknown, path: string, out: Issues): void {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') out.add(path, `${name} must be a string (got ${kindOf(value)})`);
      else if (spec.nonEmpty && value.trim() === '') out.add(path, `${name} must be a non-empty string`);
      else if (spec.pattern && !spec.pattern.test(value))
        out.add(path, `${name} ${show(value)} ${spec.hint ?? 'is malformed'}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.add(path, `${name} must be true or false (got ${kindOf(value)})`);
      return;
    case 'integer':
      return checkNumber(value, spec, true, path, name, out);
    case 'float':
      return checkNumber(value, spec, false, path, name, out);
    case 'timestamp':
      checkTimestamp(value, path, name, false, out);
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        out.add(path, `${name} must be one of ${spec.values.join(', ')} (got ${show(value)})`);
      }
      return;
    case 'enumList':
      if (!checkList(value, path, name, out)) return;
      value.forEach((v, i) => {
        if (typeof v !== 'string' || !spec.values.includes(v)) {
          out.add(at(path, i), `${name} entries must be one of ${spec.values.join(', ')} (got ${show(v)})`);
        }
      });
      return;
    case 'stringList':
      if (!checkList(value, path, name, out)) return;
      value.forEach((v, i) => {
        if (typeof v !== 'string') out.add(at(path, i), `${name} entries must be strings (got ${kindOf(v)})`);
      });
      return;
    case 'ref':
      return checkRef(value, spec.types, path, name, out);
    case 'refList':
      if (!checkList(value, path, name, out)) return;
      value.forEach((v, i) => checkRef(v, spec.types, at(path, i), `${name} entry`, out));
      return;
    case 'killChain':
      return checkKillChain(value, path, name, out);
    case 'hashes':
      return checkHashes(value, path, name, out);
    case 'dictionary':
      return checkDictionary(value, spec, path, name, out);
    case 'object':
      if (!isPlainObject(value)) out.add(path, `${name} must be an object (got ${kindOf(value)})`);
      else if (Object.keys(value).length === 0) out.add(path, `${name} must not be an empty object`);
      return;
    case 'objectList':
      if (!checkList(value, path, name, out)) return;
      value.forEach((v, i) => {
        if (!isPlainObject(v)) out.add(at(path, i), `${name} entries must be objects (got ${kindOf(v)})`);
      });
      return;
    case 'any':
      return;
  }
}

/** A table's entries with each name's path segment (`/name`, escaped) worked out once. */
interface TableEntry {
  readonly name: string;
  readonly spec: PropSpec;
  readonly segment: string;
}

// Tables are module constants checked against every object of their type: their entries and path segments are
// listed once, instead of an Object.entries array and an escaped path per property per object. (A table made
// afresh for each call would still be checked correctly, only without the saving.)
const entriesOf = new WeakMap<PropTable, readonly TableEntry[]>();

function tableEntries(table: PropTable): readonly TableEntry[] {
  let entries = entriesOf.get(table);
  if (entries === undefined) {
    entries = Object.entries(table).map(([name, spec]) => ({ name, spec, segment: at('', name) }));
    entriesOf.set(table, entries);
  }
  return entries;
}

/** Validates every property of a table against `target` (an object or a nested structure at `base`). */
export function checkProps(table: PropTable, target: JsonObject, base: string, out: Issues): void {
  for (const { name, spec, segment } of tableEntries(table)) {
    if (!has(target, name)) {
      if (spec.required) out.add(base + segment, `${name} is required`);
      continue;
    }
    checkProp(name, spec, target[name], base + segment, out);
  }
}
