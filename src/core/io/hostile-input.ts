import { isWellFormedText, toWellFormedText } from './well-formed-text.ts';

/** JSON nested deeper than this is refused: no document Accord accepts needs more, and recursion must end. */
export const MAX_NESTING = 64;

export interface HostileInput {
  /** Where, as the validation errors say it: the request part and a JSON pointer (`body/names/0`). */
  location: string;
  message: string;
}

/** A JSON pointer segment (RFC 6901), made printable: a hostile key must not carry its NUL into the answer. */
const segment = (key: string) => printable(key).replaceAll('~', '~0').replaceAll('/', '~1');

/** Text with NUL shown as `\u0000` and lone surrogates as U+FFFD, for messages and logs. */
export function printable(text: string): string {
  return toWellFormedText(text.replaceAll('\0', '\\u0000'));
}

function refusedText(text: string): string | undefined {
  if (text.includes('\0')) return 'contains a NUL character (U+0000)';
  if (!isWellFormedText(text)) return 'contains an unpaired UTF-16 surrogate (not Unicode text)';
  return undefined;
}

/**
 * The first place in a parsed value (query, path parameters or JSON body) that no route may receive: a string or
 * key with NUL or a lone surrogate (PostgreSQL refuses both in text, and they are never meaningful), or nesting
 * deeper than MAX_NESTING. Walks iteratively, so a hostile document cannot exhaust the stack here either.
 */
export function findHostileInput(value: unknown, part: string): HostileInput | undefined {
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [{ value, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: v, pointer, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const message = refusedText(v);
      if (message) return { location: `${part}${pointer}`, message };
      continue;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_NESTING) {
      return { location: `${part}${pointer}`, message: `is nested deeper than ${MAX_NESTING} levels` };
    }
    const entries: Array<[string, unknown]> = Array.isArray(v)
      ? v.map((item, i) => [String(i), item])
      : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      const child = `${pointer}/${segment(key)}`;
      const keyMessage = refusedText(key);
      if (keyMessage) return { location: `${part}${child}`, message: `has a field name that ${keyMessage}` };
      stack.push({ value: item, pointer: child, depth: depth + 1 });
    }
  }
  return undefined;
}
