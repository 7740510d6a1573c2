import { lookalikeOf } from './lookalike.ts';

/**
 * One explainable safeguard signal: `ok` passed; `warn` for the reviewer's attention; `escalate` needs a second
 * reviewer and never allows automatic disclosure; `block` stops disclosure outright until resolved.
 */
export interface Signal {
  id: string;
  level: 'ok' | 'warn' | 'escalate' | 'block';
  message: string;
  evidence?: Record<string, unknown>;
}

export interface AssessmentInput {
  /** The submitting officer, or null when staff entered a request received another way (e-mail, post). */
  officer: { status: string; mfaVerified: boolean } | null;
  agency: { name: string; status: string; emailDomains: readonly string[]; timezone: string; country: string };
  /** The agency country's human-rights risk from the country-risk table, or null when unassessed. */
  countryRisk: { level: 'low' | 'elevated' | 'high'; source: string; note: string | null } | null;
  senderEmail: string;
  /** Verified domains of every registered agency, to recognise imitations. */
  registeredDomains: readonly string[];
  officerHistory: { total: number; last24h: number };
  agencyHistory: { total: number; typesUsed: readonly string[] };
  requestType: string;
  submittedAt: Date;
  /**
   * How many of the request's targets are accounts in a cyber-mercenary targeting case: `exact` by canonical form,
   * `possible` only by their confusable skeleton (a look-alike spelling).
   */
  targeted: { exact: number; possible: number };
  callbackConfirmed: boolean;
  /** Targeted people's identifiers typed into the request's free text (clarifications, reasons, callback notes). */
  targetedInText?: { exact: number; possible: number };
  /** Supporting documents with active PDF content (scripts, embedded files, actions). */
  activeDocuments?: readonly { document: string; filename: string; found: readonly string[] }[];
}

const UNUSUAL_VOLUME_PER_DAY = 10;

function localHour(at: Date, timezone: string): number {
  try {
    return Number(
      new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: timezone }).format(at),
    );
  } catch {
    return at.getUTCHours();
  }
}

