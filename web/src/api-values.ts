// The values the API accepts, for the console's forms and filters. The browser bundle cannot import the server's
// modules, so they are written out here once; test/web/api-values.test.ts keeps them equal to the server's.

/** src/core/auth/permissions.ts */
export const roles = ['admin', 'analyst', 'legal_reviewer', 'agency_officer', 'peer', 'auditor'] as const;

/** src/cases/states.ts */
export const caseStates = ['new', 'triage', 'confirmed', 'notified', 'closed', 'dismissed'] as const;

/** src/notify/render-notice.ts */
export const noticeLanguages = ['en', 'es', 'fr', 'ar', 'ru', 'zh'] as const;

/** src/lawful/intake.ts */
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
export const dataCategories = ['subscriber', 'access_logs', 'content'] as const;

/** src/lawful/checklist.ts */
export const reviewCriteria = [
  'legal_basis_and_jurisdiction',
  'judicial_authorisation_for_content',
  'specific_and_narrow',
  'necessary_and_proportionate',
  'legitimate_aim',
  'offence_used_against_speech_or_protest',
  'country_human_rights_risk',
  'target_journalist_activist_or_defender',
  'user_can_be_notified',
] as const;

/** src/screening/parties.ts */
export const partyKinds = ['customer', 'reseller', 'partner', 'vendor', 'other'] as const;

/** src/screening/due-diligence.ts */
export const screeningDecisions = ['approved', 'approved_with_conditions', 'rejected'] as const;
export const countryRisks = ['low', 'medium', 'high'] as const;
export const capabilities = ['general', 'dual_use', 'surveillance', 'intrusion'] as const;
export const redFlags = [
  'evasive_about_end_use',
  'government_security_end_user',
  'requests_exploits_or_zero_days',
  'requests_interception_or_bulk_collection',
  'links_to_listed_vendor',
  'reseller_to_unknown_end_users',
  'unusual_payment_or_structure',
  'country_targets_civil_society',
] as const;

/** src/core/http/reveal-reason.ts: the stated reason every reveal of an identifier needs, in characters. */
export const revealReasonLength = { min: 10, max: 2000 } as const;
