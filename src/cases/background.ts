import type { CoreContext } from '../core/context.ts';
import type { BackgroundTask } from '../core/module.ts';
import { syncCases } from './sync.ts';

/**
 * Keeps cases current with detections, every few seconds. Several processes may run it: each page is written in one
 * transaction with the cursor, and a page repeated by a racing process changes nothing.
 */
export function caseSyncTask(ctx: CoreContext, everyMs = 5_000): BackgroundTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= syncCases(ctx)
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'case sync failed'))
      .finally(() => (running = undefined));
  };
  return {
    name: 'cases.sync',
    async start() {
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
