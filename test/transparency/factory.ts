import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../src/core/context.ts';
import type { RequestState } from '../../src/lawful/states.ts';
import { lawfulDb } from '../../src/lawful/store/tables.ts';
import { notifyDb } from '../../src/notify/store/tables.ts';

/** Rows for reports with known totals: agencies, requests in given states, delivered notices. */
export async function agency(ctx: CoreContext, country: string) {
  const id = randomUUID();
  await lawfulDb(ctx.db)
    .insertInto('lawful_agencies')
    .values({
      id,
      name: `Police ${country}`,
      country,
      region: null,
      agency_type: 'police',
      legal_authority: 'code of criminal procedure',
      email_domains: JSON.stringify([`police-${country.toLowerCase()}.example`]),
      timezone: 'UTC',
      status: 'active',
    })
    .execute();
  return id;
}

export interface RequestSpec {
  agency: string;
  type: string;
  state: RequestState;
  count: number;
  /** Target identifiers per request. */
  accounts?: number;
  content?: boolean;
  at?: string;
}

export async function requests(ctx: CoreContext, spec: RequestSpec) {
  const at = new Date(spec.at ?? '2026-03-15T10:00:00Z');
  const rows = Array.from({ length: spec.count }, () => ({
    id: randomUUID(),
    agency_id: spec.agency,
    officer_id: null,
    sender_email: 'officer@police.example',
    submitted_with_mfa: true,
    request_type: spec.type,
    legal_basis: 'art. 1',
    issuing_authority: 'court',
    case_number: 'C-1',
    targets_enc: 'sealed',
    target_indexes: JSON.stringify(Array.from({ length: spec.accounts ?? 1 }, () => randomUUID())),
    data_categories: JSON.stringify(spec.content ? ['subscriber', 'content'] : ['subscriber']),
    state: spec.state,
    assessment: '[]',
    decision: null,
    decided_by: null,
    submitted_at: at,
    updated_at: at,
  }));
  if (rows.length) await lawfulDb(ctx.db).insertInto('lawful_requests').values(rows).execute();
}

/** Delivered notices to `people` distinct people (each notified `perPerson` times) in a country. */
export async function notices(
  ctx: CoreContext,
  country: string | null,
  people: number,
  at = '2026-04-01T00:00:00Z',
  perPerson = 1,
) {
  const subjects = Array.from({ length: people }, () => randomUUID());
  const rows = subjects
    .flatMap((subject) => Array.from({ length: perPerson }, () => subject))
    .map((subject) => ({
      id: randomUUID(),
      case_id: randomUUID(),
      subject_index: subject,
      campaign: 'Predator',
      country,
      language: 'en',
      state: 'delivered' as const,
      requested_by: 'test',
      approvals: '[]',
      approvals_required: 0,
      first_detected_at: new Date(at),
      delivered_at: new Date(at),
    }));
  if (rows.length) await notifyDb(ctx.db).insertInto('notify_notices').values(rows).execute();
}
