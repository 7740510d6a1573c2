import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ReleaseTable, TransparencyDb } from './tables.ts';

export type ReleaseRow = Selectable<ReleaseTable>;

const summaryColumns = [
  'id',
  'period',
  'version',
  'state',
  'source',
  'content_hash',
  'change_note',
  'created_by',
  'created_at',
  'approved_by',
  'approved_at',
  'published_by',
  'published_at',
] as const;
export type ReleaseSummary = Pick<ReleaseRow, (typeof summaryColumns)[number]>;

export const getRelease = (db: TransparencyDb, id: string, lock = false) => {
  const query = db.selectFrom('transparency_releases').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
};

export function listReleases(db: TransparencyDb, filter: { publishedOnly?: boolean; period?: string } = {}) {
  let query = db.selectFrom('transparency_releases').select(summaryColumns);
  if (filter.publishedOnly) query = query.where('state', '=', 'published');
  if (filter.period) query = query.where('period', '=', filter.period);
  return query.orderBy('period', 'desc').orderBy('version', 'desc').execute();
}

/** Every release of a period, newest version first. */
export const releasesOfPeriod = (db: TransparencyDb, period: string) =>
  db
    .selectFrom('transparency_releases')
    .selectAll()
    .where('period', '=', period)
    .orderBy('version', 'desc')
    .forUpdate()
    .execute();

/** The newest published version of each period (the series readers see), oldest period first. */
export const latestPublished = (db: TransparencyDb, periods?: readonly string[]) => {
  let query = db.selectFrom('transparency_releases').selectAll().distinctOn('period').where('state', '=', 'published');
  if (periods?.length) query = query.where('period', 'in', periods);
  return query.orderBy('period').orderBy('version', 'desc').execute();
};

export const insertRelease = (db: TransparencyDb, row: Insertable<ReleaseTable>) =>
  db.insertInto('transparency_releases').values(row).execute();

export const updateRelease = (db: TransparencyDb, id: string, set: Updateable<ReleaseTable>) =>
  db.updateTable('transparency_releases').set(set).where('id', '=', id).execute();

export const deleteRelease = (db: TransparencyDb, id: string) =>
  db.deleteFrom('transparency_releases').where('id', '=', id).execute();
