import type { Selectable } from 'kysely';
import type { OpenRequestRow as Row } from './request-text.ts';
import type { ReviewStepTable } from './store/tables.ts';

/** What an officer sees of their request: its progress, never the safeguard assessment (it would coach forgers). */
export const presentForOfficer = (r: Row, steps: Selectable<ReviewStepTable>[]) => ({
  id: r.id,
  request_type: r.request_type,
  case_number: r.case_number,
  state: r.state,
  submitted_at: new Date(r.submitted_at).toISOString(),
  questions: steps
    .filter((s) => s.kind === 'clarification')
    .map((s) => ({ ...s.details, at: new Date(s.created_at).toISOString() })),
});

/** What a reviewer sees: everything but the targets, which need an audited reveal. */
export const presentForReviewer = (r: Row, steps: Selectable<ReviewStepTable>[]) => ({
  id: r.id,
  agency_id: r.agency_id,
  officer_id: r.officer_id,
  sender_email: r.sender_email,
  request_type: r.request_type,
  legal_basis: r.legal_basis,
  issuing_authority: r.issuing_authority,
  case_number: r.case_number,
  data_categories: r.data_categories,
  targets: r.target_indexes.length,
  date_from: r.date_from ? new Date(r.date_from).toISOString() : null,
  date_to: r.date_to ? new Date(r.date_to).toISOString() : null,
  nondisclosure_until: r.nondisclosure_until ? new Date(r.nondisclosure_until).toISOString() : null,
  state: r.state,
  decision: r.decision,
  assessment: r.assessment,
  submitted_at: new Date(r.submitted_at).toISOString(),
  steps: steps.map((s) => ({
    kind: s.kind,
    reviewer: s.reviewer,
    details: s.details,
    at: new Date(s.created_at).toISOString(),
  })),
});
