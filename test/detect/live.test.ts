import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { findDetections } from '../../src/detect/detections.ts';
import { ingestBatch } from '../../src/detect/ingest.ts';
import { startTelemetryConsumer } from '../../src/detect/nats/consumer.ts';
import { retroHunt } from '../../src/detect/retro-hunt.ts';
import { importObjects } from '../../src/intel/service.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { uniqueName } from '../support/env.ts';
import { indicator, relationship, sdo } from '../intel/fixtures.ts';

const telemetryDir = mkdtempSync(join(tmpdir(), 'accord-telemetry-'));
const stream = uniqueName('T').toUpperCase();
let t: TestApp;
const malware = sdo('malware', 'Candiru (test)');
const known = indicator('known-c2.example');

beforeAll(async () => {
  t = await createTestApp([], {
    ACCORD_TELEMETRY_DIR: telemetryDir,
    ACCORD_NATS_URL: 'nats://127.0.0.1:4222',
    ACCORD_NATS_STREAM: stream,
    ACCORD_NATS_SUBJECT: `${stream.toLowerCase()}.>`,
    ACCORD_NATS_CONSUMER: `${stream}-detect`,
  });
  await importObjects(
    t.runtime.ctx,
    systemActor('test'),
    [malware, known, relationship('indicates', known.id, malware.id)],
    'test',
  );
}, 60_000);
afterAll(async () => {
  const nc = await connect({ servers: 'nats://127.0.0.1:4222' });
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => {});
  await nc.close();
  await t?.close();
  rmSync(telemetryDir, { recursive: true, force: true });
});

const batch = (...lines: object[]) => lines.map((l) => JSON.stringify(l)).join('\n');

describe('HTTP ingest', () => {
  it('matches a batch, counts malformed lines, and counts a re-sent batch once', async () => {
    const ingest = await tokenFor(t, 'analyst', ['detect:ingest']);
    const body = [
      batch({ ts: 1_763_000_000, user: 'reporter@example.org', query: 'login.known-c2.example' }),
      '{"ts": oops',
      batch({ ts: 1_763_000_001, user: 'reporter@example.org', query: 'example.net' }),
    ].join('\n');
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/detect/events',
        headers: { ...ingest, 'content-type': 'application/x-ndjson', 'idempotency-key': 'batch-0001' },
        payload: body,
      });
    const first = await post();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      lines: 3,
      malformed: 1,
      first_malformed: [{ line: 2 }],
      hits: 1,
      detections_created: 1,
    });
    const again = await post();
    expect(again.json()).toMatchObject({ hits: 1, detections_created: 0, duplicates: 1 });
  });

  it('needs detect:ingest', async () => {
    const reader = await tokenFor(t, 'auditor');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/detect/events',
      headers: { ...reader, 'content-type': 'application/x-ndjson' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('NATS JetStream', () => {
  it('consumes telemetry; a message redelivered after its detections were committed creates no duplicates', async () => {
    let deliveries = 0;
    const consumer = await startTelemetryConsumer(t.runtime.ctx, async (body, key) => {
      deliveries++;
      await ingestBatch(t.runtime.ctx, body, key, 'nats');
      // The first time, fail after committing, as a process that dies before acknowledging would.
      if (deliveries === 1) throw new Error('simulated crash before the acknowledgement');
    });
    try {
      const nc = await connect({ servers: 'nats://127.0.0.1:4222' });
      await jetstream(nc).publish(
        `${stream.toLowerCase()}.dns`,
        batch({ ts: 1_763_000_100, user: 'editor@example.org', query: 'known-c2.example' }),
      );
      const deadline = Date.now() + 20_000;
      while (deliveries < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await nc.close();
      expect(deliveries).toBe(2);
      const found = await findDetections(t.runtime.ctx, { limit: 10, subject: 'editor@example.org' });
      expect(found).toHaveLength(1);
      expect(found[0]!.count).toBe(1);
      expect(found[0]!.source).toBe('nats');
    } finally {
      await consumer.stop();
    }
  }, 30_000);
});

describe('retro-hunt', () => {
  it('rescans kept telemetry for new indicators only, marking what it finds as retroactive', async () => {
    await retroHunt(t.runtime.ctx); // catches up with the indicators already known
    await ingestBatch(
      t.runtime.ctx,
      Buffer.from(batch({ ts: 1_763_000_200, user: 'lawyer@example.org', query: 'later-found.example' })),
      'http:x',
      'http',
    );
    expect(await findDetections(t.runtime.ctx, { limit: 10, subject: 'lawyer@example.org' })).toHaveLength(0);

    const late = indicator('later-found.example');
    await importObjects(
      t.runtime.ctx,
      systemActor('test'),
      [late, relationship('indicates', late.id, malware.id)],
      'new feed',
    );
    const result = await retroHunt(t.runtime.ctx);
    expect(result.newValues).toBe(1);
    expect(result.created).toHaveLength(1);
    const [d] = await findDetections(t.runtime.ctx, { limit: 10, subject: 'lawyer@example.org' });
    expect(d).toMatchObject({ retroactive: true, source: 'retro-hunt', actor: 'Candiru (test)' });
    expect((await retroHunt(t.runtime.ctx)).created).toHaveLength(0);
  });
});

describe('fields with a domain inside, on the live paths (the index holds domain and address indicators only)', () => {
  it('HTTP ingest and the retro-hunt match URLs, hosts with a port and e-mail senders', async () => {
    const ingest = await tokenFor(t, 'analyst', ['detect:ingest']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/detect/events',
      headers: { ...ingest, 'content-type': 'application/x-ndjson' },
      payload: batch(
        { ts: 1_763_000_300, user: 'editor@example.org', url: 'https://login.known-c2.example:8443/x' },
        { ts: 1_763_000_301, user: 'editor@example.org', host: 'known-c2.example:443' },
        { ts: 1_763_000_302, user: 'editor@example.org', mailfrom: 'ops@known-c2.example' },
      ),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lines: 3, malformed: 0, hits: 3 });

    await retroHunt(t.runtime.ctx);
    await ingestBatch(
      t.runtime.ctx,
      Buffer.from(
        batch(
          { ts: 1_763_000_310, user: 'critic@example.org', url: 'http://[2001:db8::7]:8080/a' },
          { ts: 1_763_000_311, user: 'critic@example.org', host: 'cdn.retro-late.example:8443' },
        ),
      ),
      'http:y',
      'http',
    );
    const late = indicator('retro-late.example');
    const address = indicator('unused', { pattern: "[ipv6-addr:value = '2001:db8::7']" });
    await importObjects(
      t.runtime.ctx,
      systemActor('test'),
      [
        late,
        address,
        relationship('indicates', late.id, malware.id),
        relationship('indicates', address.id, malware.id),
      ],
      'late feed',
    );
    const result = await retroHunt(t.runtime.ctx);
    expect(result).toMatchObject({ newValues: 2, hits: 2 });
  });
});
