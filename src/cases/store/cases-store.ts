import { sql, type Insertable, type Selectable } from 'kysely';
import type { CaseState } from '../states.ts';
import type { CaseDetectionTable, CasesDb, CaseTable } from './tables.ts';

export type CaseRow = Selectable<CaseTable>;

/** The open case of one person and actor, locked for the caller's transaction. */
export const findOpenCase = (db: CasesDb, subjectIndex: string, actor: string) =>
  db
    .selectFrom('cases_cases')
    .selectAll()
    .where('subject_index', '=', subjectIndex)
    .where('actor', '=', actor)
    .where('state', 'not in', ['closed', 'dismissed'])
    .where('merged_into', 'is', null)
    .forUpdate()
    .executeTakeFirst();

export const insertCase = (db: CasesDb, row: Insertable<CaseTable>) =>
  db.insertInto('cases_cases').values(row).execute();

export const getCaseRow = (db: CasesDb, id: string, lock = false) => {
  const query = db.selectFrom('cases_cases').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
};

export const updateCase = (db: CasesDb, id: string, set: Partial<Omit<CaseRow, 'id' | 'created_at'>>) =>
  db
    .updateTable('cases_cases')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .execute();

/** Links a detection to a case, or refreshes the link's counts when the detection was folded into since. */
export async function upsertCaseDetection(
  db: CasesDb,
  row: Insertable<CaseDetectionTable>,
): Promise<'new' | 'updated'> {
  const existing = await db
    .selectFrom('cases_detections')
    .select('case_id')
    .where('detection_id', '=', row.detection_id)
    .executeTakeFirst();
  if (!existing) {
    await db.insertInto('cases_detections').values(row).execute();
    return 'new';
  }
  await db
    .updateTable('cases_detections')
    .set({ last_seen: row.last_seen, first_seen: row.first_seen, event_count: row.event_count })
    .where('detection_id', '=', row.detection_id)
    .execute();
  return 'updated';
}

export const caseOfDetection = (db: CasesDb, detectionId: string) =>
  db.selectFrom('cases_detections').select('case_id').where('detection_id', '=', detectionId).executeTakeFirst();

/** Widens a case's time span and confidence to cover a detection. */
export const coverDetection = (db: CasesDb, id: string, first: Date, last: Date, confidence: number) =>
  db
    .updateTable('cases_cases')
    .set({
      first_seen: sql`least(first_seen, ${first})`,
      last_seen: sql`greatest(last_seen, ${last})`,
      confidence: sql`greatest(confidence, ${confidence})`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();

export interface CaseQuery {
  state?: CaseState;
  actor?: string;
  assigneeId?: string;
  limit: number;
  /** Keyset: cases seen before this (last_seen, id). */
  before?: { lastSeen: Date; id: string };
}

/** Cases most recently active first; merged cases are left out (their detections live on in the target). */
export function listCaseRows(db: CasesDb, q: CaseQuery) {
  let query = db.selectFrom('cases_cases').selectAll().where('merged_into', 'is', null);
  if (q.state) query = query.where('state', '=', q.state);
  if (q.actor) query = query.where(sql<boolean>`lower(actor) = ${q.actor.toLowerCase()}`);
  if (q.assigneeId) query = query.where('assignee_id', '=', q.assigneeId);
  if (q.before) {
    const { lastSeen, id } = q.before;
    query = query.where((eb) =>
      eb.or([eb('last_seen', '<', lastSeen), eb.and([eb('last_seen', '=', lastSeen), eb('id', '<', id)])]),
    );
  }
  return query.orderBy('last_seen', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

export const caseDetections = (db: CasesDb, caseId: string) =>
  db.selectFrom('cases_detections').selectAll().where('case_id', '=', caseId).orderBy('first_seen').execute();

export const caseNotes = (db: CasesDb, caseId: string) =>
  db.selectFrom('cases_notes').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();

export async function getCasesState<T>(db: CasesDb, name: string): Promise<T | undefined> {
  const row = await db.selectFrom('cases_state').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value as T | undefined;
}

export async function setCasesState(db: CasesDb, name: string, value: unknown): Promise<void> {
  await db
    .insertInto('cases_state')
    .values({ name, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: JSON.stringify(value) }))
    .execute();
}
