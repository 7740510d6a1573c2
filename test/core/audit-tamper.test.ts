import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, systemActor } from '../../src/core/audit/index.ts';
import { childEnv, runCli } from '../support/cli.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

type Shared = Awaited<ReturnType<typeof createSharedTestDatabase>>;

/** Rewrites rows behind the application's back, as someone with direct database access could. */
async function tamper(shared: Shared, statement: string) {
  await shared.withDb(async ({ db }) => {
    await sql.raw('alter table audit_events disable trigger user').execute(db);
    await sql.raw(statement).execute(db);
    await sql.raw('alter table audit_events enable trigger user').execute(db);
  });
}

describe('accord audit verify', () => {
  let shared: Shared;
  let env: Record<string, string>;

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    env = childEnv(shared.config, shared.childDatabaseUrl);
    await shared.withDb(async ({ db }) => {
      for (let i = 1; i <= 12; i++) {
        await db
          .transaction()
          .execute((trx) =>
            recordAudit(trx, systemActor('test'), { action: 'case.viewed', objectType: 'case', objectId: `c${i}` }),
          );
      }
    });
  }, 60_000);
  afterAll(() => shared?.drop());

  it('reports an intact chain and exits 0', async () => {
    const result = await runCli(['audit', 'verify'], env);
    expect(result.stderr).not.toMatch(/Error|at /);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/audit chain intact: \d+ entries/);
  });

  it('the application cannot change or remove entries', async () => {
    await shared.withDb(async ({ db }) => {
      await expect(sql`update audit_events set action = 'x' where object_id = 'c3'`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_events where object_id = 'c3'`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    });
  });

  it('names the first altered entry and exits 3', async () => {
    const seq = await shared.withDb(async ({ db }) => {
      const row = await db
        .selectFrom('audit_events')
        .select('seq')
        .where('object_id', '=', 'c5')
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    });
    await tamper(shared, `update audit_events set object_id = 'c-other' where seq = ${seq}`);
    const result = await runCli(['audit', 'verify'], env);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`BROKEN at entry ${seq}`);
    expect(result.stdout).toContain('altered');
  });

  it('detects a removed entry', async () => {
    await tamper(shared, `update audit_events set object_id = 'c5' where object_id = 'c-other'`);
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0);
    const seq = await shared.withDb(async ({ db }) => {
      const row = await db
        .selectFrom('audit_events')
        .select('seq')
        .where('object_id', '=', 'c8')
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    });
    await tamper(shared, `delete from audit_events where seq = ${seq}`);
    const result = await runCli(['audit', 'verify'], env);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`entry ${seq} is missing`);
  });
});
