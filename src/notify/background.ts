import { systemActor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { BackgroundTask } from '../core/module.ts';
import { casesInState } from '../cases/service.ts';
import { requestNotice, sendQueuedJobs } from './request.ts';
import { findPolicy, getDelivery, staleQueuedDeliveries } from './store/notify-store.ts';
import { notifyDb } from './store/tables.ts';

/**
 * Every few seconds: confirmed cases under an automatic policy get their notice (deduplication makes a repeat a
 * no-op), and deliveries left queued by a crash between commit and queueing get their job again.
 */
export function noticeTask(ctx: CoreContext, everyMs = 5_000): BackgroundTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = async () => {
    const db = notifyDb(ctx.db);
    for (const c of await casesInState(ctx, 'confirmed')) {
      const policy = await findPolicy(db, c.actor);
      if (policy?.mode !== 'auto' || c.confidence < policy.min_confidence) continue;
      await requestNotice(ctx, systemActor('notify'), c.id).catch((e: unknown) => {
        if (!(e instanceof AppError)) throw e;
      });
    }
    for (const { id } of await staleQueuedDeliveries(db, new Date(Date.now() - 60_000))) {
      const d = await getDelivery(db, id);
      if (d) await sendQueuedJobs(ctx, d.notice_id);
    }
  };
  return {
    name: 'notify.notices',
    async start() {
      timer = setInterval(() => {
        running ??= tick()
          .catch((error: unknown) => ctx.log.warn({ err: error }, 'notice task failed'))
          .finally(() => (running = undefined));
      }, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
