import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { DetectionEngine } from '../../src/detect/engine/engine.ts';
import type { Hit } from '../../src/detect/record-hits.ts';
import { scanSource, scanStream } from '../../src/detect/scan.ts';
import { importFrom } from '../../src/intel/local-import.ts';
import { repoRoot } from '../support/cli.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { tempDir } from '../support/config.ts';

const data = (f: string) => resolve(repoRoot, 'test/detect/data', f);
let rt: TestRuntime;
let engine: DetectionEngine;
beforeAll(async () => {
  rt = await createTestRuntime();
  await importFrom(rt.ctx, systemActor('test'), { source: resolve(repoRoot, '../shared/data/iocs/pegasus.stix2') });
  engine = new DetectionEngine();
  await engine.refresh(rt.ctx);
}, 60_000);
afterAll(() => rt?.close());

const scan = async (stream: Readable) => {
  const hits: Hit[] = [];
  const stats = await scanStream(engine, stream, 'test', (h) => void hits.push(...h));
  return { hits, stats };
};

describe('telemetry formats, recognised from their first bytes', () => {
  it('Zeek dns.log in TSV: header, unset and empty values, escaped separators, the subject from id.orig_h', async () => {
    const { hits, stats } = await scan(createReadStream(data('dns.log')));
    expect(stats).toMatchObject({ format: 'zeek-tsv', lines: 4, malformed: 1 });
    expect(stats.firstMalformed[0]).toMatchObject({ line: 12 });
    expect(hits.map((h) => [h.subject, h.value, h.field, h.time.toISOString()])).toEqual([
      ['10.0.0.5', 'free247downloads.com', 'query', '2025-11-01T10:00:00.123Z'],
    ]);
  });

  it('Zeek TSV decodes \\x09 inside a value', async () => {
    const text = readFileSync(data('dns.log'), 'utf8').replace(
      'weird\\x09name.example',
      'a\\x09b.free247downloads.com',
    );
    const { hits } = await scan(Readable.from([text]));
    expect(hits.map((h) => h.subject)).toContain('10.0.0.7');
  });

  it('Zeek logs in JSON use the same field names', async () => {
    const lines = [
      {
        ts: 1761991200.5,
        uid: 'C1',
        'id.orig_h': '10.9.9.9',
        'id.resp_h': '192.0.2.80',
        host: 'free247downloads.com',
        uri: '/a',
      },
      {
        ts: 1761991201,
        uid: 'C2',
        'id.orig_h': '10.9.9.9',
        'id.resp_h': '192.0.2.81',
        server_name: 'static.free247downloads.com',
      },
    ];
    const { hits, stats } = await scan(Readable.from([lines.map((l) => JSON.stringify(l)).join('\n')]));
    expect(stats.format).toBe('ndjson');
    expect(hits.map((h) => h.field)).toEqual(['host', 'host+uri', 'server_name']);
  });

  it('OCSF DNS, HTTP, Email and Authentication events', async () => {
    const { hits, stats } = await scan(createReadStream(data('ocsf.ndjson')));
    expect(stats).toMatchObject({ format: 'ocsf', lines: 4, malformed: 0 });
    expect(hits.map((h) => [h.subject, h.key, h.field])).toEqual([
      ['amira@example.org', 'domain-name:value', 'query.hostname'],
      ['amira', 'domain-name:value', 'http_request.url.url_string'],
      ['amira', 'domain-name:value', 'http_request.url.hostname'],
      ['amira@example.org', 'email-addr:value', 'email.from'],
    ]);
  });

  it('CSV with a header, quoted fields spanning lines', async () => {
    const { hits, stats } = await scan(createReadStream(data('proxy.csv')));
    expect(stats).toMatchObject({ format: 'csv', lines: 3, malformed: 0 });
    expect(hits.map((h) => [h.subject, h.field])).toEqual([
      ['omar@example.org', 'url'],
      ['lina@example.org', 'url'],
    ]);
  });

  it('gzip is read transparently', async () => {
    const dir = tempDir();
    const path = resolve(dir, 'dns.log.gz');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, gzipSync(readFileSync(data('dns.log'))));
    const result = await scanSource(rt.ctx, engine, path, { record: false });
    expect(result).toMatchObject({ format: 'zeek-tsv', lines: 4 });
    expect(result.hits).toHaveLength(1);
  });
});
