import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hit } from '../record-hits.ts';
import { scanStream } from '../scan.ts';
import { DetectionEngine } from './engine.ts';
import { IndicatorIndex } from './indicator-index.ts';
import { scanFileParallel } from './parallel-scan.ts';

const dir = mkdtempSync(join(tmpdir(), 'accord-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const index = new IndicatorIndex();
index.add({ indicatorId: 'indicator--d', key: 'domain-name:value', value: 'evil.example' });
index.add({ indicatorId: 'indicator--net', key: 'ipv4-addr:value', value: '203.0.113.0/24' });

// 20,000 lines with hits, blank lines and malformed lines spread through them.
const lines: string[] = [];
for (let i = 0; i < 20_000; i++) {
  if (i % 997 === 0) lines.push('');
  else if (i % 1_499 === 0) lines.push('{"query": broken');
  else if (i % 701 === 0) lines.push(`{"user":"u${i}","query":"a${i}.evil.example","ts":${1_700_000_000 + i}}`);
  else if (i % 503 === 0) lines.push(`{"user":"u${i}","dst_ip":"203.0.113.${i % 256}"}`);
  else lines.push(`{"user":"u${i}","query":"host${i}.benign.example","ts":${1_700_000_000 + i}}`);
}
const path = join(dir, 'events.ndjson');
writeFileSync(path, `${lines.join('\n')}\n`);

const keyOf = (h: Hit) => `${h.eventKey} ${h.indicatorId} ${h.value} ${h.subject}`;

describe('scanning a file on several threads', () => {
  it('finds what one thread finds, with the same line numbers, event keys and malformed lines', async () => {
    const single: Hit[] = [];
    const one = await scanStream(
      new DetectionEngine(index),
      createReadStream(path),
      'k',
      (h) => void single.push(...h),
    );
    const parallel: Hit[] = [];
    const many = await scanFileParallel(path, new DetectionEngine(index), 'ndjson', {
      sourceKey: 'k',
      onHits: (h) => void parallel.push(...h),
      threads: 2,
      rangeBytes: 64 * 1024,
      callingThread: false,
    });
    // Both threads start, but on a loaded machine one may drain the shared queue before the other is up.
    expect(many.workers).toBeGreaterThanOrEqual(1);
    expect(many.workers).toBeLessThanOrEqual(2);
    expect(single.length).toBeGreaterThan(40);
    expect(parallel.map(keyOf)).toEqual(single.map(keyOf));
    expect({ lines: many.lines, malformed: many.malformed, firstMalformed: many.firstMalformed }).toEqual({
      lines: one.lines,
      malformed: one.malformed,
      firstMalformed: one.firstMalformed,
    });
  }, 30_000);
});
