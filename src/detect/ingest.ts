import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CoreContext } from '../core/context.ts';
import { currentEngine } from './engine/shared-engine.ts';
import type { ReadStats } from './engine/observation.ts';
import { recordHits, type Hit, type RecordResult } from './record-hits.ts';
import { keepTelemetry } from './retention/telemetry-store.ts';
import { scanStream } from './scan.ts';

export interface IngestResult extends ReadStats, RecordResult {
  hits: number;
}

/**
 * One batch of telemetry lines from the HTTP endpoint or NATS: kept for retro-hunting (when configured), matched,
 * and its hits recorded. `batchKey` identifies the batch across redeliveries.
 */
export async function ingestBatch(
  ctx: CoreContext,
  body: Uint8Array,
  batchKey: string,
  source: 'http' | 'nats',
): Promise<IngestResult> {
  const engine = await currentEngine(ctx);
  await keepTelemetry(ctx.config, body);
  const hits: Hit[] = [];
  const stats = await scanStream(engine, Readable.from([Buffer.from(body)]), batchKey, (found) => {
    hits.push(...found);
  });
  const recorded = await recordHits(ctx, hits, { source, foldWindowMs: ctx.config.detectFoldWindowMinutes * 60_000 });
  return { ...stats, ...recorded, hits: hits.length };
}

/** A batch's identity when the sender gives none: its content (a re-sent batch is the same batch). */
export const contentKey = (body: Uint8Array) => createHash('sha256').update(body).digest('base64url');
