import { sql } from 'kysely';
import type { ScreeningDb } from './tables.ts';

export const getParty = (db: ScreeningDb, id: string, lock = false) => {
  const q = db.selectFrom('screening_parties').selectAll().where('id', '=', id).where('archived_at', 'is', null);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

export function listParties(
  db: ScreeningDb,
  filter: { status?: string; dueBefore?: Date; limit: number; offset: number },
) {
  let q = db
    .selectFrom('screening_parties')
    .selectAll()
    .where('archived_at', 'is', null)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.status) q = q.where('status', '=', filter.status as never);
  if (filter.dueBefore) q = q.where('next_review_at', '<=', filter.dueBefore);
  return q.execute();
}

/** Live parties in pages by id, for rescreening. */
export const partiesPage = (db: ScreeningDb, afterId: string | null, limit: number) => {
  let q = db.selectFrom('screening_parties').selectAll().where('archived_at', 'is', null).orderBy('id').limit(limit);
  if (afterId) q = q.where('id', '>', afterId);
  return q.execute();
};

export const partyResults = (db: ScreeningDb, partyId: string) =>
  db
    .selectFrom('screening_results')
    .selectAll()
    .where('party_id', '=', partyId)
    .orderBy('screened_at', 'desc')
    .orderBy('id')
    .limit(50)
    .execute();

export const partyQuestionnaires = (db: ScreeningDb, partyId: string) =>
  db
    .selectFrom('screening_questionnaires')
    .selectAll()
    .where('party_id', '=', partyId)
    .orderBy('answered_at', 'desc')
    .execute();

export const partyDecisions = (db: ScreeningDb, partyId: string) =>
  db
    .selectFrom('screening_decisions')
    .selectAll()
    .where('party_id', '=', partyId)
    .orderBy('decided_at', 'desc')
    .execute();

export const knownMatchIds = async (db: ScreeningDb, partyId: string) =>
  new Set(
    (await db.selectFrom('screening_party_matches').select('entry_id').where('party_id', '=', partyId).execute()).map(
      (r) => r.entry_id,
    ),
  );

/** Records matches as known; returns the entry ids that were not known before. */
export async function rememberMatches(
  db: ScreeningDb,
  partyId: string,
  matches: Array<{ entryId: string; score: number }>,
) {
  if (matches.length === 0) return new Set<string>();
  const inserted = await db
    .insertInto('screening_party_matches')
    .values(matches.map((m) => ({ party_id: partyId, entry_id: m.entryId, score: m.score })))
    .onConflict((oc) => oc.columns(['party_id', 'entry_id']).doNothing())
    .returning('entry_id')
    .execute();
  return new Set(inserted.map((r) => r.entry_id));
}

export const listAlerts = (db: ScreeningDb, filter: { status?: string; partyId?: string; limit: number }) => {
  let q = db.selectFrom('screening_alerts').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit);
  if (filter.status) q = q.where('status', '=', filter.status as never);
  if (filter.partyId) q = q.where('party_id', '=', filter.partyId);
  return q.execute();
};

export async function openAlertCount(db: ScreeningDb, partyId: string): Promise<number> {
  const row = await db
    .selectFrom('screening_alerts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('party_id', '=', partyId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
