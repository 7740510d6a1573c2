import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { currentIndex } from './index-cache.ts';
import { screenParty } from './matcher/screen-name.ts';
import type { ScreeningQuery } from './matcher/types.ts';
import { presentMatch, type PresentedMatch } from './present.ts';

export interface ScreenOutcome {
  matches: PresentedMatch[];
  threshold: number;
  entriesVersion: number;
  entries: number;
}

/** Screens a name (with aliases, country, domain) against every imported list, at the configured threshold unless given. */
export async function screenQuery(ctx: CoreContext, query: ScreeningQuery, threshold?: number): Promise<ScreenOutcome> {
  const { index, version } = await currentIndex(ctx);
  const t = threshold ?? ctx.config.screeningThreshold;
  const matches = screenParty(index, query, { threshold: t, limit: ctx.config.screeningMaxMatches });
  return { matches: matches.map(presentMatch), threshold: t, entriesVersion: version, entries: index.size };
}

/** An ad-hoc screening by a person: nothing is kept but the audit entry, written in a transaction of its own. */
export async function screenAndRecord(
  ctx: CoreContext,
  actor: Actor,
  query: ScreeningQuery,
  threshold?: number,
): Promise<ScreenOutcome> {
  const outcome = await screenQuery(ctx, query, threshold);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'screening.screened',
      details: { matches: outcome.matches.length, entries_version: outcome.entriesVersion },
    }),
  );
  return outcome;
}
