import { recordAudits, systemActor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { markCasesNotified } from '../../cases/service.ts';
import {
  deliveriesOfNotices,
  finishNotices,
  lockNotices,
  markSentMany,
  settleAttempt,
} from '../store/delivery-store.ts';
import type { DeliveryRow } from '../store/notify-store.ts';
import { notifyDb } from '../store/tables.ts';

const actor = systemActor('notify');

/** How one attempt ended: sent, or queued again (due `retryInSeconds` later), or given up. */
export interface AttemptOutcome {
  attempt: { id: string; notice_id: string; attempt_id: string | null };
  status: 'sent' | 'queued' | 'dead';
  error?: string | undefined;
  retryInSeconds?: number | undefined;
}

/**
 * Records how attempts ended, in one transaction, and the state of each notice all of whose deliveries have ended
 * (and its case, notified). A success is recorded whichever attempt it came from; a failure only by the attempt
 * still holding the lease, so a late failure never undoes a success or a later attempt. For each outcome, false
 * when nothing was recorded (the delivery had been settled, or the attempt had lost its lease).
 *
 * Statements are ordered so that the audit chain's lock, which every audited change in Accord takes in turn, is
 * taken last and held for three statements whatever the number of outcomes.
 */
export async function settleOutcomes(ctx: CoreContext, outcomes: readonly AttemptOutcome[]): Promise<boolean[]> {
  if (outcomes.length === 0) return [];
  return ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    await lockNotices(db, [...new Set(outcomes.map((o) => o.attempt.notice_id))]);
    const sentIds = outcomes.filter((o) => o.status === 'sent').map((o) => o.attempt.id);
    const settled = new Map<string, { row: DeliveryRow; outcome: AttemptOutcome }>();
    for (const row of await markSentMany(db, [...new Set(sentIds)])) {
      settled.set(row.id, { row, outcome: outcomes.find((o) => o.attempt.id === row.id && o.status === 'sent')! });
    }
    for (const outcome of outcomes) {
      if (outcome.status === 'sent' || settled.has(outcome.attempt.id) || !outcome.attempt.attempt_id) continue;
      const row = await settleAttempt(
        db,
        outcome.attempt.id,
        outcome.attempt.attempt_id,
        { status: outcome.status, last_error: outcome.error ?? null },
        outcome.status === 'queued' ? (outcome.retryInSeconds ?? 0) : undefined,
      );
      if (row) settled.set(row.id, { row, outcome });
    }
    const touched = [...new Set([...settled.values()].map((s) => s.row.notice_id))];
    const byNotice = new Map<string, DeliveryRow[]>(touched.map((id) => [id, []]));
    for (const d of await deliveriesOfNotices(db, touched)) byNotice.get(d.notice_id)!.push(d);
    const finished = touched.filter((id) => byNotice.get(id)!.every((d) => d.status === 'sent' || d.status === 'dead'));
    const reached = (id: string) => byNotice.get(id)!.some((d) => d.status === 'sent');
    const delivered = await finishNotices(db, finished.filter(reached), true);
    await finishNotices(
      db,
      finished.filter((id) => !reached(id)),
      false,
    );
    await markCasesNotified(
      trx,
      actor,
      delivered.map((n) => n.case_id),
    );
    await recordAudits(
      trx,
      [...settled.values()].map(({ row, outcome }) => ({
        actor,
        input: {
          action:
            outcome.status === 'sent'
              ? 'notice.delivered'
              : outcome.status === 'dead'
                ? 'notice.delivery_failed'
                : 'notice.delivery_retried',
          objectType: 'notice',
          objectId: row.notice_id,
          details: {
            delivery: row.id,
            channel: row.channel,
            attempt: row.attempts,
            ...(outcome.error ? { error: outcome.error } : {}),
          },
        },
      })),
    );
    return outcomes.map((o) => settled.get(o.attempt.id)?.outcome === o);
  });
}
