import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit, systemActor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { detectionsChangedSince, type DetectionChange } from '../detect/service.ts';
import {
  caseOfDetection,
  coverDetection,
  findOpenCase,
  getCasesState,
  insertCase,
  setCasesState,
  upsertCaseDetection,
} from './store/cases-store.ts';
import { casesDb } from './store/tables.ts';
import type { DbTransaction } from '../core/db/database.ts';

const CURSOR = 'detections-cursor';
// Any fixed number: names the advisory lock that serialises syncs.
const SYNC_LOCK = 7_130_101;
const UNATTRIBUTED = '(unattributed)';

export interface SyncResult {
  detections: number;
  newCases: number;
}

interface StoredCursor {
  at: string;
  id: string;
}

/**
 * Brings cases up to date with detections: each detection joins the open case of its person (by the subject's keyed
 * hash) and actor, or opens one. Detections without a subject cannot be a targeting case and are skipped. Each
 * page is read and written in one transaction with its cursor, under a lock, so a crash repeats a page rather than
 * losing one, a repeated page changes nothing, and concurrent syncs (several processes) cannot open twin cases.
 */
export async function syncCases(ctx: CoreContext, pageSize = 500): Promise<SyncResult> {
  const result: SyncResult = { detections: 0, newCases: 0 };
  for (;;) {
    const count = await ctx.db.transaction().execute(async (trx) => {
      // One sync at a time, across processes: two would both find no open case and open two for one person.
      await sql`select pg_advisory_xact_lock(${SYNC_LOCK})`.execute(trx);
      const db = casesDb(trx);
      const stored = await getCasesState<StoredCursor>(db, CURSOR);
      const after = stored ? { at: new Date(stored.at), id: stored.id } : null;
      const page = await detectionsChangedSince(ctx, after, pageSize, trx);
      for (const detection of page) {
        if (await joinCase(trx, detection)) result.newCases++;
        result.detections++;
      }
      const last = page[page.length - 1]?.cursor;
      if (last) await setCasesState(db, CURSOR, { at: last.at.toISOString(), id: last.id });
      return page.length;
    });
    if (count < pageSize) return result;
  }
}

/** Returns true when the detection opened a new case. */
async function joinCase(trx: DbTransaction, d: DetectionChange): Promise<boolean> {
  if (!d.subject_index) return false;
  const db = casesDb(trx);
  const first = new Date(d.first_seen);
  const last = new Date(d.last_seen);
  const link = {
    detection_id: d.id,
    indicator_id: d.indicator_id,
    matched_value: d.matched.value,
    first_seen: first,
    last_seen: last,
    event_count: d.count,
    confidence: d.confidence,
    retroactive: d.retroactive,
  };
  // A detection folded into since it joined a case stays with that case, whatever state the case is in now.
  const linked = await caseOfDetection(db, d.id);
  if (linked) {
    await upsertCaseDetection(db, { ...link, case_id: linked.case_id });
    await coverDetection(db, linked.case_id, first, last, d.confidence);
    return false;
  }
  const actor = d.actor ?? UNATTRIBUTED;
  const open = await findOpenCase(db, d.subject_index, actor);
  if (open) {
    await upsertCaseDetection(db, { ...link, case_id: open.id });
    await coverDetection(db, open.id, first, last, d.confidence);
    return false;
  }
  const id = randomUUID();
  await insertCase(db, {
    id,
    subject_index: d.subject_index,
    subject_match_index: d.subject_match_index,
    actor,
    state: 'new',
    state_reason: null,
    assignee_id: null,
    first_seen: first,
    last_seen: last,
    confidence: d.confidence,
    merged_into: null,
    country: null,
    sector: null,
    updated_at: new Date(),
  });
  await upsertCaseDetection(db, { ...link, case_id: id });
  await recordAudit(trx, systemActor('cases'), {
    action: 'case.opened',
    objectType: 'case',
    objectId: id,
    details: { actor, detection: d.id },
  });
  return true;
}
