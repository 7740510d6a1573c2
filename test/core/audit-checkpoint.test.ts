import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkpointFilePath,
  checkpointSignatureProblem,
  parseCheckpoints,
  publicKeyPem,
  recordAudit,
  systemActor,
  verifyAuditChain,
  writeCheckpoint,
  type Checkpoint,
} from '../../src/core/audit/index.ts';
import { signCheckpoint } from '../../src/core/audit/checkpoint.ts';
import { checkpointDue } from '../../src/core/audit/checkpoint-policy.ts';
import { hashEntry } from '../../src/core/audit/chain.ts';
import { keyIdOf } from '../../src/core/audit/signing-key.ts';
import type { Db } from '../../src/core/db/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/config.ts';

/** Runs statements behind the application's back, as someone with direct database access could. */
async function tamper(db: Db, work: () => Promise<unknown>) {
  await sql.raw('alter table audit_events disable trigger user').execute(db);
  try {
    await work();
  } finally {
    await sql.raw('alter table audit_events enable trigger user').execute(db);
  }
}

const pinnedBy = (checkpoints: readonly Checkpoint[]) => new Map(checkpoints.map((c) => [c.seq, c.hash]));

describe('signed audit checkpoints', () => {
  let t: TestApp;
  let db: Db;
  let checkpoint: Checkpoint;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.runtime.ctx.db;
    for (let i = 1; i <= 10; i++) {
      await db
        .transaction()
        .execute((trx) =>
          recordAudit(trx, systemActor('test'), { action: 'case.viewed', objectType: 'case', objectId: `c${i}` }),
        );
    }
    const result = await writeCheckpoint(t.runtime.ctx);
    expect(result.written).toBe(true);
    checkpoint = result.checkpoint!;
  });
  afterAll(() => t?.close());

  it('signs the head, appends it to the file and serves it with the key', async () => {
    const head = await verifyAuditChain(db);
    expect(checkpoint).toMatchObject({ seq: head.lastSeq, hash: head.lastHash, key_id: t.runtime.ctx.auditKey.keyId });
    const kept = parseCheckpoints(readFileSync(checkpointFilePath(t.runtime.ctx.config), 'utf8'));
    expect(kept).toEqual([checkpoint]);
    expect((await writeCheckpoint(t.runtime.ctx)).written).toBe(false);
    const latest = await t.app.inject({ method: 'GET', url: '/api/public/audit/checkpoint/latest' });
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toEqual(checkpoint);
    const key = await t.app.inject({ method: 'GET', url: '/api/public/audit/checkpoint/key' });
    expect(key.json()).toMatchObject({ algorithm: 'Ed25519', key_id: checkpoint.key_id });
    expect(key.json().public_key).toBe(publicKeyPem(t.runtime.ctx.auditKey.publicKey));
    expect(checkpointSignatureProblem(latest.json() as Checkpoint, t.runtime.ctx.auditKey.publicKey)).toBeNull();
  });

  it('detects the last entries deleted, which the chain alone does not show', async () => {
    const removed = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', checkpoint.seq - 2)
      .execute();
    await tamper(db, () =>
      db
        .deleteFrom('audit_events')
        .where('seq', '>', checkpoint.seq - 2)
        .execute(),
    );
    try {
      expect((await verifyAuditChain(db)).ok).toBe(true);
      const status = await verifyAuditChain(db, { pinned: pinnedBy([checkpoint]) });
      expect(status.ok).toBe(false);
      expect(status.firstBreak?.reason).toMatch(/removed from its end/);
      await expect(writeCheckpoint(t.runtime.ctx)).rejects.toThrow(/not signed/);
    } finally {
      await db
        .insertInto('audit_events')
        .values(removed.map((r) => ({ ...r, details: JSON.stringify(r.details) })))
        .execute();
    }
    expect((await verifyAuditChain(db, { pinned: pinnedBy([checkpoint]) })).ok).toBe(true);
  });

  it('detects an entry rewritten with every later hash recomputed', async () => {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', 3).orderBy('seq').execute();
    await tamper(db, async () => {
      let prev = (await db.selectFrom('audit_events').select('hash').where('seq', '=', 2).executeTakeFirstOrThrow())
        .hash;
      for (const row of rows) {
        const fields = {
          ...row,
          seq: Number(row.seq),
          object_id: Number(row.seq) === 3 ? 'someone-else' : row.object_id,
          details: row.details as Record<string, unknown>,
          prev_hash: prev,
        };
        prev = hashEntry(fields);
        await db
          .updateTable('audit_events')
          .set({ object_id: fields.object_id, prev_hash: fields.prev_hash, hash: prev })
          .where('seq', '=', fields.seq)
          .execute();
      }
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const status = await verifyAuditChain(db, { pinned: pinnedBy([checkpoint]) });
    expect(status.ok).toBe(false);
    expect(status.firstBreak).toMatchObject({ seq: checkpoint.seq });
    expect(status.firstBreak?.reason).toMatch(/rewritten/);
    // Continuing from the last signed checkpoint sees it too.
    await expect(writeCheckpoint(t.runtime.ctx)).rejects.toThrow(/rewritten/);
  });

  it('refuses a forged checkpoint', () => {
    const key = t.runtime.ctx.auditKey.publicKey;
    const altered = { ...checkpoint, hash: 'f'.repeat(64) };
    expect(checkpointSignatureProblem(altered, key)).toMatch(/signature .* is not valid/);
    const other = generateKeyPairSync('ed25519');
    const forger = { ...t.runtime.ctx.auditKey, privateKey: other.privateKey, publicKey: other.publicKey };
    const byOther = signCheckpoint({ ...forger, keyId: keyIdOf(other.publicKey) }, checkpoint);
    expect(checkpointSignatureProblem(byOther, key)).toMatch(/names key/);
    const sameIdOtherKey = signCheckpoint(forger, checkpoint);
    expect(checkpointSignatureProblem(sameIdOtherKey, key)).toMatch(/not valid/);
  });

  it('the CLI refuses a forged checkpoint (exit 4) and a malformed file (exit 5) given the public key', async () => {
    const dir = tempDir();
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, publicKeyPem(t.runtime.ctx.auditKey.publicKey));
    const forged = join(dir, 'forged.jsonl');
    writeFileSync(forged, `${JSON.stringify({ ...checkpoint, seq: checkpoint.seq + 1 })}\n`);
    const malformed = join(dir, 'bad.jsonl');
    writeFileSync(malformed, '{"format":"accord-audit-checkpoint/1","seq":"x"}\n');
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ACCORD_DATA_DIR: dir };
    const refused = await runCli(['audit', 'verify', '--checkpoint', forged, '--public-key', keyFile], env);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/checkpoint refused: the signature/);
    const bad = await runCli(['audit', 'verify', '--checkpoint', malformed, '--public-key', keyFile], env);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toMatch(/seq is not a positive integer/);
  });
});

