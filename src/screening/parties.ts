import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, notFound } from '../core/errors.ts';
import { hostOf } from './matcher/domains.ts';
import { screenQuery, type ScreenOutcome } from './screen.ts';
import {
  listAlerts,
  getParty,
  listParties,
  partyDecisions,
  partyQuestionnaires,
  partyResults,
  rememberMatches,
} from './store/parties-store.ts';
import { screeningDb, type PartyTable, type ResultTable, type ScreeningDb } from './store/tables.ts';
import type { Selectable } from 'kysely';

export const partyKinds = ['customer', 'reseller', 'partner', 'vendor', 'other'] as const;

export interface PartyInput {
  name: string;
  kind: (typeof partyKinds)[number];
  aliases?: string[];
  country?: string | null;
  domain?: string | null;
}

function clean(input: Partial<PartyInput>) {
  const domain = input.domain ? hostOf(input.domain) : null;
  if (input.domain && !domain) throw badRequest(`${input.domain} is not a web domain`);
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.aliases !== undefined ? { aliases: input.aliases.map((a) => a.trim()).filter(Boolean) } : {}),
    ...(input.country !== undefined ? { country: input.country ? input.country.toUpperCase() : null } : {}),
    ...(input.domain !== undefined ? { domain } : {}),
  };
}

const queryOf = (p: Selectable<PartyTable>) => ({
  name: p.name,
  aliases: p.aliases,
  country: p.country,
  domain: p.domain,
});

/**
 * Records a screening of a party: the result in its history, its matches as known (so a later rescreen alerts only
 * on new ones), its match count. Returns the entry ids not known before. Call inside the caller's transaction.
 */
export async function recordScreening(
  db: ScreeningDb,
  partyId: string,
  outcome: ScreenOutcome,
  trigger: Selectable<ResultTable>['trigger'],
  by: string,
) {
  await db
    .insertInto('screening_results')
    .values({
      id: randomUUID(),
      party_id: partyId,
      trigger,
      threshold: outcome.threshold,
      matches: JSON.stringify(outcome.matches),
      match_count: outcome.matches.length,
      entries_version: outcome.entriesVersion,
      screened_by: by,
    })
    .execute();
  await db
    .updateTable('screening_parties')
    .set({ match_count: outcome.matches.length, updated_at: new Date() })
    .where('id', '=', partyId)
    .execute();
  return rememberMatches(
    db,
    partyId,
    outcome.matches.map((m) => ({ entryId: m.entry_id, score: m.score })),
  );
}

/** Records a customer, reseller, partner or vendor and screens it at once. Audited. */
export async function createParty(ctx: CoreContext, actor: Actor, input: PartyInput) {
  const values = clean(input);
  const outcome = await screenQuery(ctx, {
    name: values.name!,
    aliases: values.aliases ?? [],
    country: values.country ?? null,
    domain: values.domain ?? null,
  });
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const db = screeningDb(trx);
    await db
      .insertInto('screening_parties')
      .values({
        id,
        name: values.name!,
        kind: values.kind!,
        aliases: JSON.stringify(values.aliases ?? []),
        country: values.country ?? null,
        domain: values.domain ?? null,
        status: 'pending',
        match_count: 0,
        next_review_at: null,
        created_by: actor.id,
        created_by_label: actor.label,
        updated_at: new Date(),
      })
      .execute();
    await recordScreening(db, id, outcome, 'created', actor.label);
    await recordAudit(trx, actor, {
      action: 'screening_party.created',
      objectType: 'screening_party',
      objectId: id,
      details: { kind: values.kind, matches: outcome.matches.length },
    });
  });
  return { id, matches: outcome.matches, threshold: outcome.threshold };
}

/** Changes a party's identifying facts and screens it again. Audited. */
export async function updateParty(ctx: CoreContext, actor: Actor, id: string, input: Partial<PartyInput>) {
  const values = clean(input);
  const party = await getParty(screeningDb(ctx.db), id);
  if (!party) throw notFound(`no party ${id}`);
  const next = { ...party, ...values } as Selectable<PartyTable>;
  const outcome = await screenQuery(ctx, queryOf(next));
  await ctx.db.transaction().execute(async (trx) => {
    const db = screeningDb(trx);
    await db
      .updateTable('screening_parties')
      .set({
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.kind !== undefined ? { kind: values.kind } : {}),
        ...(values.country !== undefined ? { country: values.country } : {}),
        ...(values.domain !== undefined ? { domain: values.domain } : {}),
        ...(values.aliases !== undefined ? { aliases: JSON.stringify(values.aliases) } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordScreening(db, id, outcome, 'updated', actor.label);
    await recordAudit(trx, actor, {
      action: 'screening_party.updated',
      objectType: 'screening_party',
      objectId: id,
      details: { fields: Object.keys(values), matches: outcome.matches.length },
    });
  });
  return { id, matches: outcome.matches, threshold: outcome.threshold };
}

/** Screens a recorded party again now (its history keeps the result). Audited. */
export async function rescreenParty(ctx: CoreContext, actor: Actor, id: string) {
  const party = await getParty(screeningDb(ctx.db), id);
  if (!party) throw notFound(`no party ${id}`);
  const outcome = await screenQuery(ctx, queryOf(party));
  await ctx.db.transaction().execute(async (trx) => {
    await recordScreening(screeningDb(trx), id, outcome, 'manual', actor.label);
    await recordAudit(trx, actor, {
      action: 'screening_party.screened',
      objectType: 'screening_party',
      objectId: id,
      details: { matches: outcome.matches.length },
    });
  });
  return { id, matches: outcome.matches, threshold: outcome.threshold };
}

/** Archives a party: it leaves lists and rescreening; its due-diligence record stays. Audited. */
export async function archiveParty(ctx: CoreContext, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await screeningDb(trx)
      .updateTable('screening_parties')
      .set({ archived_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound(`no party ${id}`);
    await recordAudit(trx, actor, { action: 'screening_party.archived', objectType: 'screening_party', objectId: id });
  });
}

export const partiesList = (
  ctx: CoreContext,
  filter: { status?: string; dueForReview?: boolean; limit?: number; offset?: number },
) =>
  listParties(screeningDb(ctx.db), {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.dueForReview ? { dueBefore: new Date() } : {}),
    limit: filter.limit ?? 100,
    offset: filter.offset ?? 0,
  });

/** A party's whole due-diligence record: screening history, questionnaires, decisions, alerts. The read is audited. */
export async function partyRecord(ctx: CoreContext, actor: Actor, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const db = screeningDb(trx);
    const party = await getParty(db, id);
    if (!party) throw notFound(`no party ${id}`);
    const record = {
      party,
      results: await partyResults(db, id),
      questionnaires: await partyQuestionnaires(db, id),
      decisions: await partyDecisions(db, id),
      alerts: await listAlerts(db, { partyId: id, limit: 200 }),
    };
    await recordAudit(trx, actor, { action: 'screening_party.viewed', objectType: 'screening_party', objectId: id });
    return record;
  });
}
