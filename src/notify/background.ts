import { systemActor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { BackgroundTask } from '../core/module.ts';
import { casesInState } from '../cases/service.ts';
import { requestNotice } from './request.ts';
import { findPolicy } from './store/notify-store.ts';
import { notifyDb } from './store/tables.ts';

/**
 * Every few seconds: confirmed cases under an automatic policy get their notice (deduplication makes a repeat a
 * no-op). Deliveries are not its business: the delivery workers claim them from their table when they are due.
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
