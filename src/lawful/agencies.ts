import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import { createUser, endUserAccess } from '../core/auth/users-service.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../core/errors.ts';
import { canonicalIdentifier, identifierRules } from '../core/identifiers/index.ts';
import { peopleOf } from '../core/auth/people.ts';
import { sql } from 'kysely';
import type { DbTransaction } from '../core/db/database.ts';
import { asciiDomain } from '../core/identifiers/index.ts';
import { registrationFlags, type RegisteredDomain } from './lookalike.ts';
import { getAgency } from './store/lawful-store.ts';
import { lawfulDb, type LawfulDb } from './store/tables.ts';

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

function checkDomains(raw: readonly string[]): string[] {
  const domains = raw.map((d) => asciiDomain(d.trim()));
  const bad = domains.find((d) => !DOMAIN.test(d));
  if (bad !== undefined) throw badRequest(`${bad} is not a domain name`);
  return [...new Set(domains)];
}

/** Every registered agency's domains, pending registrations and pending additions included. */
async function everyRegisteredDomain(db: LawfulDb): Promise<RegisteredDomain[]> {
  const agencies = await db
    .selectFrom('lawful_agencies')
    .select(['id', 'email_domains'])
    .where('status', '!=', 'rejected')
    .execute();
  const pending = await db
    .selectFrom('lawful_agency_changes')
    .select(['agency_id', 'domains'])
    .where('status', '=', 'pending')
    .execute();
  return [
    ...agencies.flatMap((a) => a.email_domains.map((domain) => ({ agency: a.id, domain }))),
    ...pending.flatMap((c) => c.domains.map((domain) => ({ agency: c.agency_id, domain }))),
  ];
}

async function flagsFor(db: LawfulDb, domains: readonly string[], agencyId: string) {
  const registered = await everyRegisteredDomain(db);
  return domains.flatMap((d) => registrationFlags(d, registered, agencyId));
}

async function requestChange(
  trx: DbTransaction,
  actor: Actor,
  agencyId: string,
  kind: 'register' | 'add_domain',
  domains: string[],
) {
  const db = lawfulDb(trx);
  // One registration at a time: two parallel look-alike registrations would not see each other otherwise.
  await sql`lock table lawful_agency_changes in share row exclusive mode`.execute(trx);
  const flags = await flagsFor(db, domains, agencyId);
  const id = randomUUID();
  await db
    .insertInto('lawful_agency_changes')
    .values({
      id,
      agency_id: agencyId,
      kind,
      domains: JSON.stringify(domains),
      flags: JSON.stringify(flags),
      status: 'pending',
      requested_by: actor.label,
      requested_by_id: actor.id,
    })
    .execute();
  await recordAudit(trx, actor, {
    action: kind === 'register' ? 'agency.registration_requested' : 'agency.domain_requested',
    objectType: 'agency',
    objectId: agencyId,
    details: { change: id, domains, lookalikes: flags.length },
  });
  return { change_id: id, flags };
}

/**
 * Registers an agency with its e-mail domains, pending: a second person approves it (decideAgencyChange) before
 * any request from it can be considered. Each domain is checked against every registered agency's domains for
 * look-alikes; what is found goes to the approver. Audited.
 */
export async function createAgency(ctx: CoreContext, actor: Actor, input: AgencyInput) {
  const domains = checkDomains(input.email_domains);
  const timezone = input.timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw badRequest(`${timezone} is not an IANA time zone`);
  }
  const id = randomUUID();
  return ctx.db.transaction().execute(async (trx) => {
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
        status: 'pending',
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'agency.created',
      objectType: 'agency',
      objectId: id,
      details: { name: input.name, domains, status: 'pending' },
    });
    const change = await requestChange(trx, actor, id, 'register', domains);
    return { id, status: 'pending' as const, ...change };
  });
}

/** Asks to add a domain to an agency: pending until a second person approves, with its look-alike evidence. */
export async function requestAgencyDomain(ctx: CoreContext, actor: Actor, agencyId: string, domain: string) {
  const [d] = checkDomains([domain]);
  return ctx.db.transaction().execute(async (trx) => {
    const agency = await getAgency(lawfulDb(trx), agencyId);
    if (!agency) throw notFound(`no agency ${agencyId}`);
    if (agency.email_domains.includes(d!)) throw conflict(`${d} is already one of ${agency.name}'s domains`);
    return requestChange(trx, actor, agencyId, 'add_domain', [d!]);
  });
}

