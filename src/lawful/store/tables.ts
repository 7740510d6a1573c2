import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';
import type { Decision, RequestState } from '../states.ts';
import type { Signal } from '../safeguards.ts';
import type { RegistrationFlag } from '../lookalike.ts';
import type { ActivePdfFinding } from '../pdf-active.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AgencyTable {
  id: string;
  name: string;
  country: string;
  region: string | null;
  agency_type: string;
  legal_authority: string;
  email_domains: Json<string[]>;
  /** IANA time zone: "unusual hours" are judged in the agency's own day. */
  timezone: string;
  /** `pending` until a second person approves the registration; `rejected` if they refuse it. */
  status: 'active' | 'suspended' | 'pending' | 'rejected';
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ContactTable {
  id: string;
  agency_id: string;
  name: string;
  role: string;
  phone: string;
  source: string;
  added_by: string;
  /** The adding user's id: the verifier must be another person. */
  added_by_id: string | null;
  added_at: Timestamp;
  verified_by: string | null;
  verified_by_id: string | null;
  /** Only a contact verified before a request arrived counts for that request's callback. */
  verified_at: Timestamp | null;
}

export interface OfficerTable {
  user_id: string;
  agency_id: string;
  email: string;
  status: 'active' | 'suspended' | 'revoked';
  invited_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface RequestTable {
  id: string;
  agency_id: string;
  officer_id: string | null;
  sender_email: string;
  submitted_with_mfa: boolean;
  request_type: string;
  /** Plaintext of rows written before sealing, until start-up seals it (then null): read through openRequestText. */
  legal_basis: string | null;
  issuing_authority: string | null;
  case_number: string | null;
  legal_basis_enc: string | null;
  issuing_authority_enc: string | null;
  case_number_enc: string | null;
  targets_enc: string;
  target_indexes: Json<string[]>;
  /** The targets' confusable-skeleton indexes: a look-alike of a targeted person's identifier is a possible match. */
  target_match_indexes: ColumnType<string[], string | undefined, string>;
  data_categories: Json<string[]>;
  date_from: Timestamp | null;
  date_to: Timestamp | null;
  nondisclosure_until: Timestamp | null;
  emergency_narrative_enc: string | null;
  state: RequestState;
  assessment: Json<Signal[]>;
  decision: Decision | null;
  decided_by: string | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentTable {
  id: string;
  request_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content_enc: string;
  /** Active content found in the PDF when it was added (scripts, embedded files, actions), flagged to reviewers. */
  active_content: ColumnType<ActivePdfFinding[], string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ProductionTable {
  id: string;
  request_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content_enc: string;
  link_hash: string | null;
  link_expires_at: Timestamp | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ReviewStepTable {
  id: string;
  request_id: string;
  kind:
    | 'callback'
    | 'checklist'
    | 'decision'
    | 'second_approval'
    | 'clarification'
    | 'disclosure'
    | 'user_notice'
    /** A change after a decision sent the request back to review (reopen.ts): nothing before it counts. */
    | 'reopened';
  reviewer: string;
  /** The structured part of the step (outcome, decision); its free text is in `text_enc`. */
  details: Json<Record<string, unknown>>;
  /** The step's free text (questions, answers, reasons, notes, checklist notes), sealed as JSON; null if none. */
  text_enc: ColumnType<string | null, string | null | undefined, string | null>;
  /** Keyed indexes of identifiers found in that text (canonical, and confusable skeleton), for the cross-check. */
  text_indexes: ColumnType<string[], string | undefined, string>;
  text_match_indexes: ColumnType<string[], string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A registration or a domain addition awaiting (or past) a second person's approval. */
export interface AgencyChangeTable {
  id: string;
  agency_id: string;
  kind: 'register' | 'add_domain';
  domains: Json<string[]>;
  /** Look-alike evidence found when requested (and again when decided), shown to the approver. */
  flags: Json<RegistrationFlag[]>;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string;
  requested_by_id: string | null;
  requested_at: ColumnType<Date, Date | undefined, never>;
  decided_by: string | null;
  decided_by_id: string | null;
  decided_at: Timestamp | null;
  reasons: string | null;
}

export interface CountryRiskTable {
  /** ISO 3166-1 alpha-2. */
  country: string;
  level: 'low' | 'elevated' | 'high';
  /** Where the assessment comes from (an NGO index, a UN report, the provider's own human-rights review). */
  source: string;
  note: string | null;
  updated_by: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type LawfulTables = {
  lawful_country_risk: CountryRiskTable;
  lawful_agencies: AgencyTable;
  lawful_agency_changes: AgencyChangeTable;
  lawful_contacts: ContactTable;
  lawful_officers: OfficerTable;
  lawful_requests: RequestTable;
  lawful_documents: DocumentTable;
  lawful_productions: ProductionTable;
  lawful_review_steps: ReviewStepTable;
};

export type LawfulDb = Kysely<Database & LawfulTables> | Transaction<Database & LawfulTables>;
export const lawfulDb = (executor: Executor): LawfulDb => executor.withTables<LawfulTables>();
