import { sql } from 'kysely';
import type { CoreContext } from '../core/context.ts';
import { notifyDb } from './store/tables.ts';

export interface NoticeFigures {
  delivered: number;
  /** Hours from the first detection of a case to its delivered notice. */
  hoursToNotice: { median: number | null; p95: number | null };
  byHalfYear: { period: string; notices: number }[];
  byCampaign: { campaign: string; notices: number }[];
  /** Where analysts recorded a country; `unknown` otherwise. */
  byCountry: { country: string; notices: number }[];
}

/**
 * What the transparency and awareness pages publish about notices: how many, how fast, when and for which
 * campaigns. Counts only; nothing about any person.
 */
export async function noticeFigures(ctx: CoreContext): Promise<NoticeFigures> {
  const db = notifyDb(ctx.db);
  const delivered = db.selectFrom('notify_notices').where('state', '=', 'delivered');
  const speed = await delivered
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from delivered_at - first_detected_at))`.as('median'),
      sql<
        number | null
      >`percentile_cont(0.95) within group (order by extract(epoch from delivered_at - first_detected_at))`.as('p95'),
    ])
    .executeTakeFirstOrThrow();
  const half = sql<string>`extract(year from delivered_at)::int || '-H' || (case when extract(month from delivered_at) <= 6 then 1 else 2 end)`;
  const byHalfYear = await delivered
    .select([half.as('period'), sql<number>`count(*)::int`.as('notices')])
    .groupBy(half)
    .orderBy(half)
    .execute();
  const byCampaign = await delivered
    .select(['campaign', sql<number>`count(*)::int`.as('notices')])
    .groupBy('campaign')
    .orderBy('notices', 'desc')
    .execute();
  const country = sql<string>`coalesce(country, 'unknown')`;
  const byCountry = await delivered
    .select([country.as('country'), sql<number>`count(*)::int`.as('notices')])
    .groupBy(country)
    .orderBy('notices', 'desc')
    .execute();
  const hours = (seconds: number | null) => (seconds === null ? null : Math.round((Number(seconds) / 3600) * 10) / 10);
  return {
    delivered: Number(speed.n),
    hoursToNotice: { median: hours(speed.median), p95: hours(speed.p95) },
    byHalfYear: byHalfYear.map((r) => ({ period: r.period, notices: Number(r.notices) })),
    byCampaign: byCampaign.map((r) => ({ campaign: r.campaign, notices: Number(r.notices) })),
    byCountry: byCountry.map((r) => ({ country: r.country, notices: Number(r.notices) })),
  };
}

/** People notified in `[from, to)`: each person once, whatever the number of notices, by the case's country. */
export async function peopleNotified(
  ctx: CoreContext,
  from: Date,
  to: Date,
): Promise<{ people: number; byCountry: { country: string | null; people: number }[] }> {
  const window = notifyDb(ctx.db)
    .selectFrom('notify_notices')
    .where('state', '=', 'delivered')
    .where('delivered_at', '>=', from)
    .where('delivered_at', '<', to);
  const total = await window
    .select(sql<number>`count(distinct subject_index)::int`.as('people'))
    .executeTakeFirstOrThrow();
  const byCountry = await window
    .select(['country', sql<number>`count(distinct subject_index)::int`.as('people')])
    .groupBy('country')
    .execute();
  return {
    people: Number(total.people),
    byCountry: byCountry.map((r) => ({ country: r.country, people: Number(r.people) })),
  };
}
