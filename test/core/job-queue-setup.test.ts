import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open.ts';
import { openRuntime } from '../../src/runtime.ts';
import { databaseUrl } from '../support/env.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

// Replicas of the server, or a CLI command beside it, starting together on a new database all create the job
// queues at once; PostgreSQL used to answer some of them with "deadlock detected", and that process did not start.
let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
beforeAll(async () => {
  shared = await createSharedTestDatabase();
}, 60_000);
afterAll(() => shared?.drop());

it.skipIf(!databaseUrl)(
  'processes starting together on a new database all start',
  async () => {
    const starts = await Promise.allSettled(
      Array.from({ length: 6 }, async () => {
        const database = await openDatabase({
          databaseUrl: shared.childDatabaseUrl,
          dataDir: shared.config.dataDir,
          poolSize: 3,
        });
        try {
          const runtime = await openRuntime(shared.config, { work: false, database });
          await runtime.close();
        } finally {
          await database.close();
        }
      }),
    );
    expect(
      starts.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason)),
    ).toEqual([]);
  },
  60_000,
);