/**
 * A second person approves or rejects a pending registration or domain addition. The look-alike check runs again
 * (agencies registered since count); approving a flagged change needs `acknowledge_lookalikes`, after the approver
 * has seen the evidence (a 409 carries it). Never the person who asked, whatever account they use. Audited, the
 * refusals too.
 */
export async function decideAgencyChange(
  ctx: CoreContext,
  actor: Actor,
  changeId: string,
  input: { approve: boolean; reasons: string; acknowledge_lookalikes?: boolean | undefined },
) {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    await sql`lock table lawful_agency_changes in share row exclusive mode`.execute(trx);
    const change = await db
      .selectFrom('lawful_agency_changes')
      .selectAll()
      .where('id', '=', changeId)
      .executeTakeFirst();
    if (!change) throw notFound(`no agency change ${changeId}`);
    if (change.status !== 'pending') throw conflict(`the change is already ${change.status}`);
    const requester = change.requested_by_id ?? change.requested_by;
    const person = await peopleOf(ctx, trx, [requester, actor.id ?? actor.label]);
    if (person(requester) === person(actor.id ?? actor.label)) return { refused: 'same_person' as const, change };
    const flags = await flagsFor(db, change.domains, change.agency_id);
    if (input.approve && flags.length > 0 && input.acknowledge_lookalikes !== true)
      return { refused: 'lookalikes' as const, change, flags };
    const status = input.approve ? 'approved' : 'rejected';
    await db
      .updateTable('lawful_agency_changes')
      .set({
        status,
        flags: JSON.stringify(flags),
        decided_by: actor.label,
        decided_by_id: actor.id,
        decided_at: new Date(),
        reasons: input.reasons,
      })
      .where('id', '=', changeId)
      .execute();
    if (change.kind === 'register') {
      await db
        .updateTable('lawful_agencies')
        .set({ status: input.approve ? 'active' : 'rejected' })
        .where('id', '=', change.agency_id)
        .execute();
    } else if (input.approve) {
      const agency = (await getAgency(db, change.agency_id))!;
      await db
        .updateTable('lawful_agencies')
        .set({ email_domains: JSON.stringify([...new Set([...agency.email_domains, ...change.domains])]) })
        .where('id', '=', change.agency_id)
        .execute();
    }
    await recordAudit(trx, actor, {
      action: `agency.change_${status}`,
      objectType: 'agency',
      objectId: change.agency_id,
      details: { change: changeId, kind: change.kind, domains: change.domains, lookalikes: flags.length },
    });
    return { refused: null, change, flags, status };
  });
  if (outcome.refused) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'agency.change_refused',
        objectType: 'agency',
        objectId: outcome.change.agency_id,
        details: { change: changeId, reason: outcome.refused },
      }),
    );
    if (outcome.refused === 'same_person')
      throw forbidden('a registration or a new domain is approved by another person than the one who asked');
    throw conflict('the change resembles registered agency domains: review the evidence and acknowledge it', {
      lookalikes: outcome.flags,
    });
  }
  return { id: changeId, status: outcome.status };
}

/** Registrations and domain additions, pending first, with their look-alike evidence. */
export const listAgencyChanges = (ctx: CoreContext, status?: string) => {
  let q = lawfulDb(ctx.db).selectFrom('lawful_agency_changes').selectAll();
  if (status) q = q.where('status', '=', status as 'pending');
  return q.orderBy('requested_at', 'desc').execute();
};

/**
 * Suspends or reactivates an agency. Suspending also ends its officers' sessions and tokens at once (officerOf
 * refuses them while the agency is suspended, and they sign in anew after reactivation). Audited.
 */
export async function setAgencyStatus(ctx: CoreContext, actor: Actor, id: string, status: 'active' | 'suspended') {
  await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const current = await db
      .selectFrom('lawful_agencies')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound(`no agency ${id}`);
    // A registration becomes active only by a second person's approval, never by a status change.
    if (current.status === 'pending' || current.status === 'rejected')
      throw conflict(`the agency's registration is ${current.status}: it is approved through its registration review`);
    await db.updateTable('lawful_agencies').set({ status }).where('id', '=', id).execute();
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
  if (agency.status === 'pending' || agency.status === 'rejected')
    throw conflict(`the agency's registration is ${agency.status}: officers are invited once it is approved`);
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
