import { configuredFieldMapping } from './field-mapping.ts';
import type { CoreContext } from '../../core/context.ts';
import { DetectionEngine } from './engine.ts';

const engines = new WeakMap<
  CoreContext,
  { engine: DetectionEngine; checkedAt: number; refreshing?: Promise<unknown> }
>();
const CHECK_EVERY_MS = 5_000;

/**
 * The process's engine, kept current: at most every few seconds it checks whether intelligence changed and
 * rebuilds its index if so (requests keep using the previous index meanwhile).
 */
export async function currentEngine(ctx: CoreContext): Promise<DetectionEngine> {
  let entry = engines.get(ctx);
  if (!entry) {
    const engine = new DetectionEngine(undefined, configuredFieldMapping(ctx.config));
    await engine.refresh(ctx);
    entry = { engine, checkedAt: Date.now() };
    engines.set(ctx, entry);
    return engine;
  }
  if (Date.now() - entry.checkedAt > CHECK_EVERY_MS && !entry.refreshing) {
    entry.checkedAt = Date.now();
    const current = entry;
    current.refreshing = current.engine
      .refresh(ctx)
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'detection index refresh failed'))
      .finally(() => delete current.refreshing);
  }
  return entry.engine;
}
