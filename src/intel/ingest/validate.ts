import { parsePattern, PatternSyntaxError, type Pattern } from '../pattern/index.ts';
import { validateStixObject, type StixObject } from '../stix/index.ts';

export type Checked = { ok: true; object: StixObject; pattern?: Pattern } | { ok: false; id?: string; reason: string };

/**
 * Validates one object against STIX 2.1 and, for `pattern_type: stix`, parses its pattern (kept for indexing).
 * Marking references are checked separately by the caller, because in a streamed bundle a marking definition
 * may come after the objects that use it.
 */
export function checkObject(input: unknown): Checked {
  let pattern: Pattern | undefined;
  const result = validateStixObject(input, {
    checkPattern(text, patternType) {
      if (patternType !== 'stix') return null;
      try {
        pattern = parsePattern(text);
        return null;
      } catch (error) {
        if (error instanceof PatternSyntaxError) return error.message;
        throw error;
      }
    },
  });
  if (!result.ok) {
    // Messages name their property; a path is added only when it says more (a nested property).
    const reason = result.errors
      .map((e) => (e.path.split('/').filter(Boolean).length > 1 ? `${e.path}: ${e.message}` : e.message))
      .join('; ');
    return { ok: false, ...(result.id ? { id: result.id } : {}), reason };
  }
  return { ok: true, object: result.object, ...(pattern ? { pattern } : {}) };
}
