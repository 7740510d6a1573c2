import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { keyIdOf, type AuditSigningKey } from './signing-key.ts';

export const CHECKPOINT_FORMAT = 'accord-audit-checkpoint/1';

/**
 * A signed statement that entry `seq` of the audit chain had `hash` at `signed_at`. As `hash` covers every earlier
 * entry, a checkpoint pins the whole chain up to `seq`: cutting it short or rewriting any entry before it (even
 * with every later hash recomputed) no longer matches.
 */
export interface Checkpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly seq: number;
  readonly hash: string;
  /** RFC 3339, UTC. */
  readonly signed_at: string;
  readonly key_id: string;
  /** Ed25519 over the canonical JSON of every other field, base64. */
  readonly signature: string;
}

/** A checkpoint file or answer that is not one: the CLI exits with its own code. */
export class MalformedCheckpoint extends Error {}

const signedBytes = (c: Omit<Checkpoint, 'signature'>) =>
  Buffer.from(canonicalJson({ format: c.format, seq: c.seq, hash: c.hash, signed_at: c.signed_at, key_id: c.key_id }));

export function signCheckpoint(key: AuditSigningKey, head: { seq: number; hash: string }, at = new Date()): Checkpoint {
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    seq: head.seq,
    hash: head.hash,
    signed_at: at.toISOString(),
    key_id: key.keyId,
  } as const;
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), key.privateKey).toString('base64') };
}

/** Why the checkpoint is not signed by `publicKey`, or null when it is. */
export function checkpointSignatureProblem(c: Checkpoint, publicKey: KeyObject): string | null {
  const keyId = keyIdOf(publicKey);
  if (c.key_id !== keyId) return `checkpoint at entry ${c.seq} names key ${c.key_id}, not the given key ${keyId}`;
  const ok = verify(null, signedBytes(c), publicKey, Buffer.from(c.signature, 'base64'));
  return ok ? null : `the signature of the checkpoint at entry ${c.seq} is not valid for key ${keyId}`;
}

/**
 * Reads checkpoints as written to ACCORD_AUDIT_CHECKPOINT_FILE (one JSON object per line) or as served by
 * `GET /api/public/audit/checkpoint/latest` (one object, or an array of them). Throws MalformedCheckpoint.
 */
export function parseCheckpoints(text: string): Checkpoint[] {
  let values: unknown[];
  try {
    const whole: unknown = JSON.parse(text);
    values = Array.isArray(whole) ? whole : [whole];
  } catch {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    values = lines.map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new MalformedCheckpoint(`line ${i + 1} is not JSON`);
      }
    });
  }
  if (values.length === 0) throw new MalformedCheckpoint('no checkpoint in it');
  return values.map((v, i) => checkpointOf(v, values.length > 1 ? `checkpoint ${i + 1}` : 'the checkpoint'));
}

function checkpointOf(value: unknown, name: string): Checkpoint {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const fail = (what: string) => new MalformedCheckpoint(`${name}: ${what}`);
  if (v.format !== CHECKPOINT_FORMAT) throw fail(`format is not ${CHECKPOINT_FORMAT}`);
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) throw fail('seq is not a positive integer');
  if (typeof v.hash !== 'string' || !/^[0-9a-f]{64}$/.test(v.hash)) throw fail('hash is not 64 hex digits');
  if (typeof v.signed_at !== 'string' || Number.isNaN(Date.parse(v.signed_at))) throw fail('signed_at is not a time');
  if (typeof v.key_id !== 'string' || !/^[0-9a-f]{16}$/.test(v.key_id)) throw fail('key_id is not 16 hex digits');
  if (typeof v.signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(v.signature))
    throw fail('signature is not an Ed25519 signature in base64');
  return {
    format: CHECKPOINT_FORMAT,
    seq: v.seq as number,
    hash: v.hash,
    signed_at: v.signed_at,
    key_id: v.key_id,
    signature: v.signature,
  };
}
