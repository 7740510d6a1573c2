import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit/index.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { engine } from '../support/env.ts';
import { fromSchema } from '../support/fuzz-values.ts';

/**
 * Every route at once: groups of routes are called concurrently, each several times, by an admin (whose requests
 * pass and write their own audit entries: changes, sensitive reads, refusals) and by a peer (most are refused, and
 * a refusal is audited as access.denied). No answer may be a 5xx, and the chain must stay one unbroken line. The
 * type of the append function (it takes a transaction, and checks it at run time) is what makes this hold; this
 * test is what would catch a route that found a way around it.
 */
const SEED = 20261208;
const PER_ROUTE = 3;
const ROUTES_AT_ONCE = 8;

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

let t: TestApp;
let admin: Record<string, string>;
let peer: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await tokenFor(t, 'admin');
  peer = await tokenFor(t, 'peer');
}, 60_000);
afterAll(() => t?.close());

it(`every auditing route appends in turn under concurrency (${engine})`, async () => {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const routes = t.routes.filter(
    (r) =>
      r.method !== 'HEAD' &&
      r.url.startsWith('/api/') &&
      // Re-encrypts every secret (a job of its own), and ends the callers' own sessions.
      !['/api/admin/keys/rotate', '/api/auth/sign-out'].includes(r.url),
  );
  const before = Number(
    (await sql<{ n: string }>`select count(*) as n from audit_events`.execute(t.runtime.ctx.db)).rows[0]!.n,
  );

  const sample = (method: string, url: string, i: number) => {
    const op = doc.paths[url.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[method.toLowerCase()];
    // Ids that have the right form and name nothing: the route runs its checks (and audits a refused read) and
    // answers 404, instead of stopping at the parameter's validation.
    const path = url.replace(/:[A-Za-z_]+|\*/g, () => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const schema = op?.requestBody?.content['application/json']?.schema;
    const body = ['GET', 'DELETE'].includes(method)
      ? undefined
      : JSON.stringify(schema ? fc.sample(fromSchema(schema), { seed: SEED + i, numRuns: 1 })[0] : {});
    return { path, body };
  };

  const failures: string[] = [];
  let requests = 0;
  for (let g = 0; g < routes.length; g += ROUTES_AT_ONCE) {
    const group = routes.slice(g, g + ROUTES_AT_ONCE);
    await Promise.all(
      group.flatMap((route) =>
        [admin, peer].flatMap((caller) =>
          Array.from({ length: PER_ROUTE }, async (_, i) => {
            const { path, body } = sample(route.method, route.url, i);
            const res = await t.app.inject({
              method: route.method as 'GET',
              url: path,
              headers: { ...caller, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
              ...(body !== undefined ? { payload: body } : {}),
            });
            requests++;
            if (res.statusCode >= 500)
              failures.push(`${route.method} ${path} -> ${res.statusCode} ${res.body.slice(0, 300)}`);
          }),
        ),
      ),
    );
  }

  const chain = await verifyAuditChain(t.runtime.ctx.db);
  const actions = (
    await sql<{ action: string }>`select distinct action from audit_events order by action`.execute(t.runtime.ctx.db)
  ).rows.map((r) => r.action);
  console.log(
    `audit concurrency (${engine}): ${requests} requests over ${routes.length} routes, ${chain.entries - before} entries, ` +
      `${actions.length} kinds: ${actions.join(' ')}`,
  );
  expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
  expect(chain.firstBreak).toBeUndefined();
  // Refusals alone give one access.denied per peer request to a route the peer may not use.
  expect(chain.entries - before).toBeGreaterThan(routes.length);
  expect(actions).toContain('access.denied');
});
