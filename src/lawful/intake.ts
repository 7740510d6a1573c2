import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import { actorOf, type Principal } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { isStorableInstant } from '../core/http/validation.ts';
import {
  AppError,
  badRequest,
  forbidden,
  invalidState,
  notFound,
  payloadTooLarge,
  unsupportedMediaType,
} from '../core/errors.ts';
import { subjectIndexOf, subjectMatchIndexOf } from '../detect/service.ts';
import { canonicalIdentifier } from '../core/identifiers/index.ts';
import { assessStored } from './assess.ts';
import { activePdfContent } from './pdf-active.ts';
import { auditEntry, auditReadRefused } from './read-audit.ts';
import { reopenReview } from './reopen.ts';
import { openRequestText, sealRequestText } from './request-text.ts';
import { finalState } from './states.ts';
import { openSealedFile, sealFile } from './sealed-file.ts';
import { getAgency, getOfficer, getRequestRow } from './store/lawful-store.ts';
import { lawfulDb } from './store/tables.ts';

export const requestTypes = [
  'subpoena',
  'court_order',
  'search_warrant',
  'emergency_disclosure',
  'preservation',
  'national_security',
  'mlat',
  'other',
] as const;
export type RequestType = (typeof requestTypes)[number];
export const dataCategories = ['subscriber', 'access_logs', 'content'] as const;

export interface RequestInput {
  request_type: RequestType;
  legal_basis: string;
  issuing_authority: string;
  case_number: string;
  targets: string[];
  data_categories: (typeof dataCategories)[number][];
  date_from?: string;
  date_to?: string;
  nondisclosure_until?: string;
  emergency_narrative?: string;
}

export const TARGETS_CONTEXT = 'lawful_requests.targets_enc';
export const NARRATIVE_CONTEXT = 'lawful_requests.emergency_narrative_enc';
const DOCUMENT_CONTEXT = 'lawful_documents.content_enc';
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * Whom a caller may act for: an officer their own agency only; staff any (entering requests received otherwise).
 * Every officer action passes here, so a suspended or revoked officer, or one of a suspended agency, is refused at
 * once, and so is an officer not in a session signed in with the second factor (API tokens carry none).
 */
export async function officerOf(ctx: CoreContext, principal: Principal, actor: Actor = actorOf(principal)) {
  if (principal.role !== 'agency_officer') return null;
  const db = lawfulDb(ctx.db);
  // Every refusal is on record (who, why): a suspended officer or agency still trying is what reviewers look for.
  const refuse = async (reason: string) => {
    await auditEntry(ctx, actor, 'lawful_officer.refused', undefined, { reason });
    return forbidden(reason);
  };
  const officer = await getOfficer(db, principal.userId);
  if (!officer) throw await refuse('this account is not an officer of a registered agency');
  if (principal.kind !== 'session' || !principal.mfaVerified)
    throw await refuse('officers act only when signed in with their second factor, never through an API token');
  if (officer.status !== 'active') throw await refuse(`this officer account is ${officer.status}`);
  const agency = await getAgency(db, officer.agency_id);
  if (agency?.status !== 'active') throw await refuse("this officer's agency is suspended");
  return officer;
}

