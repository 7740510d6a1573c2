import { checkCommon } from './common.ts';
import { typeNameProblem } from './identifier.ts';
import { Issues, isPlainObject, kindOf, own, show } from './issues.ts';
import { checkMarkingRefsKnown } from './marking-refs.ts';
import { checkProps } from './prop-checks.ts';
import { ruleFor } from './registry.ts';
import { checkStructure } from './size-guard.ts';
import type { StixObject, ValidationContext, ValidationIssue, ValidationResult } from './types.ts';

type Failure = Extract<ValidationResult, { ok: false }>;

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function failure(obj: unknown, errors: ValidationIssue[]): Failure {
  const result: Failure = { ok: false, errors };
  try {
    if (isPlainObject(obj)) {
      const id = own(obj, 'id');
      const type = own(obj, 'type');
      if (typeof id === 'string') result.id = clip(id);
      if (typeof type === 'string') result.type = clip(type);
    }
  } catch {
    // An exotic object (e.g. a throwing proxy) keeps its errors but gets no id/type.
  }
  return result;
}

function inspect(obj: unknown, ctx: ValidationContext, knownMarkings: ReadonlySet<string> | null): ValidationResult {
  const structural = checkStructure(obj);
  if (structural) return failure(obj, [structural]);
  if (!isPlainObject(obj)) {
    return failure(obj, [{ path: '', message: `a STIX object must be a JSON object (got ${kindOf(obj)})` }]);
  }
  const out = new Issues();
  const type = own(obj, 'type');
  if (type === undefined) out.add('/type', 'type is required');
  else if (typeof type !== 'string') out.add('/type', `type must be a string (got ${kindOf(type)})`);
  else {
    const problem = typeNameProblem(type);
    if (problem) out.add('/type', `type ${show(type)} ${problem}`);
    else if (type === 'bundle') out.add('/type', 'a bundle is not a STIX object; validate it with validateBundle');
  }
  if (out.size > 0 || typeof type !== 'string') return failure(obj, out.list);
  const rule = ruleFor(type, obj);
  if ('problem' in rule) return failure(obj, [{ path: '/type', message: rule.problem }]);
  checkCommon(obj, type, rule, out);
  checkProps(rule.props, obj, '', out);
  rule.check?.(obj, out, ctx);
  if (knownMarkings) checkMarkingRefsKnown(obj, knownMarkings, out);
  return out.size > 0 ? failure(obj, out.list) : { ok: true, object: obj as StixObject };
}

/**
 * Validates one STIX 2.1 object. `knownMarkings`, when given, switches on the unknown-marking check
 * (the bundle validator passes the caller's set plus the bundle's own marking definitions).
 * Never throws: anything unexpected becomes an issue.
 */
export function validateObjectIn(
  obj: unknown,
  ctx: ValidationContext,
  knownMarkings: ReadonlySet<string> | null,
): ValidationResult {
  try {
    return inspect(obj, ctx, knownMarkings);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return failure(obj, [{ path: '', message: `object could not be validated: ${reason}` }]);
  }
}

/**
 * Validates one STIX 2.1 object against the specification. The returned `object` is the input itself
 * (not a copy). With `ctx.knownMarkingIds`, marking references must also resolve to a standard TLP
 * marking or to one of those ids.
 */
export function validateStixObject(obj: unknown, ctx: ValidationContext = {}): ValidationResult {
  return validateObjectIn(obj, ctx, ctx.knownMarkingIds ?? null);
}
