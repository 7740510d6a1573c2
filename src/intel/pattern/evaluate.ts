import type { Comparison, ComparisonExpression, PathStep } from './ast.ts';
import { cidrContains, parseCidr } from './cidr.ts';
import { canonicalHashKey, isHashesProperty } from './hash-keys.ts';
import { compileLike, compileMatches } from './regex.ts';
import { binaryEncodingOf, compareWith, decodeBytes } from './values.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lookup(v: Record<string, unknown>, name: string, inHashes: boolean): unknown {
  if (Object.hasOwn(v, name)) return v[name];
  if (!inHashes) return undefined;
  const wanted = canonicalHashKey(name);
  const key = Object.keys(v).find((k) => canonicalHashKey(k) === wanted);
  return key === undefined ? undefined : v[key];
}

/** Every value a path's steps reach from `root` (`[*]` fans out); null and missing values are dropped. */
export function resolveSteps(root: unknown, steps: readonly PathStep[]): unknown[] {
  let current: unknown[] = [root];
  steps.forEach((step, i) => {
    const prev = steps[i - 1];
    const inHashes = prev?.kind === 'prop' && isHashesProperty(prev.name);
    const next: unknown[] = [];
    for (const v of current) {
      if (step.kind === 'prop') {
        if (isRecord(v)) next.push(lookup(v, step.name, inHashes));
      } else if (Array.isArray(v)) {
        if (step.index === '*') for (const x of v as unknown[]) next.push(x);
        else if (step.index >= 0 && step.index < v.length) next.push(v[step.index]);
      }
    }
    current = next.filter((x) => x !== undefined && x !== null);
  });
  return current;
}

function lastProperty(steps: readonly PathStep[]): string | undefined {
  for (let i = steps.length - 1; i >= 0; i -= 1) {
    const s = steps[i];
    if (s?.kind === 'prop') return s.name;
  }
  return undefined;
}

function test(c: Exclude<Comparison, { op: 'EXISTS' }>, actual: unknown, property: string | undefined): boolean {
  switch (c.op) {
    case 'IN':
      return c.values.some((v) => compareWith(actual, v, property) === 0);
    case 'LIKE':
      return typeof actual === 'string' && compileLike(c.value.value).test(actual);
    case 'MATCHES': {
      const re = compileMatches(c.value.value);
      if (typeof re === 'string' || typeof actual !== 'string') return false;
      const encoding = binaryEncodingOf(property);
      const subject = encoding === undefined ? actual : decodeBytes(actual, encoding)?.toString('latin1');
      return subject !== undefined && re.test(subject);
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const mine = typeof actual === 'string' ? parseCidr(actual) : undefined;
      const theirs = parseCidr(c.value.value);
      if (mine === undefined || theirs === undefined) return false;
      return c.op === 'ISSUBSET' ? cidrContains(theirs, mine) : cidrContains(mine, theirs);
    }
    default: {
      const order = compareWith(actual, c.value, property);
      if (order === undefined) return false;
      const wanted = {
        '=': order === 0,
        '!=': order !== 0,
        '<': order < 0,
        '<=': order <= 0,
        '>': order > 0,
        '>=': order >= 0,
      };
      return wanted[c.op];
    }
  }
}

function evaluateComparison(c: Comparison, object: Record<string, unknown>): boolean {
  if (object['type'] !== c.path.objectType) return false;
  const values = resolveSteps(object, c.path.steps);
  if (c.op === 'EXISTS') return values.length > 0;
  const property = lastProperty(c.path.steps);
  return values.some((v) => test(c, v, property) !== c.negated);
}

/**
 * Evaluates a comparison expression against one cyber-observable object (parsed JSON such as
 * `{ type: 'domain-name', value: 'x.com' }`).
 *
 * A comparison holds when the object's `type` is the path's object type and some value the path reaches satisfies
 * it (`[*]` tries every element); `NOT` inverts the test for each reached value, so a path reaching nothing is false
 * with or without `NOT`. Values of a different type than the constant never satisfy any operator. `*_ref(s)`
 * properties are identifiers and are not followed to other objects. Hash keys match in any spelling
 * (`hashes.sha256` finds `"SHA-256"`).
 */
export function evaluateObservation(expr: ComparisonExpression, object: Record<string, unknown>): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.operands.every((o) => evaluateObservation(o, object));
    case 'or':
      return expr.operands.some((o) => evaluateObservation(o, object));
    case 'comparison':
      return evaluateComparison(expr, object);
  }
}