function checkInput(input: RequestInput) {
  if (input.targets.length === 0) throw badRequest('name at least one target identifier');
  // Blank after invisible characters are dropped and the text is trimmed: nothing to look up, nothing to cross-check.
  if (input.targets.some((t) => canonicalIdentifier(t).canonical === ''))
    throw badRequest('targets: an identifier is empty');
  // Blank to the eye (a Braille blank, NEL, symbols only): no letter or digit names nobody.
  if (input.targets.some((t) => !/[\p{L}\p{N}]/u.test(canonicalIdentifier(t).canonical)))
    throw badRequest('targets: an identifier has no letter or digit');
  if (input.request_type === 'emergency_disclosure' && !input.emergency_narrative?.trim()) {
    throw badRequest('an emergency disclosure request needs the narrative of the imminent danger');
  }
  // Compared as instants: `2026-01-01T00:00:00+05:00` is before `2026-01-01T00:00:00Z`, whatever the strings say.
  const instant = (field: 'date_from' | 'date_to' | 'nondisclosure_until') => {
    const value = input[field];
    if (value === undefined) return undefined;
    const ms = new Date(value).getTime();
    if (Number.isNaN(ms)) throw badRequest(`${field}: not a date and time`);
    // The route's `date-time` format refuses these already; other callers (the CLI, modules) meet the same bound.
    if (!isStorableInstant(new Date(ms))) throw badRequest(`${field}: years 1900 to 9999 (in UTC) only`);
    return ms;
  };
  const from = instant('date_from');
  const to = instant('date_to');
  instant('nondisclosure_until');
  if (from !== undefined && to !== undefined && from > to) throw badRequest('date_from is after date_to');
}

/**
 * Takes a request: from an officer (their agency and address), or entered by staff for a request received another
 * way (`sender_email` then says where it came from). Targets are sealed, with keyed hashes to find targeting cases.
 * The safeguards are assessed at once. Audited without the targets.
 */
export async function submitRequest(
  ctx: CoreContext,
  actor: Actor,
  principal: Principal,
  input: RequestInput & { agency_id?: string; sender_email?: string },
) {
  checkInput(input);
  const officer = await officerOf(ctx, principal, actor);
  const agencyId = officer?.agency_id ?? input.agency_id;
  if (!agencyId) throw badRequest('agency_id: which agency sent the request');
  const senderEmail = officer?.email ?? input.sender_email;
  if (!senderEmail || !senderEmail.includes('@')) throw badRequest('sender_email: the address the request came from');
  const id = randomUUID();
  const now = new Date();
  const targets = input.targets.map((t) => t.trim());
  return ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    if (!(await getAgency(db, agencyId))) throw notFound(`no agency ${agencyId}`);
    const row = {
      id,
      agency_id: agencyId,
      officer_id: officer?.user_id ?? null,
      sender_email: senderEmail.toLowerCase(),
      // Only a session records a passed second factor; a token principal is marked verified for access only.
      submitted_with_mfa: principal.kind === 'session' && principal.mfaVerified,
      request_type: input.request_type,
      ...sealRequestText(ctx, input),
      target_indexes: targets.map((t) => subjectIndexOf(ctx, t)),
      target_match_indexes: targets.map((t) => subjectMatchIndexOf(ctx, t)),
      submitted_at: now,
    };
    const assessment = await assessStored(ctx, trx, { ...row, id: null });
    await db
      .insertInto('lawful_requests')
      .values({
        ...row,
        targets_enc: ctx.keyring.encrypt(JSON.stringify(targets), TARGETS_CONTEXT),
        target_indexes: JSON.stringify(row.target_indexes),
        target_match_indexes: JSON.stringify(row.target_match_indexes),
        data_categories: JSON.stringify(input.data_categories),
        date_from: input.date_from ? new Date(input.date_from) : null,
        date_to: input.date_to ? new Date(input.date_to) : null,
        nondisclosure_until: input.nondisclosure_until ? new Date(input.nondisclosure_until) : null,
        emergency_narrative_enc: input.emergency_narrative
          ? ctx.keyring.encrypt(input.emergency_narrative, NARRATIVE_CONTEXT)
          : null,
        state: 'submitted',
        assessment: JSON.stringify(assessment),
        decision: null,
        decided_by: null,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'lawful_request.submitted',
      objectType: 'lawful_request',
      objectId: id,
      details: { type: input.request_type, agency: agencyId, targets: targets.length },
    });
    return { id, state: 'submitted' as const, assessment };
  });
}

