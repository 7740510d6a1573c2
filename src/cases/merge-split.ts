import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, invalidState, notFound } from '../core/errors.ts';
import { presentCase, type CaseView } from './present.ts';
import { isOpen } from './states.ts';
import { getCaseRow, insertCase, type CaseRow } from './store/cases-store.ts';
import { casesDb, type CasesDb } from './store/tables.ts';

async function openCase(db: CasesDb, id: string): Promise<CaseRow> {
  const row = await getCaseRow(db, id, true);
  if (!row) throw notFound(`no case ${id}`);
  if (row.merged_into) throw invalidState(`case ${id} was merged into ${row.merged_into}`);
  if (!isOpen(row.state)) throw invalidState(`case ${id} is ${row.state}`);
  return row;
}

/** Recomputes a case's span and confidence from the detections it holds now. */
async function refit(db: CasesDb, id: string): Promise<CaseRow> {
  await db
    .updateTable('cases_cases')
    .set({
      first_seen: sql`(select min(first_seen) from cases_detections where case_id = ${id})`,
      last_seen: sql`(select max(last_seen) from cases_detections where case_id = ${id})`,
      confidence: sql`(select max(confidence) from cases_detections where case_id = ${id})`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
  return (await getCaseRow(db, id))!;
}

/**
 * Folds other open cases of the same person into `targetId` (an analyst sees that "unattributed" and "Predator" are
 * one campaign, say). The merged cases keep their rows, marked, so links to them still resolve. Audited.
 */
export async function mergeCases(
  ctx: CoreContext,
  actor: Actor,
  targetId: string,
  sourceIds: string[],
): Promise<CaseView> {
  if (sourceIds.length === 0 || sourceIds.includes(targetId))
    throw badRequest('give other cases to merge into this one');
  return ctx.db.transaction().execute(async (trx) => {
    const db = casesDb(trx);
    const target = await openCase(db, targetId);
    for (const id of sourceIds) {
      const source = await openCase(db, id);
      if (source.subject_index !== target.subject_index) {
        throw invalidState(`case ${id} concerns another person: only one person's cases can be merged`);
      }
      await db.updateTable('cases_detections').set({ case_id: targetId }).where('case_id', '=', id).execute();
      await db
        .updateTable('cases_cases')
        .set({ merged_into: targetId, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    }
    const merged = await refit(db, targetId);
    await recordAudit(trx, actor, {
      action: 'case.merged',
      objectType: 'case',
      objectId: targetId,
      details: { from: sourceIds },
    });
    return presentCase(merged);
  });
}

/** Moves some of a case's detections into a new case of the same person and actor, to be triaged on its own. Audited. */
export async function splitCase(ctx: CoreContext, actor: Actor, id: string, detectionIds: string[]): Promise<CaseView> {
  if (detectionIds.length === 0) throw badRequest('give the detections to move into a new case');
  return ctx.db.transaction().execute(async (trx) => {
    const db = casesDb(trx);
    const original = await openCase(db, id);
    const held = await db.selectFrom('cases_detections').select('detection_id').where('case_id', '=', id).execute();
    const ids = new Set(held.map((r) => r.detection_id));
    const foreign = detectionIds.find((d) => !ids.has(d));
    if (foreign) throw badRequest(`detection ${foreign} is not in case ${id}`);
    if (detectionIds.length >= ids.size) throw badRequest('a split must leave at least one detection in the case');
    const newId = randomUUID();
    await insertCase(db, {
      id: newId,
      subject_index: original.subject_index,
      subject_match_index: original.subject_match_index,
      actor: original.actor,
      state: 'triage',
      state_reason: null,
      assignee_id: original.assignee_id,
      first_seen: original.first_seen,
      last_seen: original.last_seen,
      confidence: original.confidence,
      merged_into: null,
      country: original.country,
      sector: original.sector,
      updated_at: new Date(),
    });
    await db
      .updateTable('cases_detections')
      .set({ case_id: newId })
      .where('detection_id', 'in', detectionIds)
      .execute();
    await refit(db, id);
    const created = await refit(db, newId);
    await recordAudit(trx, actor, {
      action: 'case.split',
      objectType: 'case',
      objectId: id,
      details: { into: newId, detections: detectionIds },
    });
    return presentCase(created);
  });
}
