import { sql } from 'kysely';
import type { CoreContext } from '../core/context.ts';
import type { RequestState } from './states.ts';
import { lawfulDb } from './store/tables.ts';

/** Where a request ended, in the terms transparency reports use. */
export type RequestOutcome = 'produced' | 'no_data' | 'rejected' | 'challenged' | 'withdrawn' | 'pending';

const outcomeOfState: Readonly<Record<RequestState, RequestOutcome>> = {
  disclosed: 'produced',
  no_data: 'no_data',
  rejected: 'rejected',
  // Sent back to be narrowed: the request was pushed back on, as the reports' "challenged" counts.
  narrowing_requested: 'challenged',
  withdrawn: 'withdrawn',
  submitted: 'pending',
  in_review: 'pending',
  clarification_requested: 'pending',
  awaiting_second_approval: 'pending',
  approved: 'pending',
};

/** One group of requests received in a window: counts only, nothing about any target. */
export interface RequestFigure {
  /** ISO 3166-1 alpha-2 code of the requesting agency's country. */
  country: string;
  request_type: string;
  outcome: RequestOutcome;
  /** Whether content (not only subscriber data or logs) was asked for, hence produced when the outcome is `produced`. */
  content: boolean;
  requests: number;
  /** Target identifiers named, counted without decrypting them. */
  accounts: number;
}

/** The requests received in `[from, to)`, grouped for the transparency report. */
export async function requestFigures(ctx: CoreContext, from: Date, to: Date): Promise<RequestFigure[]> {
  const content = sql<boolean>`r.data_categories @> '["content"]'::jsonb`;
  const rows = await lawfulDb(ctx.db)
    .selectFrom('lawful_requests as r')
    .innerJoin('lawful_agencies as a', 'a.id', 'r.agency_id')
    .where('r.submitted_at', '>=', from)
    .where('r.submitted_at', '<', to)
    .select([
      'a.country',
      'r.request_type',
      'r.state',
      content.as('content'),
      sql<number>`count(*)::int`.as('requests'),
      sql<number>`coalesce(sum(jsonb_array_length(r.target_indexes)), 0)::int`.as('accounts'),
    ])
    .groupBy(['a.country', 'r.request_type', 'r.state', content])
    .execute();
  const merged = new Map<string, RequestFigure>();
  for (const row of rows) {
    const outcome = outcomeOfState[row.state];
    const country = row.country.toUpperCase();
    const key = [country, row.request_type, outcome, row.content].join('|');
    const figure = merged.get(key) ?? {
      country,
      request_type: row.request_type,
      outcome,
      content: row.content,
      requests: 0,
      accounts: 0,
    };
    figure.requests += Number(row.requests);
    figure.accounts += Number(row.accounts);
    merged.set(key, figure);
  }
  return [...merged.values()];
}