/** Every safeguard, in the order reviewers read them. Pure: the same facts always give the same assessment. */
export function assessRequest(i: AssessmentInput): Signal[] {
  const signals: Signal[] = [];
  const add = (s: Signal) => signals.push(s);
  const domain = i.senderEmail.slice(i.senderEmail.lastIndexOf('@') + 1).toLowerCase();

  // Entered by staff (e-mail, post): the sender's mailbox may be compromised, so only a callback through a contact
  // sourced independently beforehand (recordCallback, audited) lets such a request reach disclosure.
  if (i.officer === null) {
    add(
      i.callbackConfirmed
        ? {
            id: 'officer',
            level: 'warn',
            message:
              'entered by staff, not by a verified officer: confirmed by a callback through an independently sourced contact',
          }
        : {
            id: 'officer',
            level: 'block',
            message:
              'entered by staff, not by a verified officer: no callback through an independently sourced contact has confirmed it yet',
          },
    );
  } else if (i.officer.status !== 'active') {
    add({ id: 'officer', level: 'block', message: `the officer's account is ${i.officer.status}` });
  } else if (!i.officer.mfaVerified) {
    add({ id: 'officer', level: 'block', message: 'the officer did not sign in with a second factor' });
  } else add({ id: 'officer', level: 'ok', message: 'verified officer, signed in with a second factor' });

  add(
    i.agency.status === 'active'
      ? { id: 'agency', level: 'ok', message: `${i.agency.name} is active` }
      : { id: 'agency', level: 'block', message: `${i.agency.name} is ${i.agency.status}` },
  );

  const onList = i.agency.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  add(
    onList
      ? { id: 'sender_domain', level: 'ok', message: `${domain} is a verified domain of the agency` }
      : {
          id: 'sender_domain',
          level: 'block',
          message: `${domain} is not among the agency's verified domains`,
          evidence: { domain, verified: i.agency.emailDomains },
        },
  );
  const imitation = lookalikeOf(domain, i.registeredDomains);
  if (imitation) {
    add({
      id: 'lookalike_domain',
      level: 'block',
      message: `${domain} imitates a registered agency domain: ${imitation.why}`,
      evidence: { ...imitation },
    });
  }

  if (i.officer && i.officerHistory.total === 0) {
    add({ id: 'first_request', level: 'warn', message: "the officer's first request" });
  }
  if (i.officerHistory.last24h >= UNUSUAL_VOLUME_PER_DAY) {
    add({
      id: 'volume',
      level: 'warn',
      message: `${i.officerHistory.last24h} requests from this officer in 24 hours`,
      evidence: { last24h: i.officerHistory.last24h },
    });
  }
  const hour = localHour(i.submittedAt, i.agency.timezone);
  if (hour < 7 || hour >= 20) {
    add({
      id: 'hours',
      level: 'warn',
      message: `submitted at ${hour}:00 in the agency's time zone (${i.agency.timezone})`,
    });
  }
  if (i.agencyHistory.total >= 5 && !i.agencyHistory.typesUsed.includes(i.requestType)) {
    add({
      id: 'unusual_type',
      level: 'warn',
      message: `the agency has not sent a ${i.requestType.replace(/_/g, ' ')} before`,
    });
  }

  if (i.countryRisk) {
    const { level, source, note } = i.countryRisk;
    const evidence = { country: i.agency.country, level, source, ...(note ? { note } : {}) };
    if (level === 'high')
      add({
        id: 'country_risk',
        level: 'escalate',
        message: `${i.agency.country} is assessed as a high human-rights risk: two reviewers weigh the aim and the target's exposure`,
        evidence,
      });
    else if (level === 'elevated')
      add({
        id: 'country_risk',
        level: 'warn',
        message: `${i.agency.country} is assessed as an elevated human-rights risk: weigh the aim and the target's exposure`,
        evidence,
      });
    else add({ id: 'country_risk', level: 'ok', message: `${i.agency.country} is assessed as a low risk`, evidence });
  }
  if (i.requestType === 'emergency_disclosure') {
    add(
      i.callbackConfirmed
        ? {
            id: 'emergency_callback',
            level: 'ok',
            message: 'emergency confirmed by a callback through an independently sourced contact',
          }
        : {
            id: 'emergency_callback',
            level: 'block',
            message: 'emergency: no callback through an independently sourced contact has confirmed it yet',
          },
    );
  }
  if (i.targeted.exact > 0) {
    add({
      id: 'targeted_account',
      level: 'escalate',
      message: `${i.targeted.exact} target(s) belong to accounts in a cyber-mercenary targeting case: the requester may be the attacker`,
      evidence: { accounts: i.targeted.exact },
    });
  }
  if (i.targeted.possible > 0) {
    add({
      id: 'possible_targeted_account',
      level: 'escalate',
      message: `${i.targeted.possible} target(s) look like accounts in a cyber-mercenary targeting case (confusable characters): treated as a match`,
      evidence: { accounts: i.targeted.possible },
    });
  }
  const inText = i.targetedInText ?? { exact: 0, possible: 0 };
  if (inText.exact + inText.possible > 0) {
    add({
      id: 'targeted_in_text',
      level: 'escalate',
      message: `the request's free text names ${inText.exact + inText.possible} account(s) in a cyber-mercenary targeting case${inText.possible > 0 ? ' (some by confusable characters)' : ''}: treated as a targeted request`,
      evidence: { accounts: inText.exact, possible: inText.possible },
    });
  }
  for (const d of i.activeDocuments ?? []) {
    add({
      id: 'active_pdf',
      level: 'warn',
      message: `the document ${d.filename} holds active PDF content (${d.found.join(', ')}): open it only in a sandbox`,
      evidence: { document: d.document, filename: d.filename, found: d.found },
    });
  }
  return signals;
}

export const blocking = (signals: readonly Signal[]) => signals.filter((s) => s.level === 'block');
export const escalated = (signals: readonly Signal[]) => signals.some((s) => s.level === 'escalate');
