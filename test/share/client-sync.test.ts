import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { createApiToken } from '../../src/core/auth/api-tokens-service.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { findUserById } from '../../src/core/auth/users-store.ts';
import { importObjects, searchIndicators } from '../../src/intel/service.ts';
import { openRuntime } from '../../src/runtime.ts';
import { createCollection, publishObjects, pullSubscription, subscribe } from '../../src/share/service.ts';
import { childEnv } from '../support/cli.ts';
import { serve, type Served } from '../support/serve.ts';
import { createSharedTestDatabase, createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { indicator } from '../intel/fixtures.ts';
import { ROOT, TAXII } from './setup.ts';

const actor = systemActor('test');
let server: Served;
let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
let local: TestRuntime;
let collectionUrl: string;
let peer: { username: string; token: string };
const first = Array.from({ length: 2_500 }, (_, i) => indicator(`sync-${i}.example`));

beforeAll(async () => {
  shared = await createSharedTestDatabase();
  let collectionId = '';
  await shared.withDb(async (database) => {
    const runtime = await openRuntime(shared.config, { work: false, database, jobSchema: shared.jobSchema });
    const { ctx } = runtime;
    await importObjects(ctx, actor, first, 'test');
    const collection = await createCollection(ctx, actor, {
      title: 'Shared with peers',
      readGroups: ['role:peer'],
      writeGroups: ['role:peer'],
      amberGroups: [],
    });
    collectionId = collection.id;
    await publishObjects(
      ctx,
      actor,
      collection.id,
      first.map((o) => o.id),
    );
    const username = `peer-${randomUUID().slice(0, 8)}`;
    const { user } = await createUser(ctx, actor, { username, role: 'peer', password: 'correct horse battery staple' });
    const { token } = await createApiToken(ctx, actor, (await findUserById(ctx.db, user.id))!, {
      name: 'sync',
      scopes: [],
    });
    peer = { username, token };
    await runtime.close();
  });
  server = await serve(childEnv(shared.config, shared.childDatabaseUrl, { ACCORD_PORT: '0' }));
  collectionUrl = `${server.url}${ROOT}/collections/${collectionId}/`;
  local = await createTestRuntime({}, { ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true' });
}, 120_000);
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await local?.close();
  await shared?.drop();
});

it("Accord's client syncs from Accord's server in another process: pages, resumes, adds nothing twice", async () => {
  const { id } = await subscribe(local.ctx, actor, {
    name: 'peer-feed',
    url: collectionUrl,
    username: peer.username,
    secret: peer.token,
  });
  const firstPull = await pullSubscription(local.ctx, id);
  expect(firstPull).toMatchObject({ pages: 3, received: 2_500, inserted: 2_500, rejected: 0 });
  expect(await searchIndicators(local.ctx, 'www.sync-2499.example')).toHaveLength(1);

  expect(await pullSubscription(local.ctx, id)).toMatchObject({ received: 0, inserted: 0 });

  // The peer adds objects over TAXII; the next pull brings exactly those.
  const more = [indicator('sync-late-1.example'), indicator('sync-late-2.example')];
  const posted = await fetch(`${collectionUrl}objects/`, {
    method: 'POST',
    headers: {
      accept: TAXII,
      'content-type': TAXII,
      authorization: `Basic ${Buffer.from(`${peer.username}:${peer.token}`).toString('base64')}`,
    },
    body: JSON.stringify({ objects: more }),
  });
  expect(posted.status).toBe(202);
  expect(await pullSubscription(local.ctx, id)).toMatchObject({ received: 2, inserted: 2 });
}, 120_000);

it('a refused credential is recorded on the subscription and the pull fails', async () => {
  const { id } = await subscribe(local.ctx, actor, {
    name: 'bad-feed',
    url: collectionUrl,
    username: peer.username,
    secret: 'wrong',
  });
  await expect(pullSubscription(local.ctx, id)).rejects.toThrow(/HTTP 401/);
  const { listSubscriptions } = await import('../../src/share/service.ts');
  const bad = (await listSubscriptions(local.ctx)).find((s) => s.name === 'bad-feed');
  expect(bad?.last_error).toMatch(/HTTP 401/);
  expect(bad?.last_error).not.toContain('wrong');
});
