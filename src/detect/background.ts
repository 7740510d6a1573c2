import type { CoreContext } from '../core/context.ts';
import type { BackgroundTask } from '../core/module.ts';
import { intelVersion } from '../intel/service.ts';
import { ingestBatch } from './ingest.ts';
import { pruneTelemetry } from './retention/telemetry-store.ts';
import { retroHuntJob } from './retro-hunt.ts';
import { startTelemetryConsumer, type RunningConsumer } from './nats/consumer.ts';

/** The NATS JetStream consumer, when ACCORD_NATS_URL is set. */
export function natsTask(ctx: CoreContext): BackgroundTask {
  let running: RunningConsumer | undefined;
  return {
    name: 'detect.nats',
    async start() {
      if (!ctx.config.natsUrl) return;
      running = await startTelemetryConsumer(ctx, async (body, eventKey) => {
        await ingestBatch(ctx, body, eventKey, 'nats');
      });
    },
    async stop() {
      await running?.stop();
    },
  };
}

/**
 * Watches for new intelligence and queues a retro-hunt when some arrived (the job queue makes sure only one is
 * pending and that it survives a restart). Also prunes telemetry past its retention.
 */
export function retroHuntWatcher(ctx: CoreContext, everyMs = 60_000): BackgroundTask {
  let timer: NodeJS.Timeout | undefined;
  let seen = -1;
  const tick = async () => {
    try {
      await pruneTelemetry(ctx.config);
      const version = await intelVersion(ctx);
      if (version !== seen && ctx.config.telemetryDir) {
        await ctx.jobs.send(retroHuntJob(ctx), {}, { singletonKey: 'retro-hunt' });
      }
      seen = version;
    } catch (error) {
      ctx.log.warn({ err: error }, 'retro-hunt watcher failed');
    }
  };
  return {
    name: 'detect.retro-hunt-watcher',
    async start() {
      timer = setInterval(() => void tick(), everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}
