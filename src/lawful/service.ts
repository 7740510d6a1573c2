/** The lawful-requests module's public face. */
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { Principal } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { NARRATIVE_CONTEXT, officerOf, requestFor, TARGETS_CONTEXT } from './intake.ts';
import { openStepText } from './free-text.ts';
import { maskIdentifier } from './mask.ts';
import { presentForOfficer, presentForReviewer } from './present.ts';
import { auditListed } from './read-audit.ts';
import { openRequestText } from './request-text.ts';
import { reviewSteps } from './store/lawful-store.ts';
import { lawfulDb } from './store/tables.ts';
import { checkedRevealReason } from '../core/http/reveal-reason.ts';

export * from './agencies.ts';
export { submitRequest, addDocument, readDocument, requestTypes, dataCategories, type RequestInput } from './intake.ts';
export * from './review.ts';
export { decisions } from './states.ts';
export { criteria } from './checklist.ts';
export { countryRisks, removeCountryRisk, riskLevels, setCountryRisk, type RiskLevel } from './country-risk.ts';
export { requestFigures, type RequestFigure, type RequestOutcome } from './report-figures.ts';

/** An officer's view of their own agency's requests. Audited (who, how many). */
export async function officerRequests(ctx: CoreContext, actor: Actor, principal: Principal) {
  const officer = await officerOf(ctx, principal, actor);
  if (!officer) {
    await auditListed(ctx, actor, { list: 'portal', count: 0 });
    return [];
  }
  const db = lawfulDb(ctx.db);
  const rows = await db
    .selectFrom('lawful_requests')
    .selectAll()
    .where('agency_id', '=', officer.agency_id)
    .orderBy('submitted_at', 'desc')
    .limit(200)
    .execute();
  await auditListed(ctx, actor, { list: 'portal', count: rows.length });
  return Promise.all(
    rows.map(async (r) =>
      presentForOfficer(await openRequestText(ctx, r), await openStepText(ctx, await reviewSteps(db, r.id))),
    ),
  );
}

/** One of an officer's agency's requests. Audited, and so is a refusal (another agency's: 404). */
export async function officerRequest(ctx: CoreContext, actor: Actor, principal: Principal, id: string, what = 'view') {
  const row = await requestFor(ctx, principal, id, actor, what);
  const view = presentForOfficer(row, await openStepText(ctx, await reviewSteps(lawfulDb(ctx.db), id)));
  if (what === 'view')
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'lawful_request.viewed',
        objectType: 'lawful_request',
        objectId: id,
        details: { by: 'officer' },
      }),
    );
  return view;
}

/** The reviewers' list. Audited (who, which filter, how many). */
export async function reviewerRequests(ctx: CoreContext, actor: Actor, state?: string) {
  const db = lawfulDb(ctx.db);
  let q = db.selectFrom('lawful_requests').selectAll().orderBy('submitted_at', 'desc').limit(200);
  if (state) q = q.where('state', '=', state as never);
  const rows = await q.execute();
  await auditListed(ctx, actor, { list: 'review', count: rows.length, ...(state ? { state } : {}) });
  return Promise.all(
    rows.map(async (r) =>
      presentForReviewer(await openRequestText(ctx, r), await openStepText(ctx, await reviewSteps(db, r.id))),
    ),
  );
}

/** A request for review, targets masked. Audited. */
export async function reviewerRequest(ctx: CoreContext, actor: Actor, principal: Principal, id: string) {
  const row = await requestFor(ctx, principal, id, actor, 'view');
  const view = presentForReviewer(row, await openStepText(ctx, await reviewSteps(lawfulDb(ctx.db), id)));
  const targets = JSON.parse(await ctx.keyring.decrypt(row.targets_enc, TARGETS_CONTEXT)) as string[];
  await ctx.db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, actor, { action: 'lawful_request.viewed', objectType: 'lawful_request', objectId: id }),
    );
  return { ...view, targets_masked: targets.map(maskIdentifier) };
}

/**
 * The targets and emergency narrative in clear, for a caller holding `lawful:reveal`, with a stated reason that goes
 * into the audit entry (before anything is returned: no reveal without its record).
 */
export async function revealTargets(ctx: CoreContext, actor: Actor, principal: Principal, id: string, reason: string) {
  const recorded = checkedRevealReason(reason);
  const row = await requestFor(ctx, principal, id, actor, 'targets');
  const target_identifiers = JSON.parse(await ctx.keyring.decrypt(row.targets_enc, TARGETS_CONTEXT)) as string[];
  const emergency_narrative = row.emergency_narrative_enc
    ? await ctx.keyring.decrypt(row.emergency_narrative_enc, NARRATIVE_CONTEXT)
    : null;
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'lawful_request.targets_revealed',
      objectType: 'lawful_request',
      objectId: id,
      details: { reason: recorded, targets: target_identifiers.length },
    }),
  );
  return { id, target_identifiers, emergency_narrative };
}
