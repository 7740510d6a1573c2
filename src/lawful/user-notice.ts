import { randomUUID } from 'node:crypto';
import { recordAudit, systemActor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { defineJob } from '../core/jobs/index.ts';
import { sendAccountEmail, sendAccountWebhook } from '../notify/service.ts';
import { TARGETS_CONTEXT } from './intake.ts';
import { getAgency, getRequestRow, reviewSteps } from './store/lawful-store.ts';
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
      const sent = await tellTargets(ctx, row);
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
              ...sent,
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Tells each target: by e-mail when it is an address (and SMTP is set up), otherwise through the provider's own
 * product by the signed notice webhook (an account id, a phone number). Webhook messages go first: they carry an
 * idempotency key, so a retry after an e-mail failure repeats nothing the person sees twice.
 */
async function tellTargets(ctx: CoreContext, row: NonNullable<Awaited<ReturnType<typeof getRequestRow>>>) {
  const targets = JSON.parse(await ctx.keyring.decrypt(row.targets_enc, TARGETS_CONTEXT)) as string[];
  const agency = await getAgency(lawfulDb(ctx.db), row.agency_id);
  const subject = `${ctx.config.providerName}: a legal request concerned your account`;
  const text = [
    `We received a legal request (${row.request_type.replace(/_/g, ' ')}) from ${agency?.name ?? 'a government agency'} concerning your ${ctx.config.providerName} account.`,
    `After review we disclosed the following categories of data: ${row.data_categories.join(', ')}.`,
    row.nondisclosure_until ? 'A court order kept us from telling you until now.' : '',
    'You may want to seek legal advice. We will never ask for your password in connection with this notice.',
  ]
    .filter(Boolean)
    .join('\n\n');
  let emailed = 0;
  let webhook = 0;
  for (const [i, account] of targets.entries()) {
    if (EMAIL.test(account)) continue;
    const key = `${row.id}.${i}`;
    if (await sendAccountWebhook(ctx.config, { type: 'accord.legal_notice', key, account, subject, text })) webhook++;
  }
  for (const [i, to] of targets.entries()) {
    if (!EMAIL.test(to)) continue;
    if (await sendAccountEmail(ctx.config, { to, subject, text, messageId: `<${row.id}.${i}@accord.lawful>` }))
      emailed++;
  }
  return { emailed, webhook, other: targets.length - emailed - webhook };
}

export async function scheduleUserNotice(ctx: CoreContext, requestId: string, at: Date) {
  await ctx.jobs.send(
    userNoticeJob(ctx),
    { requestId },
    { startAfter: at, singletonKey: `${requestId}@${at.toISOString()}` },
  );
}
