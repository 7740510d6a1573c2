/**
 * The legal processes a report breaks requests down by, in the order reports list them, with the labels the
 * industry's published files use. National-security process is never listed here: it is only ever published in
 * bands, in its own section.
 */
export const processes = [
  { key: 'subpoena', label: 'Subpoena' },
  { key: 'search_warrant', label: 'Search Warrant' },
  { key: 'court_order', label: 'Other Court Order' },
  { key: 'mlat', label: 'Mutual Legal Assistance Request' },
  { key: 'emergency_disclosure', label: 'Emergency Disclosure Request' },
  { key: 'preservation', label: 'Preservation Request' },
  { key: 'other', label: 'Other Legal Process' },
] as const;

export type ProcessKey = (typeof processes)[number]['key'];

export const NATIONAL_SECURITY = 'national_security';

const byLabel = new Map<string, ProcessKey>([
  ...processes.map((p) => [p.label.toLowerCase(), p.key] as const),
  ['emergency disclosure requests', 'emergency_disclosure'],
  ['emergency requests', 'emergency_disclosure'],
  ['preservation requests', 'preservation'],
  ['other court orders', 'court_order'],
  ['court order', 'court_order'],
  ['search warrants', 'search_warrant'],
  ['subpoenas', 'subpoena'],
]);

/** The process a published label names (`Subpoena`, `Preservation Requests`, ...); `other` when not known. */
export function processOfLabel(label: string): ProcessKey {
  return byLabel.get(label.trim().toLowerCase()) ?? 'other';
}

export function labelOf(key: string): string {
  return processes.find((p) => p.key === key)?.label ?? 'Other Legal Process';
}

/** Our request types map onto report processes one to one, but for national security (banded) and unknown types. */
export function processOfRequestType(type: string): ProcessKey | typeof NATIONAL_SECURITY {
  if (type === NATIONAL_SECURITY) return NATIONAL_SECURITY;
  return processes.some((p) => p.key === type) ? (type as ProcessKey) : 'other';
}
