import { isPlainObject, pointer } from './issues.ts';
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

function stringMessage(what: string, bytes: number): string {
  return `${what} is ${bytes} bytes long; the limit is ${MAX_STRING_BYTES} bytes (1 MiB)`;
}

/**
 * A hazard found by the walk. Its path is collected as the walk unwinds (segments innermost first) and turned into
 * a JSON Pointer only then: this guard visits every value of every object, and almost all of them are fine.
 */
interface Found {
  readonly message: string;
  readonly segments: (string | number)[];
}

const found = (message: string, segment?: string): Found => ({
  message,
  segments: segment === undefined ? [] : [segment],
});

interface Walk {
  /** The containers on the way down from the root: meeting one again is a cycle. At most MAX_DEPTH long. */
  readonly ancestors: object[];
  /** Containers already checked, so a value shared by several parents is walked once. Made on first need. */
  seen: WeakSet<object> | null;
}

/**
 * Walks a value once and reports the first structural hazard: nesting deeper than MAX_DEPTH, an
 * oversized string, a reference cycle, a `__proto__` key, or anything JSON cannot represent. Runs
 * before any other check so later checks only ever see bounded, plain JSON data.
 */
export function checkStructure(value: unknown): ValidationIssue | null {
  const hazard = walk(value, 1, { ancestors: [], seen: null });
  return hazard && { path: pointer(hazard.segments.reverse()), message: hazard.message };
}

function walk(node: unknown, depth: number, state: Walk): Found | null {
  if (node === null || typeof node === 'boolean') return null;
  if (typeof node === 'string') {
    const bytes = tooLong(node);
    return bytes === null ? null : found(stringMessage('string', bytes));
  }
  if (typeof node === 'number') {
    return Number.isFinite(node) ? null : found(`${String(node)} is not a valid JSON number`);
  }
  if (typeof node !== 'object') return found(`a ${typeof node} is not a JSON value`);
  if (depth > MAX_DEPTH) return found(`nesting is deeper than the limit of ${MAX_DEPTH} levels`);
  if (state.ancestors.includes(node)) return found('value contains a reference cycle');
  if (state.seen?.has(node)) return null;
  return Array.isArray(node) ? walkList(node, depth, state) : walkObject(node, depth, state);
}

/**
 * Records `node` as an ancestor (and, below the root, as seen) before the walk descends into its first object or
 * list. Containers holding only strings, numbers and the like (most of a STIX object's lists and dictionaries) are
 * never recorded: nothing below them can lead back to them, and walking such a container again when it is shared
 * gives the same answer. The root can only be met again through a cycle, so it is never recorded as seen. Together
 * this spares the Set and WeakSet work the guard used to do for every object and list.
 */
function enter(node: object, depth: number, state: Walk): void {
  if (depth > 1) (state.seen ??= new WeakSet()).add(node);
  state.ancestors.push(node);
}

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

function walkList(node: unknown[], depth: number, state: Walk): Found | null {
  let entered = false;
  for (let i = 0; i < node.length; i++) {
    const item = node[i];
    if (!entered && isContainer(item)) {
      enter(node, depth, state);
      entered = true;
    }
    const hazard = walk(item, depth + 1, state);
    if (hazard) {
      hazard.segments.push(i);
      return hazard;
    }
  }
  if (entered) state.ancestors.pop();
  return null;
}

function walkObject(node: object, depth: number, state: Walk): Found | null {
  if (!isPlainObject(node)) return found('value is not a plain JSON object');
  let entered = false;
  for (const key of Object.keys(node)) {
    if (key === '__proto__') return found('property name "__proto__" is not accepted', key);
    const keyBytes = tooLong(key);
    if (keyBytes !== null) return found(stringMessage('property name', keyBytes), key);
    const child = node[key];
    if (!entered && isContainer(child)) {
      enter(node, depth, state);
      entered = true;
    }
    const hazard = walk(child, depth + 1, state);
    if (hazard) {
      hazard.segments.push(key);
      return hazard;
    }
  }
  if (entered) state.ancestors.pop();
  return null;
}
