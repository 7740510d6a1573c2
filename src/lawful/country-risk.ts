import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { Insertable } from 'kysely';
import type { CoreContext } from '../core/context.ts';
import type { Executor } from '../core/db/database.ts';
import { badRequest, notFound } from '../core/errors.ts';
import { countryCode } from '../core/geo/countries.ts';
import { lawfulDb, type CountryRiskTable } from './store/tables.ts';

export const riskLevels = ['low', 'elevated', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export interface CountryRisk {
  country: string;
  level: RiskLevel;
  source: string;
  note: string | null;
}

/** The country-risk table, as reviewers maintain it. */
export const countryRisks = (ctx: CoreContext) =>
  lawfulDb(ctx.db).selectFrom('lawful_country_risk').selectAll().orderBy('country').execute();

/**
 * A country's human-rights risk: its row in the table, else `elevated` when it is on the configured list
 * (ACCORD_LAWFUL_HIGH_RISK_COUNTRIES), else unknown (null).
 */
export async function riskOf(ctx: CoreContext, executor: Executor, country: string): Promise<CountryRisk | null> {
  const row = await lawfulDb(executor)
    .selectFrom('lawful_country_risk')
    .select(['country', 'level', 'source', 'note'])
    .where('country', '=', country.toUpperCase())
    .executeTakeFirst();
  if (row) return row;
  const listed = ctx.config.lawfulHighRiskCountries.toUpperCase().split(',').includes(country.toUpperCase());
  return listed ? { country, level: 'elevated', source: 'ACCORD_LAWFUL_HIGH_RISK_COUNTRIES', note: null } : null;
}

/** Sets a country's level with its source. Audited. */
export async function setCountryRisk(
  ctx: CoreContext,
  actor: Actor,
  input: { country: string; level: RiskLevel; source: string; note?: string },
) {
  const country = countryCode(input.country);
  if (!country) throw badRequest(`${input.country} is not an ISO 3166-1 alpha-2 country code`);
  if (!riskLevels.includes(input.level)) throw badRequest(`level must be one of ${riskLevels.join(', ')}`);
  if (!input.source.trim()) throw badRequest('say where the assessment comes from (source)');
  const row: Insertable<CountryRiskTable> = {
    country,
    level: input.level,
    source: input.source.trim(),
    note: input.note?.trim() || null,
    updated_by: actor.id ?? actor.label,
    updated_at: new Date(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const before = await db
      .selectFrom('lawful_country_risk')
      .select('level')
      .where('country', '=', country)
      .executeTakeFirst();
    await db
      .insertInto('lawful_country_risk')
      .values(row)
      .onConflict((oc) => oc.column('country').doUpdateSet(row))
      .execute();
    await recordAudit(trx, actor, {
      action: 'lawful_country_risk.set',
      objectType: 'country',
      objectId: country,
      details: { from: before?.level ?? null, to: row.level, source: row.source },
    });
  });
  return { country, level: input.level, source: row.source, note: row.note ?? null };
}

export async function removeCountryRisk(ctx: CoreContext, actor: Actor, country: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await lawfulDb(trx)
      .deleteFrom('lawful_country_risk')
      .where('country', '=', country.toUpperCase())
      .executeTakeFirst();
    if (!removed.numDeletedRows) throw notFound(`${country} is not in the country-risk table`);
    await recordAudit(trx, actor, {
      action: 'lawful_country_risk.removed',
      objectType: 'country',
      objectId: country.toUpperCase(),
    });
  });
}
