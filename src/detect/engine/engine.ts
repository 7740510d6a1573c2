import { DEFAULT_MAPPING, type FieldMapping } from './ndjson-reader.ts';
import type { CoreContext } from '../../core/context.ts';
import { activeComplexIndicators, activeIndicatorValues, intelVersion } from '../../intel/service.ts';
import { ComplexPattern, objectsOf } from './complex-patterns.ts';
import type { Hit } from '../record-hits.ts';
import { IndicatorIndex, type IndexMatch } from './indicator-index.ts';
import type { Observation } from './observation.ts';

// Weaker kinds of match get a lower confidence: a parent domain, an e-mail's domain, a range, a cut-off name.
const CONFIDENCE: Record<IndexMatch['how'], number> = {
  exact: 90,
  'parent-domain': 85,
  'url-host': 85,
  'email-domain': 75,
  cidr: 70,
  prefix: 70,
  'truncated-name': 60,
};

/** The compiled index of active indicators, rebuilt when the intelligence changes. */
export class DetectionEngine {
  #index: IndicatorIndex;
  #version = -1;
  // Complex patterns keep per-subject state between events: kept across rebuilds unless the pattern changed.
  #complex = new Map<string, ComplexPattern>();
  #seq = 0;

  /** An engine over a given index (retro-hunts build one from the new indicators only). */
  /** Which telemetry fields hold the time, the subject and the values (NDJSON, Zeek and CSV). */
  readonly mapping: FieldMapping;

  constructor(index = new IndicatorIndex(), mapping: FieldMapping = DEFAULT_MAPPING) {
    this.#index = index;
    this.mapping = mapping;
  }

  get indicatorValues(): number {
    return this.#index.size;
  }

  get index(): IndicatorIndex {
    return this.#index;
  }

  /** Rebuilds the index if intelligence was stored since the last build; true when it did. */
  async refresh(ctx: CoreContext): Promise<boolean> {
    const version = await intelVersion(ctx);
    if (version === this.#version) return false;
    this.#index = await buildIndex(ctx);
    const complex = new Map<string, ComplexPattern>();
    for (const { indicatorId, pattern } of await activeComplexIndicators(ctx)) {
      const existing = this.#complex.get(indicatorId);
      try {
        complex.set(indicatorId, existing?.pattern === pattern ? existing : new ComplexPattern(indicatorId, pattern));
      } catch (error) {
        ctx.log.warn({ err: error, indicator: indicatorId }, 'pattern not evaluated');
      }
    }
    this.#complex = complex;
    this.#version = version;
    return true;
  }

  get complexPatterns(): number {
    return this.#complex.size;
  }

  /** The hits of one observation; `sourceKey` plus the line identifies the event across redeliveries. */
  match(observation: Observation, sourceKey: string, receivedAt: Date): Hit[] {
    const hits: Hit[] = [];
    for (const observed of observation.values) {
      for (const m of this.#index.match(observed.key, observed.value)) {
        for (const indicatorId of m.indicatorIds) {
          hits.push({
            subject: observation.subject,
            locale: observation.locale ?? null,
            time: observation.time !== null ? new Date(observation.time) : receivedAt,
            indicatorId,
            key: m.key,
            value: m.value,
            field: observed.field,
            eventKey: `${sourceKey}:${observation.line}`,
            line: observation.line,
            confidence: CONFIDENCE[m.how],
          });
        }
      }
    }
    if (this.#complex.size > 0 && observation.values.length > 0) {
      const objects = objectsOf(observation.values);
      const time = observation.time ?? receivedAt.getTime();
      const seq = ++this.#seq;
      for (const complex of this.#complex.values()) {
        if (!complex.observe(observation.subject ?? '(unknown)', objects, time, seq)) continue;
        hits.push({
          subject: observation.subject,
          locale: observation.locale ?? null,
          time: new Date(time),
          indicatorId: complex.indicatorId,
          key: 'pattern',
          value: complex.pattern,
          field: observation.values.map((v) => v.field).join(','),
          eventKey: `${sourceKey}:${observation.line}`,
          line: observation.line,
          confidence: 80,
        });
      }
    }
    return hits;
  }
}

/** Loads every active indicator value, a page at a time. */
export async function buildIndex(ctx: CoreContext): Promise<IndicatorIndex> {
  const index = new IndicatorIndex();
  let after = 0;
  for (;;) {
    const page = await activeIndicatorValues(ctx, after, 50_000);
    for (const v of page) index.add(v);
    if (page.length < 50_000) return index;
    after = page[page.length - 1]!.seq;
  }
}
