import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { findObjects, getObject, importObjects, objectContext, searchIndicators } from '../../src/intel/service.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { indicator, later, relationship, sdo, T0, TLP_AMBER, TLP_RED } from './fixtures.ts';

const actor = systemActor('test');
let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

describe('bad objects are refused one by one, with a reason; the rest are kept', () => {
  it('reports each bad object precisely', async () => {
    const good = indicator('kept.example');
    const report = await importObjects(
      rt.ctx,
      actor,
      [
        good,
        { ...indicator('x.example'), id: 'indicator--not-a-uuid' },
        { ...indicator('y.example'), created: 'yesterday' },
        { ...indicator('z.example'), pattern: "[domain-name:value = 'unterminated]" },
        { ...indicator('w.example'), spec_version: '2.0' },
        relationship('indicates', good.id, 'evil.example'),
        {
          ...indicator('m.example'),
          object_marking_refs: ['marking-definition--00000000-1111-4222-8333-444444444444'],
        },
        'not an object',
      ],
      'test',
    );
    expect(report.inserted).toBe(1);
    expect(report.rejectedCount).toBe(7);
    const reasons = report.rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/^id "indicator--not-a-uuid" must end in an RFC 4122 UUID/);
    expect(reasons[1]).toMatch(/created/);
    expect(reasons[2]).toMatch(/pattern: .*position \d+/);
    expect(reasons[3]).toMatch(/spec_version/);
    expect(reasons[4]).toMatch(/target_ref/);
    expect(reasons[6]).toMatch(/marking-definition--00000000-1111-4222-8333-444444444444 is not a known marking/);
    // The object with an unknown marking is judged last: its definition might have come later in the stream.
    expect(report.rejected.map((r) => r.record)).toEqual(['1', '2', '3', '4', '5', '7', '6']);
    expect(reasons[5]).toMatch(/must be a JSON object/);
    expect((await searchIndicators(rt.ctx, 'kept.example')).length).toBe(1);
  });

  it('accepts a marking definition that comes after the objects using it', async () => {
    const marking = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--0c5f1a3e-9f0b-4c7d-8a41-3b2f0f6a9d11',
      created: T0,
      name: 'Partner only',
      definition_type: 'statement',
      definition: { statement: 'Shared with Accord partners only' },
    };
    const marked = indicator('late-marking.example', { object_marking_refs: [marking.id] });
    const report = await importObjects(rt.ctx, actor, [marked, marking], 'test');
    expect(report.rejected).toEqual([]);
    expect(report.inserted).toBe(2);
  });
});

describe('custom objects', () => {
  it('are stored whatever their custom properties hold, and do not fail the batch they are in', async () => {
    const custom = {
      type: 'x-acme-sensor',
      spec_version: '2.1',
      id: `x-acme-sensor--${randomUUID()}`,
      created: T0,
      modified: T0,
      // Names of columns the store fills for standard objects, with values no column could take.
      valid_from: 'soon',
      valid_until: 42,
      name: 'tab\tnew\nline \\ ünïcode',
    };
    const kept = indicator('next-to-custom.example');
    const report = await importObjects(rt.ctx, actor, [custom, kept], 'test');
    expect(report.rejected).toEqual([]);
    expect(report.inserted).toBe(2);
    const [stored] = await getObject(rt.ctx, custom.id);
    expect(stored!.object).toEqual(custom);
    expect(stored).toMatchObject({ name: custom.name, valid_from: null, valid_until: null });
  });
});

