import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/core/auth/api-tokens-service.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { findUserById } from '../../src/core/auth/users-store.ts';
import type { Runtime } from '../../src/runtime.ts';
import { childEnv, runCli } from '../support/cli.ts';
import { serve, type Served } from '../support/serve.ts';
import { databaseUrl } from '../support/env.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';
import { enrolSecondFactor } from '../support/second-factor.ts';

const system = { type: 'system' as const, id: null, label: 'test' };
const PASSWORD = 'correct horse battery staple';
const LIMIT = 5;

// Two server processes need one database both can open: PGlite is a single process, so this runs on PostgreSQL.
describe.skipIf(!databaseUrl)(
  'revocation across two server processes on one database (PostgreSQL only: skipped without DATABASE_URL, PGlite is one process)',
  () => {
    let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
    let runtime: Runtime;
    let env: Record<string, string>;
    let a: Served;
    let b: Served;
    let admin: string;

    const call = (server: Served, path: string, headers: Record<string, string>, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
    const me = async (server: Served, headers: Record<string, string>) =>
      (await call(server, '/api/auth/me', headers)).status;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    const analyst = async (username: string) => {
      const { user } = await createUser(runtime.ctx, system, { username, role: 'analyst', password: PASSWORD });
      const owner = await findUserById(runtime.ctx.db, user.id);
      const created = await createApiToken(runtime.ctx, system, owner!, { name: 'laptop', scopes: [] });
      return { user, token: created.token, tokenId: created.id };
    };
    let clients = 0;
    const signInAt = async (server: Served, username: string, password = PASSWORD) => {
      const res = await call(
        server,
        '/api/auth/login',
        // A client address of its own per sign-in: these do not spend the budget the last test measures.
        { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${++clients}` },
        {
          method: 'POST',
          body: JSON.stringify({ username, password }),
        },
      );
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('accord_session='));
      return { status: res.status, cookie: cookie ? { cookie: cookie.split(';')[0]! } : undefined };
    };
    const asAdmin = (server: Served, path: string, method: string, body?: unknown) =>
      call(
        server,
        path,
        { ...bearer(admin), ...(body ? { 'content-type': 'application/json' } : {}) },
        {
          method,
          ...(body ? { body: JSON.stringify(body) } : {}),
        },
      );

    beforeAll(async () => {
      shared = await createSharedTestDatabase();
      const { openRuntime } = await import('../../src/runtime.ts');
      runtime = await shared.withDb((database) =>
        openRuntime(shared.config, { work: false, database, jobSchema: shared.jobSchema }),
      );
      // Users exist before the servers start, so neither prints a first-admin link.
      const { user } = await createUser(runtime.ctx, system, { username: 'ada', role: 'admin', password: PASSWORD });
      await enrolSecondFactor(runtime.ctx, user.id);
      admin = (await createApiToken(runtime.ctx, system, (await findUserById(runtime.ctx.db, user.id))!, {
        name: 'ops',
        scopes: [],
      }))!.token;
      env = childEnv(shared.config, shared.childDatabaseUrl, {
        ACCORD_PORT: '0',
        ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT),
        // The budget test below names its client in X-Forwarded-For, so it starts from a budget of its own.
        ACCORD_TRUST_PROXY: 'true',
      });
      a = await serve(env);
      b = await serve(env);
    }, 120_000);
    afterAll(async () => {
      a?.child.kill('SIGKILL');
      b?.child.kill('SIGKILL');
      await runtime?.close();
      await shared?.drop();
    });

    it("a token revoked through process A's API is refused by process B on the next request", async () => {
      const { token, tokenId } = await analyst('sofia');
      expect(await me(a, bearer(token))).toBe(200);
      expect(await me(b, bearer(token))).toBe(200);
      expect((await asAdmin(a, `/api/tokens/${tokenId}`, 'DELETE')).status).toBe(204);
      expect(await me(b, bearer(token))).toBe(401);
      expect(await me(a, bearer(token))).toBe(401);
    });

    it('a token revoked with `accord token revoke` is refused by both processes on the next request', async () => {
      const { token, tokenId } = await analyst('omar');
      expect(await me(a, bearer(token))).toBe(200);
      expect(await me(b, bearer(token))).toBe(200);
      const revoked = await runCli(['token', 'revoke', tokenId], env);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(await me(b, bearer(token))).toBe(401);
      expect(await me(a, bearer(token))).toBe(401);
    });

    it('disabling a user through A ends their token and their session in B at once', async () => {
      const { user, token } = await analyst('ivo');
      const session = await signInAt(b, 'ivo');
      expect(session.status).toBe(200);
      expect(await me(b, session.cookie!)).toBe(200);
      expect(await me(b, bearer(token))).toBe(200);
      expect((await asAdmin(a, `/api/users/${user.id}/disable`, 'POST')).status).toBe(200);
      expect(await me(b, session.cookie!)).toBe(401);
      expect(await me(b, bearer(token))).toBe(401);
    });

    it("a reset through A ends the user's session in B and the old password no longer signs in there", async () => {
      const { user, token } = await analyst('mira');
      const session = await signInAt(b, 'mira');
      expect(await me(b, session.cookie!)).toBe(200);
      const reset = await asAdmin(a, `/api/users/${user.id}/reset`, 'POST', { reset_totp: false });
      expect(reset.status).toBe(200);
      expect(await me(b, session.cookie!)).toBe(401);
      expect(await me(b, bearer(token))).toBe(401);
      expect((await signInAt(b, 'mira')).status).toBe(401);
    });

    it('`accord user disable` and `accord user reset` end sessions and tokens in both processes at once', async () => {
      const disabled = await analyst('kemal');
      const reset = await analyst('leila');
      const sessions = { a: await signInAt(a, 'kemal'), b: await signInAt(b, 'leila') };
      expect(await me(a, sessions.a.cookie!)).toBe(200);
      expect(await me(b, sessions.b.cookie!)).toBe(200);
      expect((await runCli(['user', 'disable', 'kemal'], env)).code).toBe(0);
      expect((await runCli(['user', 'reset', 'leila'], env)).code).toBe(0);
      for (const server of [a, b]) {
        expect(await me(server, bearer(disabled.token))).toBe(401);
        expect(await me(server, bearer(reset.token))).toBe(401);
      }
      expect(await me(a, sessions.a.cookie!)).toBe(401);
      expect(await me(b, sessions.b.cookie!)).toBe(401);
    });

    it('sign-in attempts split across A and B share one budget', async () => {
      const client = { 'x-forwarded-for': '198.51.100.23', 'content-type': 'application/json' };
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT * 2; i++) {
        const res = await call(i % 2 ? b : a, '/api/auth/login', client, {
          method: 'POST',
          body: JSON.stringify({ username: 'nobody', password: 'x'.repeat(12) }),
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        }
      }
      // Per-process limits would have let all ten through (five on each).
      expect(statuses).toEqual([...Array(LIMIT).fill(401), ...Array(LIMIT).fill(429)]);
      // Another client is not affected by that client's spent budget.
      const other = await call(
        b,
        '/api/auth/login',
        { ...client, 'x-forwarded-for': '198.51.100.24' },
        {
          method: 'POST',
          body: JSON.stringify({ username: 'nobody', password: 'x'.repeat(12) }),
        },
      );
      expect(other.status).toBe(401);
    });
  },
);
