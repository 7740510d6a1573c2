import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import { randomSecret, sha256 } from '../core/auth/tokens.ts';
import type { Principal } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { AppError, invalidState, notFound, payloadTooLarge } from '../core/errors.ts';
import { officerOf, requestFor } from './intake.ts';
import { openSealedFile, sealFile } from './sealed-file.ts';
import { auditReadRefused, auditRefusal } from './read-audit.ts';
import { reopenReview } from './reopen.ts';
import { getRequestRow, reviewSteps } from './store/lawful-store.ts';
import { lawfulDb } from './store/tables.ts';

const CONTEXT = 'lawful_productions.content_enc';
const MAX_BYTES = 50 * 1024 * 1024;
/** How long a download link works: long enough to fetch, short enough that a leaked link soon dies. */
export const LINK_HOURS = 72;

/**
 * Attaches the data to produce for an approved (or disclosed) request; sealed at rest. Audited. A production added
 * after disclosure re-opens review: it is released only by a fresh decision, approvals and disclosure.
 */
export const attachProduction = (
  ctx: CoreContext,
  actor: Actor,
  requestId: string,
  file: { filename: string; contentType: string; bytes: Buffer },
) => auditRefusal(ctx, actor, requestId, 'attach_production', () => attach(ctx, actor, requestId, file));

async function attach(
  ctx: CoreContext,
  actor: Actor,
  requestId: string,
  file: { filename: string; contentType: string; bytes: Buffer },
) {
  if (file.bytes.length > MAX_BYTES) throw payloadTooLarge('productions are limited to 50 MB');
  const row = await getRequestRow(lawfulDb(ctx.db), requestId);
  if (!row) throw notFound(`no request ${requestId}`);
  if (row.state !== 'approved' && row.state !== 'disclosed') {
    throw invalidState(`a request that is ${row.state.replace(/_/g, ' ')} has nothing to produce`);
  }
  const id = randomUUID();
  const sealed = sealFile(ctx, CONTEXT, file);
  const digest = sealed.sha256;
  await ctx.db.transaction().execute(async (trx) => {
    await lawfulDb(trx)
      .insertInto('lawful_productions')
      .values({
        id,
        request_id: requestId,
        ...sealed,
        link_hash: null,
        link_expires_at: null,
      })
      .execute();
    const reopened = await reopenReview(ctx, trx, actor, requestId, 'production_added', ['disclosed']);
    await recordAudit(trx, actor, {
      action: 'lawful_request.production_attached',
      objectType: 'lawful_request',
      objectId: requestId,
      details: { production: id, sha256: digest, reopened },
    });
  });
  return { id, sha256: digest };
}

/**
 * An officer's productions for a disclosed request, each with a fresh link that expires in LINK_HOURS (asking again
 * replaces the link). Only the link's hash is stored. Audited.
 */
export async function productionLinks(ctx: CoreContext, actor: Actor, principal: Principal, requestId: string) {
  const row = await requestFor(ctx, principal, requestId, actor, 'productions');
  if (row.state !== 'disclosed') {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'lawful_request.production_links_issued',
        objectType: 'lawful_request',
        objectId: requestId,
        details: { count: 0, state: row.state },
      }),
    );
    return [];
  }
  const released = await releasedProductions(ctx, requestId);
  const expires = new Date(Date.now() + LINK_HOURS * 3_600_000);
  return ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const productions = await db
      .selectFrom('lawful_productions')
      .select(['id', 'filename', 'size', 'sha256'])
      .where('request_id', '=', requestId)
      .execute()
      .then((ps) => ps.filter((p) => released.has(p.id)));
    const links = [];
    for (const p of productions) {
      const token = randomSecret();
      await db
        .updateTable('lawful_productions')
        .set({ link_hash: sha256(token), link_expires_at: expires })
        .where('id', '=', p.id)
        .execute();
      links.push({ ...p, url: `/api/lawful/portal/productions/${token}`, expires_at: expires.toISOString() });
    }
    await recordAudit(trx, actor, {
      action: 'lawful_request.production_links_issued',
      objectType: 'lawful_request',
      objectId: requestId,
      details: { count: links.length },
    });
    return links;
  });
}

/** A production through its link: for an officer of the request's agency, before the link expires. Audited. */
export async function downloadProduction(ctx: CoreContext, actor: Actor, principal: Principal, token: string) {
  const db = lawfulDb(ctx.db);
  const p = await db
    .selectFrom('lawful_productions')
    .selectAll()
    .where('link_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!p) {
    await auditRefused(ctx, actor, undefined, 'no such link');
    throw notFound('no such link');
  }
  const officer = await officerOf(ctx, principal, actor);
  const row = await getRequestRow(db, p.request_id);
  if (!officer || !row || row.agency_id !== officer.agency_id) {
    await auditReadRefused(ctx, actor, p.request_id, 'another agency’s production', 'production');
    throw notFound('no such link');
  }
  // Released only by a disclosure that covered it: one added since waits for a fresh review (re-opened).
  if (row.state !== 'disclosed' || !(await releasedProductions(ctx, p.request_id)).has(p.id)) {
    await auditReadRefused(ctx, actor, p.request_id, 'production not released by a disclosure', 'production');
    throw notFound('no such link');
  }
  if (!p.link_expires_at || new Date(p.link_expires_at).getTime() < Date.now()) {
    throw new AppError('link_expired', 410, 'Link expired', 'this download link has expired: ask for a new one');
  }
  const bytes = await openSealedFile(ctx, CONTEXT, p);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'lawful_request.production_downloaded',
      objectType: 'lawful_request',
      objectId: p.request_id,
      details: { production: p.id },
    }),
  );
  return { filename: p.filename, contentType: p.content_type, bytes };
}

/** Productions released by a disclosure of the request: those it listed (or, before lists, attached before it). */
async function releasedProductions(ctx: CoreContext, requestId: string): Promise<Set<string>> {
  const db = lawfulDb(ctx.db);
  const steps = (await reviewSteps(db, requestId)).filter((s) => s.kind === 'disclosure');
  const all = await db
    .selectFrom('lawful_productions')
    .select(['id', 'created_at'])
    .where('request_id', '=', requestId)
    .execute();
  const released = new Set<string>();
  for (const step of steps) {
    const listed = step.details.productions;
    if (Array.isArray(listed)) for (const id of listed) released.add(String(id));
    else
      for (const p of all)
        if (new Date(p.created_at).getTime() <= new Date(step.created_at).getTime()) released.add(p.id);
  }
  return released;
}

/** A download by link refused before the request is known (the link matches nothing). */
const auditRefused = (ctx: CoreContext, actor: Actor, requestId: string | undefined, reason: string) =>
  ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'lawful_request.read_refused',
      objectType: 'lawful_request',
      ...(requestId ? { objectId: requestId } : {}),
      details: { reason, what: 'production' },
    }),
  );
