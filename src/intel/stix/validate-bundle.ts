import { isUuid } from './identifier.ts';
import { Issues, isPlainObject, kindOf, own, show, type JsonObject } from './issues.ts';
import type { BundleValidation, RejectedObject, ValidationContext } from './types.ts';
import { validateObjectIn } from './validate-object.ts';

/**
 * Validates a STIX 2.1 bundle (section 8): `type: "bundle"`, `id: bundle--<UUID>`, optional
 * `objects`. Objects are judged one by one; invalid ones are rejected with their index, valid ones
 * kept in order. Marking references must resolve to a standard TLP marking, to
 * `ctx.knownMarkingIds`, or to a marking definition in the bundle that is itself valid.
 */
export function validateBundle(input: unknown, ctx: ValidationContext = {}): BundleValidation {
  try {
    return judgeBundle(input, ctx);
  } catch (err) {
    // Only exotic inputs (proxies, throwing getters) get here; JSON data never does.
    const reason = err instanceof Error ? err.message : String(err);
    return {
      bundleErrors: [{ path: '', message: `bundle could not be validated: ${reason}` }],
      accepted: [],
      rejected: [],
    };
  }
}

function judgeBundle(input: unknown, ctx: ValidationContext): BundleValidation {
  const result: BundleValidation = { bundleErrors: [], accepted: [], rejected: [] };
  if (!isPlainObject(input)) {
    result.bundleErrors.push({ path: '', message: `a bundle must be a JSON object (got ${kindOf(input)})` });
    return result;
  }
  const type = own(input, 'type');
  if (type !== 'bundle') {
    const message =
      type === undefined ? 'type is required and must be "bundle"' : `type must be "bundle" (got ${show(type)})`;
    result.bundleErrors.push({ path: '/type', message });
    return result;
  }
  const errors = new Issues();
  const id = own(input, 'id');
  if (id === undefined) errors.add('/id', 'id is required');
  else if (typeof id !== 'string' || !id.startsWith('bundle--') || !isUuid(id.slice(8))) {
    errors.add('/id', `id must be "bundle--" followed by an RFC 4122 UUID (got ${show(id)})`);
  }
  if (own(input, 'spec_version') !== undefined) {
    errors.add(
      '/spec_version',
      `a STIX 2.1 bundle has no spec_version (got ${show(own(input, 'spec_version'))}); this looks like a STIX 2.0 bundle`,
    );
  }
  const objects = own(input, 'objects');
  result.bundleErrors = errors.list;
  if (objects === undefined) return result;
  if (!Array.isArray(objects)) {
    errors.add('/objects', `objects must be a list (got ${kindOf(objects)})`);
    return result;
  }
  if (objects.length === 0) errors.add('/objects', 'objects must not be an empty list (omit it instead)');

  const isMarking = (o: unknown): o is JsonObject => isPlainObject(o) && own(o, 'type') === 'marking-definition';
  const known = new Set(ctx.knownMarkingIds ?? []);
  // Pass 1: marking definitions, each allowed to reference any marking definition the bundle declares.
  const declared = new Set(known);
  for (const o of objects) {
    const markingId = isMarking(o) ? own(o, 'id') : undefined;
    if (typeof markingId === 'string') declared.add(markingId);
  }
  const verdicts = new Map<number, ReturnType<typeof validateObjectIn>>();
  objects.forEach((o, index) => {
    if (!isMarking(o)) return;
    const verdict = validateObjectIn(o, ctx, declared);
    verdicts.set(index, verdict);
    if (verdict.ok) known.add(verdict.object.id);
  });
  // Pass 2: everything else, against the marking definitions that proved valid.
  objects.forEach((o, index) => {
    const verdict = verdicts.get(index) ?? validateObjectIn(o, ctx, known);
    if (verdict.ok) {
      result.accepted.push(verdict.object);
      return;
    }
    const entry: RejectedObject = { index, errors: verdict.errors };
    if (verdict.id !== undefined) entry.id = verdict.id;
    if (verdict.type !== undefined) entry.type = verdict.type;
    result.rejected.push(entry);
  });
  return result;
}
