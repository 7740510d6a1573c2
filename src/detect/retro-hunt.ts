import { configuredFieldMapping } from './engine/field-mapping.ts';
import type { CoreContext } from '../core/context.ts';
import { openSource } from '../core/io/open-source.ts';
import { defineJob } from '../core/jobs/job.ts';
import { activeIndicatorValues } from '../intel/service.ts';
import { DetectionEngine } from './engine/engine.ts';
import { IndicatorIndex } from './engine/indicator-index.ts';
import { recordHits, type RecordResult } from './record-hits.ts';
import { keptTelemetryFiles } from './retention/telemetry-store.ts';
import { inputProblem, scanStream } from './scan.ts';
import { getState, setState } from './store/detections-store.ts';
import { detectDb } from './store/tables.ts';

const WATERMARK = 'retro_hunt_after_seq';

export interface RetroHuntResult extends RecordResult {
  newValues: number;
  files: number;
  lines: number;
  hits: number;
}

/**
 * Rescans the kept telemetry for the indicators that arrived since the last hunt, and only for them: detections
 * it finds are marked retroactive. Safe to repeat: events already recorded for an indicator are not counted again.
 */
export async function retroHunt(ctx: CoreContext): Promise<RetroHuntResult> {
  const db = detectDb(ctx.db);
  const after = (await getState<number>(db, WATERMARK)) ?? 0;
  const index = new IndicatorIndex();
  let last = after;
  let newValues = 0;
  for (;;) {
    const page = await activeIndicatorValues(ctx, last, 50_000);
    for (const v of page) index.add(v);
    newValues += page.length;
    if (page.length > 0) last = page[page.length - 1]!.seq;
    if (page.length < 50_000) break;
  }
  const result: RetroHuntResult = { newValues, files: 0, lines: 0, hits: 0, created: [], folded: 0, duplicates: 0 };
  if (newValues > 0) {
    const engine = new DetectionEngine(index, configuredFieldMapping(ctx.config));
    for (const file of await keptTelemetryFiles(ctx.config)) {
      const source = await openSource(ctx.config, file);
      const stats = await scanStream(engine, source.stream, `retro:${file}`, async (hits) => {
        result.hits += hits.length;
        const r = await recordHits(ctx, hits, {
          source: 'retro-hunt',
          retroactive: true,
          foldWindowMs: ctx.config.detectFoldWindowMinutes * 60_000,
        });
        result.created.push(...r.created);
        result.folded += r.folded;
        result.duplicates += r.duplicates;
      });
      result.files++;
      result.lines += stats.lines;
      const problem = inputProblem(file, stats);
      if (problem) ctx.log.warn({ file }, problem);
    }
  }
  await setState(db, WATERMARK, last);
  ctx.log.info({ ...result, created: result.created.length }, 'retro-hunt finished');
  return result;
}

/** The durable form of a retro-hunt: queued when intelligence arrives, retried if its process dies. */
export const retroHuntJob = (ctx: CoreContext) =>
  defineJob<Record<string, never>>({
    name: 'detect.retro-hunt',
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 3600,
    handler: async () => {
      await retroHunt(ctx);
    },
  });