describe('versions', () => {
  it('keeps every version and serves the newest; re-import and older versions change nothing', async () => {
    const v1 = indicator('versioned.example', { name: 'v1' });
    const v2 = { ...v1, modified: later(10), name: 'v2' };
    await importObjects(rt.ctx, actor, [v1], 'test');
    await importObjects(rt.ctx, actor, [v2], 'test');
    const older = await importObjects(rt.ctx, actor, [v1], 'test');
    expect(older.inserted).toBe(0);
    expect(older.duplicates).toBe(1);
    const [latest] = await getObject(rt.ctx, v1.id);
    expect(latest!.object.name).toBe('v2');
    expect(await getObject(rt.ctx, v1.id, 'all')).toHaveLength(2);
    expect((await getObject(rt.ctx, v1.id, T0))[0]!.object.name).toBe('v1');
  });

  it('an older version arriving after a newer one is kept as history only', async () => {
    const v1 = indicator('history.example', { name: 'v1' });
    const v2 = { ...v1, modified: later(5), name: 'v2' };
    await importObjects(rt.ctx, actor, [v2], 'test');
    const report = await importObjects(rt.ctx, actor, [v1], 'test');
    expect(report.olderVersions).toBe(1);
    expect((await getObject(rt.ctx, v1.id))[0]!.object.name).toBe('v2');
  });

  it('one batch: repeats, one instant written two ways, microsecond versions, digits the store rounds', async () => {
    const v1 = indicator('batch-versions.example', { name: 'v1', modified: '2026-01-01T00:00:00.000Z' });
    const report = await importObjects(
      rt.ctx,
      actor,
      [
        v1,
        { ...v1 },
        // The same instant as v1, written with more digits: the same version.
        { ...v1, modified: '2026-01-01T00:00:00.000000Z', name: 'same instant' },
        // A microsecond later: a version of its own.
        { ...v1, modified: '2026-01-01T00:00:00.000001Z', name: 'v2' },
        // More digits than the store keeps: the database rounds them (to .000001, v2's instant; to .000002).
        { ...v1, modified: '2026-01-01T00:00:00.0000009Z', name: 'rounds to v2' },
        { ...v1, modified: '2026-01-01T00:00:00.0000016Z', name: 'v3' },
      ],
      'test',
    );
    expect(report.rejected).toEqual([]);
    expect(report.inserted).toBe(3);
    expect(report.duplicates).toBe(3);
    expect(report.olderVersions).toBe(2);
    const versions = await getObject(rt.ctx, v1.id, 'all');
    expect(versions.map((v) => v.object.name).sort()).toEqual(['v1', 'v2', 'v3']);
    expect((await getObject(rt.ctx, v1.id))[0]!.object.name).toBe('v3');
    // Importing them again, in another batch, adds nothing and keeps v2 as the latest.
    const again = await importObjects(rt.ctx, actor, [v1, { ...v1, modified: '2026-01-01T00:00:00.000001Z' }], 'test');
    expect(again).toMatchObject({ inserted: 0, duplicates: 2 });
    expect((await getObject(rt.ctx, v1.id))[0]!.object.name).toBe('v3');
    expect(await searchIndicators(rt.ctx, 'batch-versions.example')).toHaveLength(1);
  });

  it('honours revoked: a revoked indicator no longer matches and is not listed', async () => {
    const v1 = indicator('revoked.example');
    await importObjects(rt.ctx, actor, [v1], 'test');
    expect(await searchIndicators(rt.ctx, 'revoked.example')).toHaveLength(1);
    await importObjects(rt.ctx, actor, [{ ...v1, modified: later(1), revoked: true }], 'test');
    expect(await searchIndicators(rt.ctx, 'revoked.example')).toHaveLength(0);
    const listed = await findObjects(rt.ctx, { type: 'indicator', limit: 1000 });
    expect(listed.objects.map((o) => o.stix_id)).not.toContain(v1.id);
    const withRevoked = await findObjects(rt.ctx, { type: 'indicator', includeRevoked: true, limit: 1000 });
    expect(withRevoked.objects.map((o) => o.stix_id)).toContain(v1.id);
  });
});

describe('markings', () => {
  it('stores object and granular markings exactly and records the strictest TLP', async () => {
    const obj = indicator('marked.example', {
      description: 'sensitive context',
      object_marking_refs: [TLP_AMBER],
      granular_markings: [{ marking_ref: TLP_RED, selectors: ['description'] }],
    });
    await importObjects(rt.ctx, actor, [obj], 'test');
    const [stored] = await getObject(rt.ctx, obj.id);
    expect(stored!.object).toEqual(obj);
    expect(stored!.tlp).toBe('amber');
    expect(stored!.has_granular_markings).toBe(true);
  });
});

describe('relationships', () => {
  it('a Pegasus domain leads to the malware, then to NSO Group once an analyst adds the link', async () => {
    const pegasus = sdo('malware', 'Pegasus (test)');
    const domain = indicator('pegasus-test.example');
    await importObjects(rt.ctx, actor, [pegasus, domain, relationship('indicates', domain.id, pegasus.id)], 'feed');
    let context = await objectContext(rt.ctx, domain.id);
    expect(context.attribution.map((a) => a.name)).toEqual(['Pegasus (test)']);

    const nso = sdo('intrusion-set', 'NSO Group (test)', { aliases: ['Q Cyber (test)'] });
    const actorObject = sdo('threat-actor', 'NSO Group Technologies (test)', { threat_actor_types: ['spy'] });
    await importObjects(
      rt.ctx,
      actor,
      [
        nso,
        actorObject,
        relationship('uses', nso.id, pegasus.id),
        relationship('attributed-to', nso.id, actorObject.id),
      ],
      'analyst',
    );
    context = await objectContext(rt.ctx, domain.id);
    expect(context.attribution.map((a) => [a.type, a.name, a.via])).toEqual([
      ['malware', 'Pegasus (test)', 'indicates'],
      ['intrusion-set', 'NSO Group (test)', 'used-by'],
      ['threat-actor', 'NSO Group Technologies (test)', 'attributed-to'],
    ]);
    for (const name of ['NSO Group Technologies (test)', 'q cyber (test)', 'Pegasus (test)']) {
      const page = await findObjects(rt.ctx, { type: 'indicator', actor: name });
      expect(
        page.objects.map((o) => o.stix_id),
        name,
      ).toEqual([domain.id]);
    }
  });
});
