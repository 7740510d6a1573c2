import { sql } from 'kysely';
import type { LawfulDb } from './tables.ts';

export const getAgency = (db: LawfulDb, id: string) =>
  db.selectFrom('lawful_agencies').selectAll().where('id', '=', id).executeTakeFirst();

export const getOfficer = (db: LawfulDb, userId: string) =>
  db.selectFrom('lawful_officers').selectAll().where('user_id', '=', userId).executeTakeFirst();

export const getRequestRow = (db: LawfulDb, id: string, lock = false) => {
  const q = db.selectFrom('lawful_requests').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

/**
 * Every verified domain of every approved agency: what a look-alike would imitate. A pending or rejected
 * registration's domains are left out, so that registering a look-alike never makes it count as a real domain.
 */
export async function registeredDomains(db: LawfulDb): Promise<string[]> {
  const rows = await db
    .selectFrom('lawful_agencies')
    .select('email_domains')
    .where('status', 'in', ['active', 'suspended'])
    .execute();
  return rows.flatMap((r) => r.email_domains);
}

export async function officerHistory(db: LawfulDb, officerId: string | null, before: Date) {
  if (!officerId) return { total: 0, last24h: 0 };
  const row = await db
    .selectFrom('lawful_requests')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where submitted_at > ${new Date(before.getTime() - 86_400_000)})::int`.as('last24h'),
    ])
    .where('officer_id', '=', officerId)
    .where('submitted_at', '<', before)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), last24h: Number(row.last24h) };
}

export async function agencyHistory(db: LawfulDb, agencyId: string, before: Date) {
  const rows = await db
    .selectFrom('lawful_requests')
    .select(['request_type', sql<number>`count(*)::int`.as('n')])
    .where('agency_id', '=', agencyId)
    .where('submitted_at', '<', before)
    .groupBy('request_type')
    .execute();
  return { total: rows.reduce((a, r) => a + Number(r.n), 0), typesUsed: rows.map((r) => r.request_type) };
}

export const reviewSteps = (db: LawfulDb, requestId: string) =>
  db
    .selectFrom('lawful_review_steps')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
