import { parsePattern, PatternSyntaxError, type Pattern } from '../pattern/index.ts';
import { validateStixObject, type StixObject } from '../stix/index.ts';
import { findHostileInput, printable } from '../../core/io/hostile-input.ts';

export type Checked = { ok: true; object: StixObject; pattern?: Pattern } | { ok: false; id?: string; reason: string };

/**
 * Validates one object against STIX 2.1 and, for `pattern_type: stix`, parses its pattern (kept for indexing).
 * Marking references are checked separately by the caller, because in a streamed bundle a marking definition
 * may come after the objects that use it.
 */
export function checkObject(input: unknown): Checked {
  // NUL, lone surrogates and runaway nesting are refused before anything walks the object recursively.
  const hostile = findHostileInput(input, '');
  if (hostile) {
    const id = (input as { id?: unknown } | null)?.id;
    return {
      ok: false,
      ...(typeof id === 'string' ? { id: printable(id) } : {}),
      reason: `${hostile.location || 'the record'}: ${hostile.message}`,
    };
  }
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
