import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { findDetections, revealDetection } from '../../src/detect/detections.ts';
import { recordHits, type Hit } from '../../src/detect/record-hits.ts';
import { importObjects } from '../../src/intel/service.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { indicator, relationship, sdo } from '../intel/fixtures.ts';

let rt: TestRuntime;
const malware = sdo('malware', 'Predator (test)');
const domain = indicator('predator-test.example');
const fold = { source: 'scan' as const, foldWindowMs: 60 * 60_000 };
const hit = (minute: number, extra: Partial<Hit> = {}): Hit => ({
  subject: 'journalist@example.org',
  time: new Date(Date.UTC(2026, 10, 1, 10, minute)),
  indicatorId: domain.id,
  key: 'domain-name:value',
  value: 'predator-test.example',
  field: 'query',
  eventKey: `file.ndjson:${minute}`,
  ...extra,
});

beforeAll(async () => {
  rt = await createTestRuntime();
  await importObjects(
    rt.ctx,
    systemActor('test'),
    [malware, domain, relationship('indicates', domain.id, malware.id)],
    'test',
  );
}, 60_000);
afterAll(() => rt?.close());

describe('recording hits as detections', () => {
  it('folds hits of the same person and indicator within the window, with count and first/last seen', async () => {
    const result = await recordHits(rt.ctx, [hit(0), hit(30), hit(5)], fold);
    expect(result.created).toHaveLength(1);
    expect(result.folded).toBe(2);
    const [d] = await findDetections(rt.ctx, { limit: 10 });
    expect(d).toMatchObject({ count: 3, actor: 'Predator (test)', retroactive: false });
    expect(d!.first_seen).toBe('2026-11-01T10:00:00.000Z');
    expect(d!.last_seen).toBe('2026-11-01T10:30:00.000Z');
    expect(d!.attribution[0]).toMatchObject({ type: 'malware', name: 'Predator (test)', via: 'indicates' });
  });

  it('a redelivered event is not counted again', async () => {
    const again = await recordHits(rt.ctx, [hit(0), hit(30)], fold);
    expect(again).toEqual({ created: [], folded: 0, duplicates: 2 });
    const [d] = await findDetections(rt.ctx, { limit: 10 });
    expect(d!.count).toBe(3);
  });

  it('outside the window, or for another person, a new detection starts', async () => {
    const later = await recordHits(rt.ctx, [hit(0, { time: new Date(Date.UTC(2026, 10, 2)), eventKey: 'x:1' })], fold);
    const other = await recordHits(rt.ctx, [hit(1, { subject: 'activist@example.org', eventKey: 'x:2' })], fold);
    expect(later.created).toHaveLength(1);
    expect(other.created).toHaveLength(1);
    expect(await findDetections(rt.ctx, { limit: 10, subject: 'Journalist@Example.org' })).toHaveLength(2);
  });

  it('keeps the subject encrypted at rest and audits every reveal', async () => {
    const raw = await sql<{ subject_enc: string }>`select subject_enc from detect_detections`.execute(rt.ctx.db);
    for (const row of raw.rows) {
      expect(row.subject_enc).toMatch(/^enc:v1:/);
      expect(row.subject_enc).not.toContain('example.org');
    }
    const [d] = await findDetections(rt.ctx, { limit: 1 });
    expect(JSON.stringify(d)).not.toContain('example.org');
    const analyst = { type: 'user' as const, id: null, label: 'analyst-1' };
    const revealed = await revealDetection(rt.ctx, analyst, d!.id, 'confirming the account to warn');
    expect(revealed.subject).toMatch(/@example\.org$/);
    const audit = await listAuditEntries(rt.ctx.db, { limit: 5, action: 'detection.subject_revealed' });
    expect(audit[0]).toMatchObject({ actor_label: 'analyst-1', object_id: d!.id });
    expect(audit[0]?.details).toMatchObject({ reason: 'confirming the account to warn' });
    const created = await listAuditEntries(rt.ctx.db, { limit: 50, action: 'detection.created' });
    expect(JSON.stringify(created)).not.toContain('example.org');
  });
});