describe('checkpoint policy', () => {
  const policy = { entries: 1000, minutes: 60 };
  const now = new Date('2026-12-07T12:00:00Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it('is due after N entries not covered', () => {
    expect(checkpointDue({ headSeq: 1999, checkpointSeq: 1000, oldestUncoveredAt: ago(1) }, now, policy)).toBe(false);
    expect(checkpointDue({ headSeq: 2000, checkpointSeq: 1000, oldestUncoveredAt: ago(1) }, now, policy)).toBe(true);
    expect(checkpointDue({ headSeq: 1000, checkpointSeq: 0, oldestUncoveredAt: ago(0) }, now, policy)).toBe(true);
  });

  it('is due once the oldest entry not covered has waited M minutes', () => {
    expect(checkpointDue({ headSeq: 5, checkpointSeq: 4, oldestUncoveredAt: ago(59) }, now, policy)).toBe(false);
    expect(checkpointDue({ headSeq: 5, checkpointSeq: 4, oldestUncoveredAt: ago(60) }, now, policy)).toBe(true);
  });

  it('is never due for a chain that has not moved', () => {
    expect(checkpointDue({ headSeq: 5, checkpointSeq: 5, oldestUncoveredAt: null }, now, policy)).toBe(false);
    expect(checkpointDue({ headSeq: 0, checkpointSeq: 0, oldestUncoveredAt: null }, now, policy)).toBe(false);
  });
});
