import { randomUUID } from 'node:crypto';
import { recordAudit, systemActor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { defineJob } from '../core/jobs/index.ts';
import { recordScreening } from './parties.ts';
import { screenQuery } from './screen.ts';
import { partiesPage } from './store/parties-store.ts';
import { screeningDb } from './store/tables.ts';

const PAGE = 200;

/**
 * After a list import changed entries: screens every recorded party again and raises an alert for each match
 * not known before. Idempotent: matches are remembered per party in the same transaction as their alert, so a
 * retried job (or two imports in a row) never alerts twice for one match.
 */
export const rescreenJob = (ctx: CoreContext) =>
  defineJob<{ importId: string }>({
    name: 'screening.rescreen',
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 3_600,
    handler: async ({ importId }) => {
      const actor = systemActor('screening rescreen');
      let after: string | null = null;
      let alerts = 0;
      for (;;) {
        const parties = await partiesPage(screeningDb(ctx.db), after, PAGE);
        for (const party of parties) {
          const outcome = await screenQuery(ctx, party);
          await ctx.db.transaction().execute(async (trx) => {
            const db = screeningDb(trx);
            const fresh = await recordScreening(db, party.id, outcome, 'rescreen', actor.label);
            for (const m of outcome.matches.filter((x) => fresh.has(x.entry_id))) {
              const id = randomUUID();
              await db
                .insertInto('screening_alerts')
                .values({
                  id,
                  party_id: party.id,
                  entry_id: m.entry_id,
                  list_name: m.list,
                  entry_name: m.name,
                  score: m.score,
                  explanation: JSON.stringify(m.explanation),
                  status: 'open',
                })
                .execute();
              await recordAudit(trx, actor, {
                action: 'screening_alert.raised',
                objectType: 'screening_party',
                objectId: party.id,
                details: { alert: id, entry: m.entry_id, list: m.list, score: m.score, import: importId },
              });
              alerts++;
            }
          });
        }
        if (parties.length < PAGE) break;
        after = parties.at(-1)!.id;
      }
      ctx.log.info({ importId, alerts }, 'parties rescreened');
    },
  });
