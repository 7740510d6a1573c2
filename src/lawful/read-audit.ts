import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';

/**
 * Audit entries for what the lawful module shows or refuses. Refusals are written in a transaction of their own,
 * after the refused one rolled back, so the refusal stays on record whatever the caller's transaction did.
 * Event kinds: `lawful_request.listed`, `lawful_request.viewed`, `lawful_request.read_refused`,
 * `lawful_request.step_refused`.
 */
export const auditEntry = (
  ctx: CoreContext,
  actor: Actor,
  action: string,
  requestId: string | undefined,
  details: Record<string, unknown>,
) =>
  ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action,
      objectType: 'lawful_request',
      ...(requestId ? { objectId: requestId } : {}),
      details,
    }),
  );

/** A list of requests shown: who (the actor), what (which list, how many, which filter). */
export const auditListed = (ctx: CoreContext, actor: Actor, details: { list: string; count: number; state?: string }) =>
  auditEntry(ctx, actor, 'lawful_request.listed', undefined, details);

/** A read refused (answered 404 or 403): who, which request, and why. */
export const auditReadRefused = (ctx: CoreContext, actor: Actor, requestId: string, reason: string, what: string) =>
  auditEntry(ctx, actor, 'lawful_request.read_refused', requestId, { reason, what });

/**
 * Runs a step on a request (a decision, an approval, a disclosure, a callback, a production); when it is refused
 * with a 4xx problem, records who tried which step and the reason, then refuses as before.
 */
export async function auditRefusal<T>(
  ctx: CoreContext,
  actor: Actor,
  requestId: string,
  step: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.status >= 400 && e.status < 500) {
      await auditEntry(ctx, actor, 'lawful_request.step_refused', requestId, {
        step,
        status: e.status,
        code: e.code,
        reason: e.detail,
      });
    }
    throw e;
  }
}
