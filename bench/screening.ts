// npm run bench:screening [-- --entries <n> --known <n>]: screens a labelled set of generated name variants
// (spelling errors, reordered words, other legal forms, other scripts, and unrelated near-names) against an
// in-memory index of generated list entries, and prints precision, recall and latency at the default threshold.
import { parseArgs } from 'node:util';
import { settings } from '../src/core/config/index.ts';
import { NameIndex } from '../src/screening/matcher/name-index.ts';
import { screenParty } from '../src/screening/matcher/screen-name.ts';
import {
  entry,
  isVariantOf,
  seededRandom,
  variantsOf,
  type GeneratedEntry,
  type LabelledQuery,
} from './screening-variants.ts';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    known: { type: 'string', default: '500' },
    threshold: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const count = Number(values.entries);
const threshold = values.threshold ? Number(values.threshold) : settings.screeningThreshold.default;
const log = (line: string) => process.stdout.write(`${line}\n`);

const r = seededRandom(20261123);
const started = performance.now();
const index = new NameIndex<GeneratedEntry>();
for (let i = 0; i < count; i++) index.add(entry(r, i));
log(
  `index: ${count.toLocaleString('en')} entries, ${index.names.length.toLocaleString('en')} names, built in ${((performance.now() - started) / 1000).toFixed(1)} s, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
);

// The first look-up builds the word index for typos (deletion-index.ts); done before timing.
const warm = performance.now();
screenParty(index, { name: 'warm up' }, { threshold });
log(`typo index built in ${((performance.now() - warm) / 1000).toFixed(1)} s`);

const queries: LabelledQuery[] = [];
for (let k = 0; k < Number(values.known); k++) queries.push(...variantsOf(r, index.entries[Math.floor(r() * count)]!));

const byKind = new Map<string, { n: number; ok: number }>();
let tp = 0;
let fn = 0;
let fp = 0;
let ambiguous = 0;
const times: number[] = [];
for (const q of queries) {
  const t0 = performance.now();
  const matches = screenParty(index, { name: q.name, country: q.country ?? null }, { threshold });
  times.push(performance.now() - t0);
  const found = q.expected !== undefined && matches.some((m) => m.entry.id === q.expected);
  // A match of another entry is right when the query is, by the generator's own rules, also a variant of that
  // entry's name (in a million made-up names, "Spierio Consulting" and "Spierios Consulting" both exist): the
  // label is ambiguous, not the matcher wrong. Such queries are counted apart, and such matches not as wrong.
  const others = matches.filter((m) => m.entry.id !== q.expected);
  const alsoRight = others.filter((m) => isVariantOf(q.name, m.entry));
  const wrong = others.length > alsoRight.length;
  if (alsoRight.length > 0) ambiguous++;
  if (q.expected !== undefined && found) tp++;
  if (q.expected !== undefined && !found) fn++;
  if (wrong) fp++;
  const ok = q.expected !== undefined ? found : !wrong;
  const k = byKind.get(q.kind) ?? { n: 0, ok: 0 };
  byKind.set(q.kind, { n: k.n + 1, ok: k.ok + (ok ? 1 : 0) });
  if ((!ok || wrong || alsoRight.length > 0) && values.verbose) {
    const expected = q.expected ? index.entries[Number(q.expected.slice(1))]?.name : '-';
    log(
      `  ${!ok ? 'miss' : wrong ? 'extra' : 'ambiguous'} [${q.kind}] "${q.name}" expected ${expected}; got ${matches.map((m) => `${m.entry.name} ${m.score} (${m.explanation.matchedKind} "${m.explanation.matchedName}")`).join(' | ')}`,
    );
  }
}
times.sort((a, b) => a - b);

// An import that changed 1,000 entries, as the index applies it (index-cache.ts): replaced in place, then a screen.
const changedAt = performance.now();
for (let i = 0; i < 1000; i++) index.add(entry(r, Math.floor(r() * count)));
const applied = performance.now() - changedAt;
const firstAt = performance.now();
screenParty(index, { name: queries[0]!.name }, { threshold });
const firstScreen = performance.now() - firstAt;
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
const precision = tp / Math.max(1, tp + fp);
const recall = tp / Math.max(1, tp + fn);

log(`labelled queries: ${queries.length} (threshold ${threshold})`);
for (const [kind, k] of byKind) log(`  ${kind.padEnd(34)} ${k.ok}/${k.n} right`);
log(`true positives ${tp}, false negatives ${fn}, queries with a wrong match ${fp}`);
log(`queries also matching another entry they are a variant of (ambiguous labels, not counted wrong): ${ambiguous}`);
log(
  `latency per screen: p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`,
);
log(
  `index update for 1,000 changed entries: ${applied.toFixed(0)} ms, then the first screen ${firstScreen.toFixed(1)} ms (a full build: see above)`,
);
log(
  `bench:screening result: precision=${precision.toFixed(3)} recall=${recall.toFixed(3)} p50_ms=${pct(50).toFixed(2)} p99_ms=${pct(99).toFixed(2)} entries=${count}`,
);
