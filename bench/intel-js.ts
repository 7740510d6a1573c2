// npm run bench:intel-js [-- --count <n> --rounds <n> --only <stage>]: times the per-object JavaScript stages of a
// STIX import (split, JSON.parse, validate, parse pattern, normalise values, and all a worker thread does to an
// object: prepare) on generated indicators, without a
// database, and prints the median µs per object of each stage over several rounds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePattern, simpleComparisons } from '../src/intel/pattern/index.ts';
import { BundleSplitter } from '../src/intel/sources/bundle-splitter.ts';
import { validateStixObject } from '../src/intel/stix/index.ts';
import { normalizeValue } from '../src/intel/values/normalize.ts';
import { prepareChunk } from '../src/intel/ingest/prepared-chunk.ts';
import { SourceText } from '../src/intel/sources/stix-stream.ts';
import { writeIndicatorBundle } from './generate-bundle.ts';

const IMPORT_ID = '00000000-0000-4000-8000-000000000000';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '9' },
    only: { type: 'string' },
  },
});
const count = Number(args.count);
const rounds = Number(args.rounds);
/** The size of the chunks a file read stream hands over by default, as the import reads its source. */
const CHUNK = 64 * 1024;

const work = mkdtempSync(join(tmpdir(), 'accord-intel-js-'));
let bundle: Buffer;
try {
  await writeIndicatorBundle(join(work, 'bundle.json'), count);
  bundle = readFileSync(join(work, 'bundle.json'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Splits the bundle as the import reads it, handing each element's text to `take`. */
function split(take: (text: string) => void): void {
  const splitter = new BundleSplitter();
  for (let at = 0; at < bundle.length; at += CHUNK) {
    for (const item of splitter.push(bundle.subarray(at, at + CHUNK))) take(item.text);
  }
  splitter.end();
}

const texts: string[] = [];
split((text) => texts.push(text));
if (texts.length !== count) throw new Error(`split ${texts.length} objects, expected ${count}`);
const objects = texts.map((t) => JSON.parse(t) as { pattern: string });
const patterns = objects.map((o) => parsePattern(o.pattern));
// The import hands the pattern to its own checker; here the checker accepts anything, so only validation is timed.
const noPatternCheck = { checkPattern: () => null };

/** One stage: runs over every object and returns something derived from the work, so none of it is optimised out. */
const stages: Record<string, () => number> = {
  // The import parses each text and lets it go; keeping all of them here would mostly time the garbage collector.
  split: () => {
    let n = 0;
    split((text) => (n += text.length > 0 ? 1 : 0));
    return n;
  },
  'JSON.parse': () => {
    let n = 0;
    for (const t of texts) n += (JSON.parse(t) as object) ? 1 : 0;
    return n;
  },
  validate: () => {
    let n = 0;
    for (const o of objects) {
      if (!validateStixObject(o, noPatternCheck).ok) throw new Error('a generated indicator was refused');
      n++;
    }
    return n;
  },
  parsePattern: () => {
    let n = 0;
    for (const o of objects) n += parsePattern(o.pattern).kind === 'pattern' ? 1 : 0;
    return n;
  },
  // All a worker thread does to a record: the stages above, then writing its rows for COPY.
  prepare: () => {
    let n = 0;
    for (let at = 0; at < texts.length; at += 1000) {
      const count = Math.min(1000, texts.length - at);
      n += prepareChunk(count, (i) => new SourceText(texts[at + i]!, at + i), IMPORT_ID).rowStarts.length - 1;
    }
    return n;
  },
  normalise: () => {
    let n = 0;
    for (const p of patterns) {
      for (const c of simpleComparisons(p) ?? []) {
        const value = normalizeValue(`${c.objectType}:${c.path}`, String(c.value));
        if (value !== null && value !== '') n++;
      }
    }
    return n;
  },
};

const names = args.only ? [args.only] : Object.keys(stages);
const timings = new Map<string, number[]>(names.map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  // Stages interleave round by round, so a burst of load from elsewhere on the machine hits all of them alike.
  for (const name of names) {
    const stage = stages[name];
    if (!stage) throw new Error(`unknown stage ${name}; stages: ${Object.keys(stages).join(', ')}`);
    const started = performance.now();
    const done = stage();
    const micros = ((performance.now() - started) * 1000) / count;
    if (done !== count) throw new Error(`${name} handled ${done} objects, expected ${count}`);
    timings.get(name)!.push(micros);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${count.toLocaleString()} generated indicators, ${rounds} rounds (first round included: it warms up)`);
for (const [name, xs] of timings) {
  const line = `${name.padEnd(14)} median ${median(xs).toFixed(2).padStart(6)} µs/object   min ${Math.min(...xs)
    .toFixed(2)
    .padStart(6)}`;
  console.log(line);
}
