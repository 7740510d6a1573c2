import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, notFound } from '../core/errors.ts';
import { presentCase, type CaseView } from './present.ts';
import { getCaseRow, updateCase } from './store/cases-store.ts';
import { casesDb } from './store/tables.ts';

/** Sectors coarse enough to publish and share: a person must never be identifiable from them. */
export const caseSectors = [
  'journalism',
  'civil-society',
  'human-rights',
  'politics',
  'government',
  'legal',
  'academia',
  'business',
  'other',
] as const;
export type CaseSector = (typeof caseSectors)[number];

/** Sets a case's country (ISO 3166-1 alpha-2) and sector; null clears. Audited. */
export async function setCaseContext(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  context: { country?: string | null; sector?: CaseSector | null },
): Promise<CaseView> {
  const country =
    context.country === undefined || context.country === null ? context.country : context.country.toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) throw badRequest('country must be an ISO 3166-1 alpha-2 code (e.g. MX)');
  return ctx.db.transaction().execute(async (trx) => {
    const db = casesDb(trx);
    const row = await getCaseRow(db, id, true);
    if (!row) throw notFound(`no case ${id}`);
    const set = {
      ...(country !== undefined ? { country } : {}),
      ...(context.sector !== undefined ? { sector: context.sector } : {}),
    };
    await updateCase(db, id, set);
    await recordAudit(trx, actor, { action: 'case.context_set', objectType: 'case', objectId: id, details: set });
    return presentCase({ ...row, ...set });
  });
}
