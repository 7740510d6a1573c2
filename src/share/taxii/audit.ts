import { recordAudit } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { Caller } from './read.ts';

/**
 * Audits one read by a peer: who (the actor carries the account, address and request id, never a credential), what
 * and how much. One short entry per request, with no request headers or query kept.
 */
export const auditRead = (
  ctx: CoreContext,
  caller: Caller,
  action: string,
  target: { type: string; id: string } | undefined,
  details: Record<string, unknown> = {},
) =>
  ctx.db.transaction().execute((trx) =>
    recordAudit(trx, caller.actor, {
      action,
      ...(target ? { objectType: target.type, objectId: target.id.slice(0, 100) } : {}),
      details,
    }),
  );

/** Runs a read and audits it; a refusal (403, 404) is audited as `<action>_refused` and rethrown. */
export async function audited<T>(
  ctx: CoreContext,
  caller: Caller,
  action: string,
  target: { type: string; id: string } | undefined,
  read: () => Promise<T>,
  details: (value: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  let value: T;
  try {
    value = await read();
  } catch (error) {
    if (error instanceof AppError && (error.status === 403 || error.status === 404)) {
      await auditRead(ctx, caller, `${action}_refused`, target, { status: error.status });
    }
    throw error;
  }
  await auditRead(ctx, caller, action, target, details(value));
  return value;
}
