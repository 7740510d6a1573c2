import { sql, type Insertable, type Selectable } from 'kysely';
import type { Channel, DeliveryTable, NoticeTable, NotifyDb, PolicyTable } from './tables.ts';

export type PolicyRow = Selectable<PolicyTable>;
export type NoticeRow = Selectable<NoticeTable>;
export type DeliveryRow = Selectable<DeliveryTable>;

export const listPolicies = (db: NotifyDb) => db.selectFrom('notify_policies').selectAll().orderBy('actor').execute();

/** The policy of an actor (case-insensitive), else the `*` policy, else none. */
export const findPolicy = (db: NotifyDb, actor: string) =>
  db
    .selectFrom('notify_policies')
    .selectAll()
    .where((eb) => eb.or([eb(sql`lower(actor)`, '=', actor.toLowerCase()), eb('actor', '=', '*')]))
    .orderBy(sql`actor = '*'`)
    .limit(1)
    .executeTakeFirst();

export const upsertPolicy = (db: NotifyDb, row: Insertable<PolicyTable>) =>
  db
    .insertInto('notify_policies')
    .values(row)
    .onConflict((oc) =>
      oc.column('actor').doUpdateSet({
        mode: row.mode,
        min_confidence: row.min_confidence,
        approvals_required: row.approvals_required,
        updated_at: new Date(),
      }),
    )
    .execute();

export const findSuppression = (db: NotifyDb, subjectIndex: string) =>
  db.selectFrom('notify_suppressions').selectAll().where('subject_index', '=', subjectIndex).executeTakeFirst();

/** A notice that still counts for deduplication: asked for, approved or delivered since `since`. */
export const findRecentNotice = (db: NotifyDb, subjectIndex: string, campaign: string, since: Date) =>
  db
    .selectFrom('notify_notices')
    .selectAll()
    .where('subject_index', '=', subjectIndex)
    .where(sql<boolean>`lower(campaign) = ${campaign.toLowerCase()}`)
    .where('state', 'in', ['pending_approval', 'approved', 'delivered'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export const findCaseNotice = (db: NotifyDb, caseId: string, state: NoticeRow['state']) =>
  db
    .selectFrom('notify_notices')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('state', '=', state)
    .executeTakeFirst();

export const insertNotice = (db: NotifyDb, row: Insertable<NoticeTable>) =>
  db.insertInto('notify_notices').values(row).execute();

export const getNotice = (db: NotifyDb, id: string, lock = false) => {
  const q = db.selectFrom('notify_notices').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

export const noticeDeliveries = (db: NotifyDb, noticeId: string) =>
  db.selectFrom('notify_deliveries').selectAll().where('notice_id', '=', noticeId).orderBy('channel').execute();

export async function insertDeliveries(db: NotifyDb, noticeId: string, channels: { id: string; channel: Channel }[]) {
  if (channels.length === 0) return;
  await db
    .insertInto('notify_deliveries')
    .values(
      channels.map((c) => ({
        id: c.id,
        notice_id: noticeId,
        channel: c.channel,
        status: 'queued' as const,
        next_attempt_at: sql<Date>`now()`,
      })),
    )
    .onConflict((oc) => oc.columns(['notice_id', 'channel']).doNothing())
    .execute();
}

export const getDelivery = (db: NotifyDb, id: string, lock = false) => {
  const q = db.selectFrom('notify_deliveries').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

export const listNotices = (db: NotifyDb, q: { state?: string; limit: number }) => {
  let query = db.selectFrom('notify_notices').selectAll();
  if (q.state) query = query.where('state', '=', q.state as NoticeRow['state']);
  return query.orderBy('created_at', 'desc').limit(q.limit).execute();
};
