import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import { createUser, endUserAccess } from '../core/auth/users-service.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../core/errors.ts';
import { canonicalIdentifier, identifierRules } from '../core/identifiers/index.ts';
import { peopleOf } from '../core/auth/people.ts';
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

/**
 * A callback contact found independently of any request (say how, in `source`): registry data, added by one person
 * and counting only once another person verified it (verifyContact). Audited.
 */
export async function addContact(
  ctx: CoreContext,
  actor: Actor,
  agencyId: string,
  input: { name: string; role: string; phone: string; source: string },
) {
  if (canonicalIdentifier(input.phone, identifierRules(ctx.config)).kind !== 'phone')
    throw badRequest('phone: not a telephone number');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    if (!(await db.selectFrom('lawful_agencies').select('id').where('id', '=', agencyId).executeTakeFirst())) {
      throw notFound(`no agency ${agencyId}`);
    }
    await db
      .insertInto('lawful_contacts')
      .values({
        id,
        agency_id: agencyId,
        ...input,
        added_by: actor.label,
        added_by_id: actor.id,
        added_at: new Date(),
        verified_by: null,
        verified_by_id: null,
        verified_at: null,
      })
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
 * A second person verifies a contact someone else added (calls the number found in the official directory, say).
 * From then on, and only for requests that arrive after, callbacks through it count. Audited.
 */
export async function verifyContact(ctx: CoreContext, actor: Actor, agencyId: string, contactId: string) {
  const refused = await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const contact = await db
      .selectFrom('lawful_contacts')
      .selectAll()
      .where('id', '=', contactId)
      .where('agency_id', '=', agencyId)
      .forUpdate()
      .executeTakeFirst();
    if (!contact) throw notFound(`no contact ${contactId} for agency ${agencyId}`);
    if (contact.verified_at) throw conflict('the contact is already verified');
    const person = await peopleOf(ctx, trx, [contact.added_by_id ?? contact.added_by, actor.id ?? actor.label]);
    if (person(contact.added_by_id ?? contact.added_by) === person(actor.id ?? actor.label)) return true;
    await db
      .updateTable('lawful_contacts')
      .set({ verified_by: actor.label, verified_by_id: actor.id, verified_at: new Date() })
      .where('id', '=', contactId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'agency.contact_verified',
      objectType: 'agency',
      objectId: agencyId,
      details: { contact: contactId },
    });
    return false;
  });
  if (refused) {
    // Audited in its own transaction: the refusal is what an operator looks for.
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'agency.contact_verification_refused',
        objectType: 'agency',
        objectId: agencyId,
        details: { contact: contactId, reason: 'same person as the one who added it' },
      }),
    );
    throw forbidden('a contact is verified by another person than the one who added it');
  }
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
