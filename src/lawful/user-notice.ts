import { randomUUID } from 'node:crypto';
import { recordAudit, systemActor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { defineJob } from '../core/jobs/index.ts';
import { getRequestRow, reviewSteps } from './store/lawful-store.ts';
import { lawfulDb } from './store/tables.ts';

/**
 * Tells the people a disclosure concerned, when the law lets us: at once, or when the non-disclosure order expires
 * (emergency disclosures too, afterwards). Scheduled at disclosure as a durable job that starts no earlier than the
 * expiry; an order extended meanwhile reschedules it.
 */
export const userNoticeJob = (ctx: CoreContext) =>
  defineJob<{ requestId: string }>({
    name: 'lawful.user-notice',
    retryLimit: 10,
    retryDelaySeconds: 60,
    retryBackoff: true,
    expireInSeconds: 300,
    handler: async ({ requestId }) => {
      const db = lawfulDb(ctx.db);
      const row = await getRequestRow(db, requestId);
      if (!row || row.state !== 'disclosed') return;
      if (row.nondisclosure_until && new Date(row.nondisclosure_until).getTime() > Date.now()) {
        await scheduleUserNotice(ctx, requestId, new Date(row.nondisclosure_until));
        return;
      }
      if ((await reviewSteps(db, requestId)).some((s) => s.kind === 'user_notice')) return;
      await ctx.db.transaction().execute(async (trx) => {
        await lawfulDb(trx)
          .insertInto('lawful_review_steps')
          .values({
            id: randomUUID(),
            request_id: requestId,
            kind: 'user_notice',
            reviewer: 'system',
            details: JSON.stringify({
              due: row.nondisclosure_until ?? row.updated_at,
              targets: row.target_indexes.length,
            }),
          })
          .execute();
        await recordAudit(trx, systemActor('lawful'), {
          action: 'lawful_request.user_notice_due',
          objectType: 'lawful_request',
          objectId: requestId,
        });
      });
    },
  });

export async function scheduleUserNotice(ctx: CoreContext, requestId: string, at: Date) {
  await ctx.jobs.send(
    userNoticeJob(ctx),
    { requestId },
    { startAfter: at, singletonKey: `${requestId}@${at.toISOString()}` },
  );
}
