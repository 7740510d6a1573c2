import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { invalidState, notFound } from '../core/errors.ts';
import { listAlerts } from './store/parties-store.ts';
import { screeningDb } from './store/tables.ts';

export const alertsList = (ctx: CoreContext, filter: { status?: 'open' | 'acknowledged'; limit?: number }) =>
  listAlerts(screeningDb(ctx.db), { ...(filter.status ? { status: filter.status } : {}), limit: filter.limit ?? 100 });

/** Marks an alert as seen and weighed, with a note saying what was concluded. Audited. */
export async function acknowledgeAlert(ctx: CoreContext, actor: Actor, id: string, note: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const db = screeningDb(trx);
    const alert = await db
      .selectFrom('screening_alerts')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!alert) throw notFound(`no alert ${id}`);
    if (alert.status !== 'open') throw invalidState(`alert ${id} is already acknowledged`);
    await db
      .updateTable('screening_alerts')
      .set({ status: 'acknowledged', note, acknowledged_by: actor.label, acknowledged_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'screening_alert.acknowledged',
      objectType: 'screening_party',
      objectId: alert.party_id,
      details: { alert: id },
    });
  });
}
