// npm run bench:taxii [-- --count <n>]: loads <n> objects (default 1,000,000) into a TAXII collection, then over
// real HTTP on 127.0.0.1 fetches 1,000-object pages at the start, middle and end of the collection and prints
// p50/p99 latency per position and requests/s. Keyset pagination should make the end page cost what the first does.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { Agent, get } from 'node:http';
import { systemActor } from '../src/core/audit/index.ts';
import { createApiToken } from '../src/core/auth/api-tokens-service.ts';
import { createUser } from '../src/core/auth/users-service.ts';
import { findUserById } from '../src/core/auth/users-store.ts';
import { buildApp } from '../src/core/http/app.ts';
import { modules } from '../src/modules.ts';
import { openBenchRuntime } from './bench-runtime.ts';
import { createCollection } from '../src/share/service.ts';
import { toVersion } from '../src/share/publish.ts';
import { appendVersions } from '../src/share/store/objects-store.ts';
import { shareDb } from '../src/share/store/tables.ts';
import { encodeNext } from '../src/share/taxii/cursor.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000000' }, requests: { type: 'string', default: '40' } },
});
const COUNT = Number(values.count);
const REQUESTS = Number(values.requests);
const PAGE = 1000;
const log = (line: string) => process.stderr.write(`${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'accord-bench-taxii-'));
const actor = systemActor('bench');

const indicatorAt = (i: number) => {
  const hex = i.toString(16).padStart(12, '0');
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${hex}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    pattern: `[domain-name:value = 'c2-${i.toString(36)}.example']`,
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00.000Z',
    object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
  };
};

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main() {
  const bench = await openBenchRuntime(work);
  const { ctx } = bench;
  try {
    const { user } = await createUser(ctx, actor, { username: 'bench-peer', role: 'peer', password: randomSecret() });
    const owner = await findUserById(ctx.db, user.id);
    const { token } = await createApiToken(ctx, actor, owner!, { name: 'bench', scopes: [] });
    const collection = await createCollection(ctx, actor, {
      title: 'bench',
      readGroups: ['user:bench-peer'],
      writeGroups: [],
    });

    log(`loading ${COUNT.toLocaleString()} objects (${PAGE} rows per statement)…`);
    const started = performance.now();
    for (let i = 0; i < COUNT; i += 10 * PAGE) {
      await ctx.db.transaction().execute(async (trx) => {
        for (let j = i; j < Math.min(i + 10 * PAGE, COUNT); j += PAGE) {
          const batch = Array.from({ length: Math.min(PAGE, COUNT - j) }, (_, k) => toVersion(indicatorAt(j + k)));
          await appendVersions(shareDb(trx), collection.id, batch);
        }
      });
      if ((i / (10 * PAGE)) % 10 === 0) log(`  ${i.toLocaleString()} loaded`);
    }
    const loadSeconds = (performance.now() - started) / 1000;
    log(`loaded in ${loadSeconds.toFixed(1)} s (${Math.round(COUNT / loadSeconds).toLocaleString()} rows/s)`);
    await sql`analyze share_objects`.execute(ctx.db);
    const { lo, hi } = await shareDb(ctx.db)
      .selectFrom('share_objects')
      .select((eb) => [eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi')])
      .where('collection_id', '=', collection.id)
      .executeTakeFirstOrThrow();

    const { app } = await buildApp(ctx, modules);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const headers = {
      accept: 'application/taxii+json;version=2.1',
      authorization: `Basic ${Buffer.from(`bench-peer:${token}`).toString('base64')}`,
    };
    const positions = {
      first: undefined,
      middle: encodeNext(Number(lo) + Math.floor(COUNT / 2) - 1),
      last: encodeNext(Number(hi) - PAGE),
    } as const;

    const results: Record<string, { p50: number; p99: number }> = {};
    let total = 0;
    let totalMs = 0;
    for (const [name, next] of Object.entries(positions)) {
      const path = `${base}/taxii2/api1/collections/${collection.id}/objects/?limit=${PAGE}${next ? `&next=${next}` : ''}`;
      const times: number[] = [];
      for (let r = 0; r < REQUESTS + 3; r++) {
        const t0 = performance.now();
        const res = await fetchPage(path, headers, agent);
        const body = JSON.parse(res.body) as { objects?: unknown[] };
        const ms = performance.now() - t0;
        if (res.statusCode !== 200 || body.objects?.length !== PAGE) {
          throw new Error(`${name}: status ${res.statusCode}, ${body.objects?.length} objects`);
        }
        if (r < 3) continue; // warm-up
        times.push(ms);
        totalMs += ms;
        total++;
      }
      times.sort((a, b) => a - b);
      results[name] = { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
      log(`${name.padEnd(6)} page: p50 ${results[name]!.p50.toFixed(1)} ms, p99 ${results[name]!.p99.toFixed(1)} ms`);
    }
    agent.destroy();
    await app.close();
    const f = results.first!.p50;
    const m = results.middle!.p50;
    const l = results.last!.p50;
    const rps = Math.round(total / (totalMs / 1000));
    log(`engine: ${bench.engine}; target: last page no slower than 1.5× the first`);
    console.log(
      `bench:taxii result: first_p50_ms=${f.toFixed(1)} middle_p50_ms=${m.toFixed(1)} last_p50_ms=${l.toFixed(1)} last_over_first=${(l / f).toFixed(2)} rps=${rps}`,
    );
  } finally {
    await bench.close();
  }
}

/** One GET over a kept-alive loopback connection (plain node:http: the outbound guard refuses loopback). */
function fetchPage(url: string, headers: Record<string, string>, agent: Agent) {
  return new Promise<{ statusCode: number; body: string }>((resolve, reject) => {
    get(url, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function randomSecret() {
  return `${randomBytes(18).toString('base64url')}Aa1!`;
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
