import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import { createUser, endUserAccess } from '../core/auth/users-service.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, conflict, notFound } from '../core/errors.ts';
import { lawfulDb } from './store/tables.ts';

export interface AgencyInput {
  name: string;
  country: string;
  region?: string;
  agency_type: string;
  legal_authority: string;
  email_domains: string[];
  timezone?: string;
}

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Registers an agency with its verified e-mail domains. Audited. */
export async function createAgency(ctx: CoreContext, actor: Actor, input: AgencyInput) {
  const domains = input.email_domains.map((d) => d.trim().toLowerCase());
  const bad = domains.find((d) => !DOMAIN.test(d));
  if (bad !== undefined) throw badRequest(`${bad} is not a domain name`);
  const timezone = input.timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw badRequest(`${timezone} is not an IANA time zone`);
  }
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await lawfulDb(trx)
      .insertInto('lawful_agencies')
      .values({
        id,
        name: input.name,
        country: input.country.toUpperCase(),
        region: input.region ?? null,
        agency_type: input.agency_type,
        legal_authority: input.legal_authority,
        email_domains: JSON.stringify(domains),
        timezone,
        status: 'active',
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'agency.created',
      objectType: 'agency',
      objectId: id,
      details: { name: input.name, domains },
    });
  });
  return { id };
}

/**
 * Suspends or reactivates an agency. Suspending also ends its officers' sessions and tokens at once (officerOf
 * refuses them while the agency is suspended, and they sign in anew after reactivation). Audited.
 */
export async function setAgencyStatus(ctx: CoreContext, actor: Actor, id: string, status: 'active' | 'suspended') {
  await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const r = await db.updateTable('lawful_agencies').set({ status }).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound(`no agency ${id}`);
    let ended = 0;
    if (status === 'suspended') {
      const officers = await db.selectFrom('lawful_officers').select('user_id').where('agency_id', '=', id).execute();
      for (const o of officers) ended += (await endUserAccess(trx, o.user_id)).sessions;
    }
    await recordAudit(trx, actor, {
      action: `agency.${status === 'active' ? 'activated' : 'suspended'}`,
      objectType: 'agency',
      objectId: id,
      ...(status === 'suspended' ? { details: { sessions_ended: ended } } : {}),
    });
  });
}

/** A callback contact found independently of any request (how, by whom, when is recorded). Audited. */
export async function addContact(
  ctx: CoreContext,
  actor: Actor,
  agencyId: string,
  input: { name: string; role: string; phone: string; source: string },
) {
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    if (!(await db.selectFrom('lawful_agencies').select('id').where('id', '=', agencyId).executeTakeFirst())) {
      throw notFound(`no agency ${agencyId}`);
    }
    await db
      .insertInto('lawful_contacts')
      .values({ id, agency_id: agencyId, ...input, verified_by: actor.label, verified_at: new Date() })
      .execute();
    await recordAudit(trx, actor, {
      action: 'agency.contact_added',
      objectType: 'agency',
      objectId: agencyId,
      details: { contact: id, source: input.source },
    });
  });
  return { id };
}

/**
 * Invites an officer, after the agency vouched for them: an individual account (role agency_officer, which must
 * enrol a second factor) bound to the agency, with a one-time setup link. Their address must be on the agency's
 * verified domains. Audited.
 */
export async function inviteOfficer(
  ctx: CoreContext,
  actor: Actor,
  agencyId: string,
  input: { username: string; email: string },
) {
  const db = lawfulDb(ctx.db);
  const agency = await db.selectFrom('lawful_agencies').selectAll().where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound(`no agency ${agencyId}`);
  const email = input.email.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!agency.email_domains.some((d) => domain === d || domain.endsWith(`.${d}`))) {
    throw badRequest(`${domain} is not among ${agency.name}'s verified domains`);
  }
  const { user, setupToken } = await createUser(ctx, actor, {
    username: input.username,
    email,
    role: 'agency_officer',
  });
  await ctx.db.transaction().execute(async (trx) => {
    await lawfulDb(trx)
      .insertInto('lawful_officers')
      .values({ user_id: user.id, agency_id: agencyId, email, status: 'active', invited_by: actor.label })
      .execute();
    await recordAudit(trx, actor, {
      action: 'officer.invited',
      objectType: 'agency',
      objectId: agencyId,
      details: { user: user.id },
    });
  });
  return { userId: user.id, setupToken };
}

/**
 * Suspends, revokes or reactivates an officer. Suspension and revocation cut access at once: their sessions end,
 * their tokens are revoked, and officerOf refuses them from the next call. Revocation is final (invite anew).
 * Audited.
 */
export async function setOfficerStatus(
  ctx: CoreContext,
  actor: Actor,
  userId: string,
  status: 'active' | 'suspended' | 'revoked',
) {
  await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const officer = await db
      .selectFrom('lawful_officers')
      .select('status')
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!officer) throw notFound(`no officer ${userId}`);
    if (officer.status === 'revoked' && status !== 'revoked')
      throw conflict('a revoked officer stays revoked: invite the person again');
    await db.updateTable('lawful_officers').set({ status }).where('user_id', '=', userId).execute();
    const ended = status === 'active' ? undefined : await endUserAccess(trx, userId);
    await recordAudit(trx, actor, {
      action: `officer.${status}`,
      objectType: 'user',
      objectId: userId,
      ...(ended ? { details: { sessions_ended: ended.sessions, tokens_revoked: ended.tokens } } : {}),
    });
  });
}

export const listAgencies = (ctx: CoreContext) =>
  lawfulDb(ctx.db).selectFrom('lawful_agencies').selectAll().orderBy('name').execute();

/** An agency's independently sourced callback contacts, for the reviewer who calls back. */
export const listContacts = (ctx: CoreContext, agencyId: string) =>
  lawfulDb(ctx.db)
    .selectFrom('lawful_contacts')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('name')
    .execute();
