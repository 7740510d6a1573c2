import type { FastifyRequest } from 'fastify';
import { validationFailed } from '../errors.ts';
import { findHostileInput } from '../io/hostile-input.ts';

/** Throws the 400 problem for a hostile value, naming the field like schema validation does. */
export function assertSafeInput(value: unknown, part: string): void {
  const found = findHostileInput(value, part);
  if (found) throw validationFailed(`${found.location}: ${found.message}`, { errors: [found] });
}

/**
 * The edge check every route gets (a preValidation hook on the root): query, path parameters and parsed body
 * never carry NUL, lone surrogates or runaway nesting into a handler, the database or the audit log.
 * Raw uploads (Buffers) are left to their readers, which decode them strictly.
 */
export async function guardRequestInput(request: FastifyRequest): Promise<void> {
  assertSafeInput(request.params, 'params');
  assertSafeInput(request.query, 'querystring');
  assertSafeInput(request.body, 'body');
}
