import type { CoreContext } from '../context.ts';
import { defineJob } from '../jobs/job.ts';
import type { BackgroundTask } from '../module.ts';
import { isCheckpointDue, writeCheckpoint } from './checkpoint-service.ts';

/** Signs the chain's head. A broken chain fails the job (and its retries), loudly in the log. */
export const checkpointJob = (ctx: CoreContext) =>
  defineJob<Record<string, never>>({
    name: 'audit.checkpoint',
    // One queued and one running at most, however often the scheduler finds one due.
    policy: 'stately',
    retryLimit: 5,
    retryDelaySeconds: 60,
    retryBackoff: true,
    expireInSeconds: 3600,
    handler: async (_data, { log }) => {
      const { checkpoint, written } = await writeCheckpoint(ctx);
      if (written) log.info({ seq: checkpoint!.seq, keyId: checkpoint!.key_id }, 'audit checkpoint signed');
    },
  });

/** Queues a checkpoint job when the policy asks for one; returns its id (null when none is due or one is queued). */
export async function queueDueCheckpoint(ctx: CoreContext, now = new Date()): Promise<string | null> {
  if (!(await isCheckpointDue(ctx, now))) return null;
  return ctx.jobs.send(checkpointJob(ctx), {}, { singletonKey: 'audit' });
}

/** Looks every `everyMs` whether a checkpoint is due (ACCORD_AUDIT_CHECKPOINT_ENTRIES / _MINUTES). */
export function checkpointScheduler(ctx: CoreContext, everyMs = 15_000): BackgroundTask {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow database: the previous look is still running
    running = true;
    try {
      await queueDueCheckpoint(ctx);
    } catch (error) {
      ctx.log.warn({ err: error }, 'audit checkpoint scheduling failed');
    } finally {
      running = false;
    }
  };
  return {
    name: 'audit.checkpoints',
    async start() {
      timer = setInterval(() => void tick(), everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}
