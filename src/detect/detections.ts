import type { Selectable } from 'kysely';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { SUBJECT_CONTEXT, subjectIndexOf } from './record-hits.ts';
import { getDetectionRow, listDetections, type DetectionQuery } from './store/detections-store.ts';
import { detectDb, type DetectionTable } from './store/tables.ts';
import { checkedRevealReason } from '../core/http/reveal-reason.ts';

export interface DetectionView {
  id: string;
  /** A stable pseudonym for the subject (its keyed hash, shortened): groups detections without revealing who. */
  subject_ref: string | null;
  indicator_id: string;
  matched: { key: string; value: string; field: string };
  first_seen: string;
  last_seen: string;
  count: number;
  confidence: number;
  actor: string | null;
  attribution: { id: string; type: string; name: string | null; via: string }[];
  retroactive: boolean;
  source: string;
}

export function presentDetection(row: Selectable<DetectionTable>): DetectionView {
  return {
    id: row.id,
    subject_ref: row.subject_index ? row.subject_index.slice(0, 16) : null,
    indicator_id: row.indicator_id,
    matched: { key: row.matched_key, value: row.matched_value, field: row.field },
    first_seen: new Date(row.first_seen).toISOString(),
    last_seen: new Date(row.last_seen).toISOString(),
    count: row.event_count,
    confidence: row.confidence,
    actor: row.actor,
    attribution: row.attribution,
    retroactive: row.retroactive,
    source: row.source,
  };
}

/** Detections, newest first, without revealing whom they concern. */
export async function findDetections(
  ctx: CoreContext,
  q: Omit<DetectionQuery, 'subjectIndex'> & { subject?: string },
): Promise<DetectionView[]> {
  const { subject, ...rest } = q;
  const rows = await listDetections(detectDb(ctx.db), {
    ...rest,
    ...(subject ? { subjectIndex: subjectIndexOf(ctx, subject) } : {}),
  });
  return rows.map(presentDetection);
}

/** One detection, without whom it concerns (its pseudonym only); the read is audited like any view of a detection. */
export async function viewDetection(ctx: CoreContext, actor: Actor, id: string) {
  const row = await getDetectionRow(detectDb(ctx.db), id);
  if (!row) throw notFound(`no detection ${id}`);
  await ctx.db
    .transaction()
    .execute((trx) => recordAudit(trx, actor, { action: 'detection.viewed', objectType: 'detection', objectId: id }));
  return presentDetection(row);
}

/**
 * Whom a detection concerns, in clear, with the stated reason that goes into the audit entry, written before
 * anything is returned (no reveal without its record). The route requires `cases:reveal`, as a case's reveal does.
 */
export async function revealDetection(ctx: CoreContext, actor: Actor, id: string, reason: string) {
  const recorded = checkedRevealReason(reason);
  const row = await getDetectionRow(detectDb(ctx.db), id);
  if (!row) throw notFound(`no detection ${id}`);
  const subject = row.subject_enc ? await ctx.keyring.decrypt(row.subject_enc, SUBJECT_CONTEXT) : null;
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'detection.subject_revealed',
      objectType: 'detection',
      objectId: id,
      details: { reason: recorded },
    }),
  );
  return { id, subject };
}
