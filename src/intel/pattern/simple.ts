import type { ComparisonExpression, Constant, ObjectPath, PathStep, Pattern } from './ast.ts';
import { canonicalHashKey, isHashesProperty } from './hash-keys.ts';
import { printSteps } from './printer.ts';

/** One `type:path = value` alternative of a simple pattern. */
export interface SimpleComparison {
  /** E.g. `domain-name`, `file`. */
  readonly objectType: string;
  /** The path after the colon as printed, hash keys canonical: `value`, `hashes.'SHA-256'`, `hashes.MD5`. */
  readonly path: string;
  readonly value: string | number | boolean;
}

/** The path's steps with hash algorithm names in the specification's spelling. */
export function canonicalSteps(steps: readonly PathStep[]): PathStep[] {
  return steps.map((s, i) => {
    const prev = steps[i - 1];
    if (s.kind === 'prop' && prev?.kind === 'prop' && isHashesProperty(prev.name)) {
      return { kind: 'prop', name: canonicalHashKey(s.name) };
    }
    return s;
  });
}

/** Canonical dotted text of a path after the colon, e.g. `hashes.'SHA-256'` for `hashes.sha256`. */
export function canonicalPathText(path: ObjectPath): string {
  return printSteps(canonicalSteps(path.steps));
}

function plainValue(c: Constant): string | number | boolean | undefined {
  return c.kind === 'string' || c.kind === 'int' || c.kind === 'float' || c.kind === 'bool' ? c.value : undefined;
}

function collect(e: ComparisonExpression, out: SimpleComparison[]): boolean {
  if (e.kind === 'or') {
    for (const o of e.operands) if (!collect(o, out)) return false;
    return true;
  }
  if (e.kind === 'and' || e.op === 'EXISTS' || e.negated) return false;
  if (e.op !== '=' && e.op !== 'IN') return false;
  const objectType = e.path.objectType;
  const path = canonicalPathText(e.path);
  // An `=` is handled apart from an `IN` set so that the usual single value does not need a list of its own.
  if (e.op !== 'IN') return add(objectType, path, e.value, out);
  for (const c of e.values) if (!add(objectType, path, c, out)) return false;
  return true;
}

function add(objectType: string, path: string, c: Constant, out: SimpleComparison[]): boolean {
  const value = plainValue(c);
  if (value === undefined) return false;
  out.push({ objectType, path, value });
  return true;
}

/**
 * For a pattern that is one unqualified observation whose comparison expression is a single `=` comparison, an
 * `IN` set, or an OR of these (string, number or boolean constants, no `NOT`), the list of alternatives; null for
 * any other ("complex") pattern. Hash keys are reported canonically, so `file:hashes.sha256` and
 * `file:hashes.'SHA-256'` both give the path `hashes.'SHA-256'`.
 */
export function simpleComparisons(p: Pattern): SimpleComparison[] | null {
  if (p.expression.kind !== 'observation') return null;
  const out: SimpleComparison[] = [];
  return collect(p.expression.expression, out) ? out : null;
}