/** A request as its caller may see it: officers only their own agency's. */
export async function requestFor(
  ctx: CoreContext,
  principal: Principal,
  id: string,
  actor: Actor = actorOf(principal),
  what = 'request',
) {
  const row = await getRequestRow(lawfulDb(ctx.db), id);
  const officer = await officerOf(ctx, principal, actor);
  // The same answer whether the request does not exist or belongs to another agency: no probing. The audit entry
  // (for the operator, never shown to the caller) says which it was.
  if (!row || (officer && row.agency_id !== officer.agency_id)) {
    await auditReadRefused(ctx, actor, id, row ? 'another agency’s request' : 'no such request', what);
    throw notFound(`no request ${id}`);
  }
  return openRequestText(ctx, row);
}

/**
 * A supporting document: a PDF of at most 10 MB (checked by its bytes, not its name), sealed at rest with its
 * SHA-256 recorded. Audited.
 */
export async function addDocument(
  ctx: CoreContext,
  actor: Actor,
  principal: Principal,
  requestId: string,
  file: { filename: string; contentType: string; bytes: Buffer },
) {
  if (file.bytes.length > MAX_DOCUMENT_BYTES) throw payloadTooLarge('documents are limited to 10 MB');
  if (file.contentType !== 'application/pdf' || file.bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw unsupportedMediaType('supporting documents must be PDF files');
  }
  const current = await requestFor(ctx, principal, requestId, actor, 'document upload');
  // A final request stays as it ended; a document for it would change nothing reviewed.
  if (finalState(current.state))
    throw invalidState(`the request is ${current.state.replace(/_/g, ' ')}: it is final, documents cannot be added`);
  // Active content (scripts, embedded files, launch actions) is flagged to the reviewer, or refused by setting.
  const active = activePdfContent(file.bytes);
  if (active.length > 0 && ctx.config.lawfulRefuseActivePdf) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'lawful_request.document_refused',
        objectType: 'lawful_request',
        objectId: requestId,
        details: { active: active.map((a) => a.name) },
      }),
    );
    throw new AppError(
      'active_pdf',
      422,
      'Active PDF content refused',
      `the PDF holds active content (${[...new Set(active.map((a) => a.name))].join(', ')}): send it without scripts, embedded files or actions`,
      { active },
    );
  }
  const id = randomUUID();
  const sealed = sealFile(ctx, DOCUMENT_CONTEXT, file);
  await ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    await db
      .insertInto('lawful_documents')
      .values({ id, request_id: requestId, ...sealed, active_content: JSON.stringify(active) })
      .execute();
    // The reviewer sees the flag at once: the stored assessment is refreshed with the document's findings.
    // A document after a decision changes what was reviewed: review again, approvals again (reopen.ts).
    const reopened = await reopenReview(ctx, trx, actor, requestId, 'document_added');
    const row = await getRequestRow(db, requestId, true);
    if (row)
      await db
        .updateTable('lawful_requests')
        .set({ assessment: JSON.stringify(await assessStored(ctx, trx, row)) })
        .where('id', '=', requestId)
        .execute();
    await recordAudit(trx, actor, {
      action: 'lawful_request.document_added',
      objectType: 'lawful_request',
      objectId: requestId,
      details: {
        document: id,
        sha256: sealed.sha256,
        size: sealed.size,
        active: active.map((a) => a.name),
        reopened,
      },
    });
  });
  return { id, sha256: sealed.sha256, active_content: active };
}

/** A document's bytes, checked against the recorded digest. Audited. */
export async function readDocument(
  ctx: CoreContext,
  actor: Actor,
  principal: Principal,
  requestId: string,
  documentId: string,
) {
  await requestFor(ctx, principal, requestId, actor, 'document');
  const doc = await lawfulDb(ctx.db)
    .selectFrom('lawful_documents')
    .selectAll()
    .where('id', '=', documentId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (!doc) {
    await auditReadRefused(ctx, actor, requestId, 'no such document of this request', 'document');
    throw notFound(`no document ${documentId}`);
  }
  const bytes = await openSealedFile(ctx, DOCUMENT_CONTEXT, doc);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'lawful_request.document_read',
      objectType: 'lawful_request',
      objectId: requestId,
      details: { document: documentId },
    }),
  );
  return { filename: doc.filename, contentType: doc.content_type, bytes };
}
