import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { AppError } from '../../src/core/errors.ts';
import { ingestObjects } from '../../src/intel/ingest/ingest.ts';
import { importReport, recentImports, searchIndicators } from '../../src/intel/service.ts';
import { sweepAbandonedImports } from '../../src/intel/ingest/import-sweep.ts';
import { beatImport, startImport, sweepSilentImports } from '../../src/intel/store/imports-store.ts';
import { intelDb } from '../../src/intel/store/tables.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { indicator } from './fixtures.ts';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

describe('an import the database stops part-way', () => {
  it('is marked failed with its reason, keeps what it stored, and a second run adds only the rest', async () => {
    const objects = ['one', 'two', 'three', 'four', 'five'].map((n) => indicator(`${n}.stops.example`));
    // A real refusal from the database, in the second batch of two.
    await sql
      .raw(
        `create function refuse_fourth() returns trigger language plpgsql as $$
         begin
           if new.stix_id = '${objects[3]!.id}' then raise exception 'refused by the test trigger'; end if;
           return new;
         end $$`,
      )
      .execute(rt.ctx.db);
    await sql
      .raw('create trigger refuse_fourth before insert on intel_objects for each row execute function refuse_fourth()')
      .execute(rt.ctx.db);
    const actor = systemActor('test');
    const failure = await ingestObjects(rt.ctx, actor, objects, { source: 'stops', format: 'stix', batchSize: 2 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    const error = failure as AppError;
    expect(error.code).toBe('import_failed');
    expect(error.detail).toMatch(/^import failed after 1 batch \(stored 2, refused 0\): .*; what was stored is kept/);
    expect(error.detail).toContain('refused by the test trigger');

    const id = String(error.extra.import_id);
    const row = await importReport(rt.ctx, id);
    expect(row.status).toBe('failed');
    expect(row.error).toContain('refused by the test trigger');
    expect(row.finished_at).not.toBeNull();
    // Counts are those of committed batches only: the refused batch's first object was rolled back with it.
    expect(row.summary).toMatchObject({ received: 5, inserted: 2, duplicates: 0 });
    expect(row.summary.insertedByType).toEqual({ indicator: 2 });
    expect((await searchIndicators(rt.ctx, 'two.stops.example')).length).toBe(1);
    expect((await searchIndicators(rt.ctx, 'three.stops.example')).length).toBe(0);
    const audit = await listAuditEntries(rt.ctx.db, { limit: 5, objectType: 'intel_import', objectId: id });
    expect(audit.map((a) => a.action)).toEqual(['intel.import_failed']);

    await sql.raw('drop trigger refuse_fourth on intel_objects').execute(rt.ctx.db);
    const again = await ingestObjects(rt.ctx, actor, objects, { source: 'stops', format: 'stix', batchSize: 2 });
    expect(again).toMatchObject({ inserted: 3, duplicates: 2 });
    expect((await importReport(rt.ctx, again.importId)).status).toBe('finished');
  });
});

describe('an import stopped on request (Ctrl-C in the CLI)', () => {
  it('finishes the batch being stored, is marked interrupted with what it kept, and a second run adds the rest', async () => {
    const objects = Array.from({ length: 6000 }, (_, i) => indicator(`n${i}.interrupted.example`));
    const controller = new AbortController();
    function* source() {
      for (const [i, o] of objects.entries()) {
        if (i === 5500) controller.abort(new Error('stopped by the test'));
        yield o;
      }
    }
    const actor = systemActor('test');
    const options = { source: 'interrupted', format: 'stix', batchSize: 500, threads: 0 };
    const failure = await ingestObjects(rt.ctx, actor, source(), { ...options, signal: controller.signal }).then(
      () => undefined,
      (error: unknown) => error as AppError,
    );
    expect(failure?.code).toBe('import_interrupted');
    const id = String(failure!.extra.import_id);
    const kept = Number(failure!.extra.inserted);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(6000);

    const row = await importReport(rt.ctx, id);
    expect(row.status).toBe('interrupted');
    expect(row.error).toBe('stopped by the test');
    expect(row.summary.inserted).toBe(kept);
    const audit = await listAuditEntries(rt.ctx.db, { limit: 5, objectType: 'intel_import', objectId: id });
    expect(audit.map((a) => a.action)).toEqual(['intel.import_interrupted']);

    const again = await ingestObjects(rt.ctx, actor, objects, options);
    expect(again).toMatchObject({ inserted: 6000 - kept, duplicates: kept });
  });
});

describe('an import whose process died (crash, kill, power cut)', () => {
  it('reads as interrupted once its heartbeat has been silent for two minutes, and as running while it beats', async () => {
    const db = intelDb(rt.ctx.db);
    const start = (id: string) => startImport(db, { id, source: 'a file', format: 'stix', actor_label: 'test' });
    const dead = '00000000-0000-4000-8000-00000000dead';
    const alive = '00000000-0000-4000-8000-0000000a11fe';
    await start(dead);
    await start(alive);
    const silence = (id: string, minutes: number) =>
      db
        .updateTable('intel_imports')
        .set({ heartbeat_at: sql<Date>`now() - make_interval(mins => ${minutes})` })
        .where('id', '=', id)
        .execute();
    await silence(dead, 3);
    await silence(alive, 1);

    const status = async (id: string) => (await recentImports(rt.ctx)).find((r) => r.id === id)?.status;
    expect(await status(dead)).toBe('interrupted');
    expect((await importReport(rt.ctx, dead)).status).toBe('interrupted');
    expect(await status(alive)).toBe('running');
    // A process that was only paused (a stopped terminal, a suspended VM) and beats again is running again.
    await beatImport(db, dead);
    expect(await status(dead)).toBe('running');
  });
});

describe('progress as batches commit', () => {
  it("the import's row counts every committed batch, in the batch's own transaction", async () => {
    const objects = Array.from({ length: 12_000 }, (_, i) => indicator(`n${i}.progress.example`));
    const seen: { inserted: number; batches: number; stored: number }[] = [];
    async function* source() {
      for (const [i, o] of objects.entries()) {
        if (i > 0 && i % 1500 === 0) {
          // One statement, one snapshot: the row's counts and the objects stored, as another reader sees them.
          const { rows } = await sql<{ inserted: number; batches: number; stored: number }>`
            select (i.summary->>'inserted')::int as inserted, (i.summary->>'batches')::int as batches,
              (select count(*) from intel_objects o where o.import_id = i.id) as stored
            from intel_imports i where i.source = 'progress'`.execute(rt.ctx.db);
          seen.push(rows[0]!);
        }
        yield o;
      }
    }
    const report = await ingestObjects(rt.ctx, systemActor('test'), source(), {
      source: 'progress',
      format: 'stix',
      batchSize: 500,
      threads: 0,
    });
    expect(report).toMatchObject({ inserted: 12_000, batches: 24 });
    for (const s of seen) expect(s.inserted).toBe(Number(s.stored));
    // Reading runs a few chunks ahead of storing: the later looks saw batches committed.
    expect(seen.filter((s) => s.batches > 0).length).toBeGreaterThan(2);
    expect((await importReport(rt.ctx, report.importId)).summary).toMatchObject({ inserted: 12_000, batches: 24 });
  });
});

describe('the sweep of imports whose process died', () => {
  it('marks interrupted, with the counts of their last batch, only imports silent past their lease', async () => {
    const db = intelDb(rt.ctx.db);
    const dead = '00000000-0000-4000-8000-0000000dead2';
    const alive = '00000000-0000-4000-8000-000000a11fe2';
    for (const id of [dead, alive])
      await startImport(db, { id, source: 'a file', format: 'stix', actor_label: 'test' });
    const counts = { received: 12_000, inserted: 10_000, duplicates: 0, rejected: 12, batches: 2 };
    await db
      .updateTable('intel_imports')
      .set({ summary: JSON.stringify(counts), heartbeat_at: sql<Date>`now() - interval '3 minutes'` })
      .where('id', '=', dead)
      .execute();
    await db
      .updateTable('intel_imports')
      .set({ heartbeat_at: sql<Date>`now() - interval '1 minute'` })
      .where('id', '=', alive)
      .execute();

    const swept = (await sweepAbandonedImports(rt.ctx, 'silent')).map((r) => r.id);
    expect(swept).toContain(dead);
    expect(swept).not.toContain(alive);
    const row = await importReport(rt.ctx, dead);
    expect(row).toMatchObject({ status: 'interrupted', summary: counts });
    expect(row.error).toMatch(/^its process stopped without ending it \(last sign of life \S+Z\)$/);
    expect(row.finished_at).not.toBeNull();
    expect((await importReport(rt.ctx, alive)).status).toBe('running');
    const audit = await listAuditEntries(rt.ctx.db, { limit: 5, objectType: 'intel_import', objectId: dead });
    expect(audit.map((a) => a.action)).toEqual(['intel.import_interrupted']);
    // Once marked, a heartbeat from a process that was only paused does not bring it back.
    await beatImport(db, dead);
    expect((await importReport(rt.ctx, dead)).status).toBe('interrupted');
  });

  it('an import taken for dead while it still runs has its next batch rolled back and fails saying why', async () => {
    const objects = Array.from({ length: 2500 }, (_, i) => indicator(`n${i}.orphaned.example`));
    async function* source() {
      for (const [i, o] of objects.entries()) {
        // As if this process had been paused past its lease and another had swept it.
        if (i === 1200) await sweepSilentImports(intelDb(rt.ctx.db), 'all');
        yield o;
      }
    }
    const failure = await ingestObjects(rt.ctx, systemActor('test'), source(), {
      source: 'orphaned',
      format: 'stix',
      batchSize: 500,
      threads: 0,
    }).then(
      () => undefined,
      (error: unknown) => error as AppError,
    );
    expect(failure?.code).toBe('import_failed');
    expect(failure?.detail).toMatch(/was marked interrupted while it was still running/);
    const id = String(failure!.extra.import_id);
    const row = await importReport(rt.ctx, id);
    expect(row.status).toBe('failed');
    const { rows } = await sql<{ n: number }>`select count(*) as n from intel_objects where import_id = ${id}`.execute(
      rt.ctx.db,
    );
    expect(row.summary.inserted).toBe(Number(rows[0]!.n));
    expect(row.summary.inserted).toBeLessThan(2500);
  });
});
