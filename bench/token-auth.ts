// npm run bench:token-auth [-- --requests <n>]: the cost of authenticating an API token, measured as
// token-authenticated `GET /api/auth/me` over real HTTP on 127.0.0.1 (one sequential keep-alive client).
// Prints p50/p99 latency and requests/s; runs on PostgreSQL when DATABASE_URL is set, else on PGlite.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../src/core/audit/index.ts';
import { createApiToken } from '../src/core/auth/api-tokens-service.ts';
import { createUser } from '../src/core/auth/users-service.ts';
import { findUserById } from '../src/core/auth/users-store.ts';
import { buildApp } from '../src/core/http/app.ts';
import { modules } from '../src/modules.ts';
import { openBenchRuntime } from './bench-runtime.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' } } });
const REQUESTS = Number(values.requests);
const WARM_UP = 50;
const work = mkdtempSync(join(tmpdir(), 'accord-bench-token-'));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main() {
  const bench = await openBenchRuntime(work);
  const { ctx } = bench;
  const actor = systemActor('bench');
  try {
    const { user } = await createUser(ctx, actor, { username: 'bench-analyst', role: 'analyst' });
    const owner = await findUserById(ctx.db, user.id);
    const { token } = await createApiToken(ctx, actor, owner!, { name: 'bench', scopes: [] });
    const { app } = await buildApp(ctx, modules);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const target = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/auth/me`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { authorization: `Bearer ${token}` };
    const times: number[] = [];
    for (let r = 0; r < REQUESTS + WARM_UP; r++) {
      const t0 = performance.now();
      const status = await getStatus(target, headers, agent);
      const ms = performance.now() - t0;
      if (status !== 200) throw new Error(`GET /api/auth/me answered ${status}`);
      if (r >= WARM_UP) times.push(ms);
    }
    agent.destroy();
    await app.close();
    const total = times.reduce((a, b) => a + b, 0);
    times.sort((a, b) => a - b);
    console.log(
      `bench:token-auth result: engine=${bench.engine} requests=${REQUESTS} ` +
        `p50_ms=${quantile(times, 0.5).toFixed(2)} p99_ms=${quantile(times, 0.99).toFixed(2)} ` +
        `rps=${Math.round(REQUESTS / (total / 1000))}`,
    );
  } finally {
    await bench.close();
  }
}

/** One GET over a kept-alive loopback connection (plain node:http: the outbound guard refuses loopback). */
function getStatus(url: string, headers: Record<string, string>, agent: Agent) {
  return new Promise<number>((resolve, reject) => {
    get(url, { headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    }).on('error', reject);
  });
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
