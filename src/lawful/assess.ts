import type { CoreContext } from '../core/context.ts';
import { countTargetedAccounts } from '../cases/service.ts';
import { riskOf } from './country-risk.ts';
import { assessRequest, type Signal } from './safeguards.ts';
import {
  agencyHistory,
  getAgency,
  getOfficer,
  officerHistory,
  registeredDomains,
  reviewSteps,
} from './store/lawful-store.ts';
import { lawfulDb } from './store/tables.ts';
import { latestCallback } from './two-person.ts';
import type { Executor } from '../core/db/database.ts';

/** The facts a request's assessment rests on, gathered fresh: reviewers always see the current picture. */
export async function assessStored(
  ctx: CoreContext,
  executor: Executor,
  request: {
    id: string | null;
    agency_id: string;
    officer_id: string | null;
    sender_email: string;
    submitted_with_mfa: boolean;
    request_type: string;
    submitted_at: Date;
    target_indexes: string[];
    target_match_indexes: string[];
  },
): Promise<Signal[]> {
  const db = lawfulDb(executor);
  const agency = (await getAgency(db, request.agency_id))!;
  const officer = request.officer_id ? await getOfficer(db, request.officer_id) : undefined;
  const steps = request.id ? await reviewSteps(db, request.id) : [];
  // The latest callback outcome wins: a `not_confirmed` after a `confirmed` blocks again.
  const callbackConfirmed = latestCallback(steps)?.details.outcome === 'confirmed';
  const documents = request.id
    ? await db
        .selectFrom('lawful_documents')
        .select(['id', 'filename', 'active_content'])
        .where('request_id', '=', request.id)
        .orderBy('created_at')
        .execute()
    : [];
  return assessRequest({
    officer: officer ? { status: officer.status, mfaVerified: request.submitted_with_mfa } : null,
    agency: {
      name: agency.name,
      status: agency.status,
      emailDomains: agency.email_domains,
      timezone: agency.timezone,
      country: agency.country,
    },
    countryRisk: await riskOf(ctx, executor, agency.country),
    senderEmail: request.sender_email,
    registeredDomains: await registeredDomains(db),
    officerHistory: await officerHistory(db, request.officer_id, request.submitted_at),
    agencyHistory: await agencyHistory(db, request.agency_id, request.submitted_at),
    requestType: request.request_type,
    submittedAt: request.submitted_at,
    targeted: await countTargetedAccounts(
      ctx,
      { exact: request.target_indexes, possible: request.target_match_indexes },
      executor,
    ),
    callbackConfirmed,
    // Identifiers found in the free text of the trail, checked against the targeting cases like the targets.
    targetedInText: await countTargetedAccounts(
      ctx,
      {
        exact: [...new Set(steps.flatMap((s) => s.text_indexes))],
        possible: [...new Set(steps.flatMap((s) => s.text_match_indexes))],
      },
      executor,
    ),
    activeDocuments: documents
      .filter((d) => d.active_content.length > 0)
      .map((d) => ({
        document: d.id,
        filename: d.filename,
        found: [...new Set(d.active_content.map((a) => a.name))],
      })),
  });
}
