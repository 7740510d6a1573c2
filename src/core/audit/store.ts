import { sql } from 'kysely';
import type { DbTransaction, Executor } from '../db/database.ts';
import { storableText, storableValue } from '../io/well-formed-text.ts';
import type { Actor } from './actor.ts';
import { GENESIS_HASH, hashEntry, type ChainedFields } from './chain.ts';

export interface AuditInput {
  /** Verb in `object.verb` form, e.g. `user.created`, `case.viewed`. */
  action: string;
  objectType?: string;
  objectId?: string;
  /** Never identifiers of people at risk: refer to them by their record id. */
  details?: Record<string, unknown>;
}

// Any fixed number: it names the advisory lock that serialises appends to the chain.
const CHAIN_LOCK = 7_130_001;

/**
 * Appends one entry inside the transaction that makes the change, so the change and its record commit together.
 * The advisory lock makes concurrent appends take turns and is held until that transaction ends: outside one it
 * would be released before the insert, and two appends would take the same `seq`. Hence a transaction is required,
 * by the type and, for callers that cast, at run time.
 */
export async function appendAuditEntry(
  trx: DbTransaction,
  actor: Actor,
  input: AuditInput,
): Promise<ChainedFields & { hash: string }> {
  return (await appendAuditEntries(trx, [{ actor, input }]))[0]!;
}

/**
 * Appends several entries, in order, as `appendAuditEntry` does one: one turn at the chain's lock and one insert
 * for all of them, so a change recorded in bulk (a batch of deliveries) holds the lock for three statements, not
 * three per entry. Take the turn last in the transaction: the lock is held until it ends.
 */
export async function appendAuditEntries(
  trx: DbTransaction,
  entries: readonly { actor: Actor; input: AuditInput }[],
): Promise<(ChainedFields & { hash: string })[]> {
  if (!trx.isTransaction) throw new Error('an audit entry must be appended inside a transaction');
  if (entries.length === 0) return [];
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last ? Number(last.seq) : 0;
  let prev = last?.hash ?? GENESIS_HASH;
  const occurredAt = new Date();
  const chained = entries.map(({ actor, input }) => {
    const entry: ChainedFields = {
      seq: ++seq,
      occurred_at: occurredAt,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: storableText(actor.label),
      action: input.action,
      object_type: input.objectType ?? null,
      object_id: input.objectId === undefined ? null : storableText(input.objectId),
      ip: actor.ip ?? null,
      request_id: actor.requestId ?? null,
      // Details may quote what a caller sent: NUL and lone surrogates would make PostgreSQL refuse the entry.
      details: storableValue(input.details ?? {}),
      prev_hash: prev,
    };
    prev = hashEntry(entry);
    return { ...entry, hash: prev };
  });
  await trx
    .insertInto('audit_events')
    .values(chained.map((e) => ({ ...e, details: JSON.stringify(e.details) })))
    .execute();
  return chained;
}

export interface AuditQuery {
  afterSeq?: number;
  limit: number;
  actorId?: string;
  objectType?: string;
  objectId?: string;
  action?: string;
}

export async function listAuditEntries(db: Executor, q: AuditQuery) {
  let query = db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(q.limit);
  if (q.afterSeq !== undefined) query = query.where('seq', '<', q.afterSeq);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId) query = query.where('object_id', '=', q.objectId);
  if (q.action) query = query.where('action', '=', q.action);
  return query.execute();
}
