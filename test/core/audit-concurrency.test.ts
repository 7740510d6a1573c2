import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit/index.ts';
import { createApiToken } from '../../src/core/auth/api-tokens-service.ts';
import type { Role } from '../../src/core/auth/permissions.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { findUserById } from '../../src/core/auth/users-store.ts';
import { startLiveApp } from '../support/live-app.ts';

const CLIENTS = 20;
const system = { type: 'system' as const, id: null, label: 'test' };

/**
 * Twenty clients at once over real HTTP against routes that write an audit entry: every append must take its turn
 * on the chain (POST /api/screening/screen answered 500, duplicate audit seq, when it appended outside a transaction).
 */
describe('audit appends under concurrency', () => {
  let live: Awaited<ReturnType<typeof startLiveApp>>;
  const auth: Partial<Record<Role, string>> = {};

  const call = (role: Role, method: string, path: string, body?: unknown) =>
    fetch(`${live.url}${path}`, {
      method,
      headers: {
        authorization: auth[role]!,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  const burst = async (requests: Array<() => Promise<Response>>) => {
    const answers = await Promise.all(requests.map((r) => r()));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    return Promise.all(answers.map(async (a) => ({ status: a.status, body: (await a.json()) as { id?: string } })));
  };

  beforeAll(async () => {
    live = await startLiveApp({ ACCORD_DATABASE_POOL_SIZE: '25' });
    for (const role of ['analyst', 'auditor'] as const) {
      const { user } = await createUser(live.ctx, system, { username: `${role}-c`, role, password: 'x'.repeat(20) });
      const { token } = await createApiToken(live.ctx, system, (await findUserById(live.ctx.db, user.id))!, {
        name: 'load',
        scopes: [],
      });
      auth[role] = `Bearer ${token}`;
    }
  });
  afterAll(() => live?.close());

  const times = (make: (i: number) => Promise<Response>) => Array.from({ length: CLIENTS }, (_, i) => () => make(i));

  it('POST /api/screening/screen', async () => {
    const answers = await burst(times(() => call('analyst', 'POST', '/api/screening/screen', { name: 'Example Ltd' })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });

  it('POST /api/screening/parties, GET /api/screening/parties/:id and a refused request (access.denied), mixed', async () => {
    const created = await burst(
      times((i) => call('analyst', 'POST', '/api/screening/parties', { name: `Vendor ${i}`, kind: 'vendor' })),
    );
    expect(created.every((a) => a.status === 201)).toBe(true);
    const ids = created.map((a) => a.body.id!);
    const mixed = await burst([
      ...times((i) => call('auditor', 'GET', `/api/screening/parties/${ids[i]}`)),
      ...times((i) => call('auditor', 'POST', '/api/screening/parties', { name: `No ${i}`, kind: 'vendor' })),
      ...times(() => call('analyst', 'POST', '/api/screening/screen', { name: 'Another Ltd' })),
    ]);
    expect(mixed.filter((a) => a.status === 403)).toHaveLength(CLIENTS);
  });

  it('leaves a linear chain that verifies', async () => {
    const status = await verifyAuditChain(live.ctx.db);
    expect(status.firstBreak).toBeUndefined();
    expect(status.entries).toBeGreaterThanOrEqual(CLIENTS * 5);
  });
});
