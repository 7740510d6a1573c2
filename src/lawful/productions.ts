import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import { randomSecret, sha256 } from '../core/auth/tokens.ts';
import type { Principal } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { AppError, invalidState, notFound, payloadTooLarge } from '../core/errors.ts';
import { officerOf, requestFor } from './intake.ts';
import { openSealedFile, sealFile } from './sealed-file.ts';
import { getRequestRow } from './store/lawful-store.ts';
import { lawfulDb } from './store/tables.ts';

const CONTEXT = 'lawful_productions.content_enc';
const MAX_BYTES = 50 * 1024 * 1024;
/** How long a download link works: long enough to fetch, short enough that a leaked link soon dies. */
export const LINK_HOURS = 72;

/** Attaches the data to produce for an approved (or disclosed) request; sealed at rest. Audited. */
export async function attachProduction(
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
    await recordAudit(trx, actor, {
      action: 'lawful_request.production_attached',
      objectType: 'lawful_request',
      objectId: requestId,
      details: { production: id, sha256: digest },
    });
  });
  return { id, sha256: digest };
}

/**
 * An officer's productions for a disclosed request, each with a fresh link that expires in LINK_HOURS (asking again
 * replaces the link). Only the link's hash is stored. Audited.
 */
export async function productionLinks(ctx: CoreContext, actor: Actor, principal: Principal, requestId: string) {
  const row = await requestFor(ctx, principal, requestId);
  if (row.state !== 'disclosed') return [];
  const expires = new Date(Date.now() + LINK_HOURS * 3_600_000);
  return ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const productions = await db
      .selectFrom('lawful_productions')
      .select(['id', 'filename', 'size', 'sha256'])
      .where('request_id', '=', requestId)
      .execute();
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
  if (!p) throw notFound('no such link');
  const officer = await officerOf(ctx, principal);
  const row = await getRequestRow(db, p.request_id);
  if (!officer || !row || row.agency_id !== officer.agency_id) throw notFound('no such link');
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
