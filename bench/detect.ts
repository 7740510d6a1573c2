// npm run bench:detect: the detection engine against a naive baseline, on one core and on all cores, with
// generated indicators and DNS telemetry (see issue 5 for the shape of the data).
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DetectionEngine } from '../src/detect/engine/engine.ts';
import type { TelemetryFormat } from '../src/detect/engine/formats.ts';
import { IndicatorIndex, type IndexEntry } from '../src/detect/engine/indicator-index.ts';
import { scanFileParallel } from '../src/detect/engine/parallel-scan.ts';
import { scanStream } from '../src/detect/scan.ts';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '3000000' }, indicators: { type: 'string', default: '100000' } },
});
const EVENTS = Number(values.events);
const INDICATORS = Number(values.indicators);
const dir = mkdtempSync(join(tmpdir(), 'accord-bench-detect-'));
const log = (line: string) => process.stderr.write(`${line}\n`);
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));

// Deterministic pseudo-random numbers, so every run scans the same data.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

const indicatorDomain = (i: number) => `c2-${i.toString(36)}.mal${i % 9973}.net`;
const entries: IndexEntry[] = Array.from({ length: INDICATORS }, (_, i) => ({
  indicatorId: `indicator--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
  key: 'domain-name:value',
  value: indicatorDomain(i),
}));

async function write(path: string, lines: (i: number) => string, count: number, header = '') {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  if (header) out.write(header);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${lines(i)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

// 0.05% of events hit an indicator (some as subdomains), 30% carry a www. prefix.
function query(i: number): string {
  const r = random();
  if (r < 0.0005) {
    const d = indicatorDomain(Math.floor(random() * INDICATORS));
    return random() < 0.5 ? d : `cdn.${d}`;
  }
  const name = `host${(i * 7919) % 200_003}.site${i % 5003}.example.com`;
  return random() < 0.3 ? `www.${name}` : name;
}
const ts = (i: number) => (1_763_000_000 + i / 1000).toFixed(3);
const user = (i: number) => `user${(i * 31) % 100_000}@example.org`;

async function baseline(path: string): Promise<{ ms: number; detections: number }> {
  const set = new Set(entries.map((e) => e.value));
  const started = performance.now();
  let detections = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (!line) continue;
    const record = JSON.parse(line) as { query?: string };
    let name = record.query ?? '';
    for (;;) {
      if (set.has(name)) {
        detections++;
        break;
      }
      const dot = name.indexOf('.');
      if (dot < 0) break;
      name = name.slice(dot + 1);
    }
  }
  return { ms: performance.now() - started, detections };
}

async function single(
  path: string,
  format: TelemetryFormat,
): Promise<{ ms: number; detections: number; lines: number }> {
  const index = new IndicatorIndex();
  for (const e of entries) index.add(e);
  const engine = new DetectionEngine(index);
  const started = performance.now();
  let detections = 0;
  const stats = await scanStream(
    engine,
    createReadStream(path, { highWaterMark: 1 << 20 }),
    'bench',
    (hits) => void (detections += hits.length),
    undefined,
    format,
  );
  return { ms: performance.now() - started, detections, lines: stats.lines };
}

function indexBuild() {
  const gc = (globalThis as { gc?: () => void }).gc;
  const mixed: IndexEntry[] = [];
  for (let i = 0; i < 1_000_000; i++) {
    const id = `indicator--00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
    const k = i % 6;
    const value =
      k === 0
        ? `d${i.toString(36)}.example${i % 97}.com`
        : k === 1
          ? `${10 + ((i >>> 16) & 127)}.${(i >>> 8) & 255}.${i & 255}.${i % 251}`
          : k === 2
            ? i.toString(16).padStart(64, '0')
            : k === 3
              ? `https://u${i}.example.net/p/${i}`
              : k === 4
                ? `a${i}@mail${i % 89}.example.org`
                : `${(i % 200) + 1}.${(i >>> 8) & 255}.0.0/16`;
    const key = [
      'domain-name:value',
      'ipv4-addr:value',
      "file:hashes.'SHA-256'",
      'url:value',
      'email-addr:value',
      'ipv4-addr:value',
    ][k]!;
    mixed.push({ indicatorId: id, key, value });
  }
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new IndicatorIndex();
  for (const e of mixed) index.add(e);
  const ms = performance.now() - started;
  gc?.();
  const bytes = (process.memoryUsage().heapUsed - before) / mixed.length;
  return { ms, bytes: gc ? Math.round(bytes) : null, size: index.size };
}

try {
  const ndjson = join(dir, 'dns.ndjson');
  log(`generating ${INDICATORS.toLocaleString()} indicators and ${EVENTS.toLocaleString()} DNS events…`);
  await write(
    ndjson,
    (i) =>
      JSON.stringify({
        ts: Number(ts(i)),
        user: user(i),
        query: query(i),
        qtype: 'A',
        rcode: 'NOERROR',
      }),
    EVENTS,
  );
  log(`  ${(statSync(ndjson).size / EVENTS).toFixed(0)} bytes per event`);

  const base = await baseline(ndjson);
  log(
    `baseline (readline + JSON.parse + Set): ${rate(EVENTS, base.ms).toLocaleString()} events/s, ${base.detections} detections`,
  );
  const one = await single(ndjson, 'ndjson');
  log(`accord, one core: ${rate(EVENTS, one.ms).toLocaleString()} events/s, ${one.detections} detections`);
  const allIndex = new IndicatorIndex();
  for (const e of entries) allIndex.add(e);
  let allHits = 0;
  const startedAll = performance.now();
  const all = await scanFileParallel(ndjson, new DetectionEngine(allIndex), 'ndjson', {
    sourceKey: 'bench',
    onHits: (hits) => void (allHits += hits.length),
  });
  const allMs = performance.now() - startedAll;
  log(
    `accord, all cores (${all.workers} threads on ${availableParallelism()} cores, worker start-up included): ${rate(EVENTS, allMs).toLocaleString()} events/s, ${allHits} detections`,
  );

  const zeekEvents = Math.min(EVENTS, 1_000_000);
  const zeek = join(dir, 'dns.log');
  const header =
    '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tqtype_name\trcode_name\n#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tstring\tstring\n';
  await write(
    zeek,
    (i) =>
      [
        ts(i),
        `C${i}`,
        `10.${i % 250}.${(i >> 8) % 250}.${i % 200}`,
        '51000',
        '192.0.2.53',
        '53',
        'udp',
        query(i),
        'A',
        'NOERROR',
      ].join('\t'),
    zeekEvents,
    header,
  );
  const zeekRun = await single(zeek, 'zeek-tsv');
  log(`accord, Zeek dns.log TSV, one core: ${rate(zeekRun.lines, zeekRun.ms).toLocaleString()} events/s`);
  const ocsf = join(dir, 'dns.ocsf.ndjson');
  await write(
    ocsf,
    (i) =>
      JSON.stringify({
        class_uid: 4003,
        activity_id: 1,
        time: Math.round(Number(ts(i)) * 1000),
        query: { hostname: query(i), type: 'A' },
        src_endpoint: { ip: `10.0.${i % 250}.1` },
        actor: { user: { name: user(i) } },
      }),
    zeekEvents,
  );
  const ocsfRun = await single(ocsf, 'ocsf');
  log(`accord, OCSF DNS Activity, one core: ${rate(ocsfRun.lines, ocsfRun.ms).toLocaleString()} events/s`);

  const build = indexBuild();
  log(
    `index of 1,000,000 mixed indicators: built in ${(build.ms / 1000).toFixed(2)} s, ${build.bytes ?? '(run with --expose-gc)'} bytes per indicator (targets: < 5 s, < 300 bytes)`,
  );

  const baselineEps = rate(EVENTS, base.ms);
  const singleEps = rate(EVENTS, one.ms);
  const allEps = rate(EVENTS, allMs);
  const equal = base.detections === one.detections && one.detections === allHits;
  log(
    `ratios to the baseline: one core ${(singleEps / baselineEps).toFixed(2)}x, all cores ${(allEps / baselineEps).toFixed(2)}x (target: 4x on one core)`,
  );
  console.log(
    `bench:detect result: baseline_eps=${baselineEps} single_eps=${singleEps} all_eps=${allEps} ratio_single=${(singleEps / baselineEps).toFixed(2)} ratio_all=${(allEps / baselineEps).toFixed(2)} detections_equal=${equal}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
