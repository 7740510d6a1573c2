import type { CoreContext } from '../../core/context.ts';
import { defineJob } from '../../core/jobs/index.ts';
import type { BackgroundTask } from '../../core/module.ts';
import { pullSubscription } from './pull.ts';
import { subscriptionRow } from './position-store.ts';
import { clientDb } from './tables.ts';
import { dueSubscriptions } from './subscriptions.ts';

/** One pull of one subscription, as a durable job: a failure is retried with back-off, a crash resumes. */
export const pullJob = (ctx: CoreContext) =>
  defineJob<{ subscriptionId: string }>({
    name: 'share.pull',
    // One pull per subscription queued and one running at most, however often the scheduler asks.
    policy: 'stately',
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 1800,
    handler: async ({ subscriptionId }, job) => {
      // Ended since it was queued: nothing to retry.
      if (!(await subscriptionRow(clientDb(ctx.db), subscriptionId))) return job.log.info('subscription gone');
      await pullSubscription(ctx, subscriptionId);
    },
  });

/** Queues a pull job for each due subscription (at most one queued per subscription); returns the new jobs' ids. */
export async function queueDuePulls(ctx: CoreContext): Promise<string[]> {
  const queued: string[] = [];
  for (const id of await dueSubscriptions(ctx)) {
    const jobId = await ctx.jobs.send(pullJob(ctx), { subscriptionId: id }, { singletonKey: id });
    if (jobId) queued.push(jobId);
  }
  return queued;
}

/** Every minute: a pull job for each subscription whose interval has passed or whose backlog is not yet read. */
export function subscriptionScheduler(ctx: CoreContext, everyMs = 60_000): BackgroundTask {
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await queueDuePulls(ctx);
    } catch (error) {
      ctx.log.warn({ err: error }, 'subscription scheduling failed');
    }
  };
  return {
    name: 'share.subscriptions',
    async start() {
      timer = setInterval(() => void tick(), everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}
