import { sql } from 'kysely';
import type { DetectDb, DetectionTable } from './tables.ts';
import type { Insertable } from 'kysely';

const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

/** Claims an event: false when it was recorded before (a redelivery), so it must not be counted again. */
export async function claimEvent(db: DetectDb, eventKey: string, at: Date): Promise<boolean> {
  const rows = await db
    .insertInto('detect_hit_events')
    .values({ event_key: eventKey, detection_id: PLACEHOLDER, seen_at: at })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .returning('event_key')
    .execute();
  return rows.length > 0;
}

export const attachEvent = (db: DetectDb, eventKey: string, detectionId: string) =>
  db.updateTable('detect_hit_events').set({ detection_id: detectionId }).where('event_key', '=', eventKey).execute();

/** Serialises folding for one key across processes (two workers may see hits of the same person at once). */
export const lockFoldKey = (db: DetectDb, foldKey: string) =>
  sql`select pg_advisory_xact_lock(hashtext(${foldKey}))`.execute(db);

/** The detection a hit at `time` folds into: same key, seen within `windowMs` of it. */
export const findFoldTarget = (db: DetectDb, foldKey: string, time: Date, windowMs: number) =>
  db
    .selectFrom('detect_detections')
    .select(['id', 'first_seen', 'last_seen'])
    .where('fold_key', '=', foldKey)
    .where('last_seen', '>=', new Date(time.getTime() - windowMs))
    .where('first_seen', '<=', new Date(time.getTime() + windowMs))
    .orderBy('last_seen', 'desc')
    .limit(1)
    .executeTakeFirst();

export async function foldInto(db: DetectDb, id: string, time: Date): Promise<void> {
  await db
    .updateTable('detect_detections')
    .set((eb) => ({
      event_count: eb('event_count', '+', 1),
      first_seen: sql`least(first_seen, ${time})`,
      last_seen: sql`greatest(last_seen, ${time})`,
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

export const insertDetection = (db: DetectDb, row: Insertable<DetectionTable>) =>
  db.insertInto('detect_detections').values(row).execute();

export interface DetectionQuery {
  after?: Date;
  actor?: string;
  retroactive?: boolean;
  subjectIndex?: string;
  limit: number;
  beforeSeen?: { lastSeen: Date; id: string };
}

/** Newest first; keyset pagination on (last_seen, id). */
export function listDetections(db: DetectDb, q: DetectionQuery) {
  let query = db.selectFrom('detect_detections').selectAll();
  if (q.after) query = query.where('last_seen', '>=', q.after);
  if (q.actor) query = query.where(sql<boolean>`lower(actor) = ${q.actor.toLowerCase()}`);
  if (q.retroactive !== undefined) query = query.where('retroactive', '=', q.retroactive);
  if (q.subjectIndex) query = query.where('subject_index', '=', q.subjectIndex);
  if (q.beforeSeen) {
    const { lastSeen, id } = q.beforeSeen;
    query = query.where((eb) =>
      eb.or([eb('last_seen', '<', lastSeen), eb.and([eb('last_seen', '=', lastSeen), eb('id', '<', id)])]),
    );
  }
  return query.orderBy('last_seen', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

export const getDetectionRow = (db: DetectDb, id: string) =>
  db.selectFrom('detect_detections').selectAll().where('id', '=', id).executeTakeFirst();

export async function getState<T>(db: DetectDb, name: string): Promise<T | undefined> {
  const row = await db.selectFrom('detect_state').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value as T | undefined;
}

export async function setState(db: DetectDb, name: string, value: unknown): Promise<void> {
  await db
    .insertInto('detect_state')
    .values({ name, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: JSON.stringify(value) }))
    .execute();
}

/** Detections created or folded into after a point, oldest change first; keyset on (updated_at, id). */
export function detectionsChangedAfter(db: DetectDb, after: { at: Date; id: string } | null, limit: number) {
  let query = db.selectFrom('detect_detections').selectAll();
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('updated_at', '>', after.at), eb.and([eb('updated_at', '=', after.at), eb('id', '>', after.id)])]),
    );
  }
  return query.orderBy('updated_at').orderBy('id').limit(limit).execute();
}
