import { evaluateObservation, parsePattern, type ObservationExpression } from '../../intel/pattern/index.ts';
import { normalizeValue } from '../../intel/service.ts';

/** An occurrence of (part of) a pattern: the span of observations it used, in event order. */
interface Instance {
  startTime: number;
  startSeq: number;
  endTime: number;
  endSeq: number;
}

/** Per subject, per pattern node: the recent occurrences, newest last. */
type NodeState = Instance[];

// Memory bounds: occurrences kept per node and subject, how long they are kept without a WITHIN, and subjects.
const MAX_INSTANCES = 32;
const DEFAULT_HORIZON_MS = 7 * 86_400_000;
export const MAX_SUBJECTS = 100_000;

const before = (a: Instance, b: Instance) =>
  a.endTime < b.startTime || (a.endTime === b.startTime && a.endSeq < b.startSeq);
const span = (parts: Instance[]): Instance => {
  let first = parts[0]!;
  let last = parts[0]!;
  for (const p of parts) {
    if (p.startTime < first.startTime || (p.startTime === first.startTime && p.startSeq < first.startSeq)) first = p;
    if (p.endTime > last.endTime || (p.endTime === last.endTime && p.endSeq > last.endSeq)) last = p;
  }
  return { startTime: first.startTime, startSeq: first.startSeq, endTime: last.endTime, endSeq: last.endSeq };
};

/** The STIX objects of one event, one per object type (`domain-name`, `url`, `file`, ...), built from its values. */
export function objectsOf(values: readonly { key: string; value: string }[]): Record<string, unknown>[] {
  const byType = new Map<string, Record<string, unknown>>();
  for (const { key, value } of values) {
    const colon = key.indexOf(':');
    const type = key.slice(0, colon);
    const object = byType.get(type) ?? { type };
    let node: Record<string, unknown> = object;
    const steps = key.slice(colon + 1).split('.');
    steps.forEach((raw, i) => {
      const step = raw.replace(/^'|'$/g, '');
      // Normalised as indicator values are (domain case, URL form, hash case), so comparisons see the same text.
      if (i === steps.length - 1) node[step] = normalizeValue(key, value) ?? value;
      else node = (node[step] ??= {}) as Record<string, unknown>;
    });
    byType.set(type, object);
  }
  return [...byType.values()];
}

/**
 * One complex STIX pattern evaluated incrementally over a stream of events, per subject (account or device):
 * `AND`/`OR` across observations, `FOLLOWEDBY` in event order, `WITHIN`, `REPEATS` and `START … STOP`. Each node
 * keeps only its recent occurrences (a fixed number, and no older than the pattern's horizon), and subjects beyond
 * a fixed number are forgotten oldest first, so memory stays bounded however long the stream.
 */
export class ComplexPattern {
  readonly indicatorId: string;
  readonly pattern: string;
  readonly objectTypes: ReadonlySet<string>;
  readonly #root: ObservationExpression;
  readonly #horizonMs: number;
  readonly #subjects = new Map<string, Map<ObservationExpression, NodeState>>();

  constructor(indicatorId: string, pattern: string) {
    this.indicatorId = indicatorId;
    this.pattern = pattern;
    this.#root = parsePattern(pattern).expression;
    const types = new Set<string>();
    let within = 0;
    const walk = (e: ObservationExpression) => {
      if (e.kind === 'observation') collectTypes(e.expression, types);
      else if (e.kind === 'qualified') {
        if (e.qualifier.kind === 'within') within = Math.max(within, e.qualifier.seconds * 1000);
        walk(e.expression);
      } else e.operands.forEach(walk);
    };
    walk(this.#root);
    this.objectTypes = types;
    this.#horizonMs = within > 0 ? within : DEFAULT_HORIZON_MS;
  }

  /** Feeds one event; true when the whole pattern has (newly) matched for this subject. */
  observe(subject: string, objects: readonly Record<string, unknown>[], time: number, seq: number): boolean {
    if (!objects.some((o) => this.objectTypes.has(String(o.type)))) return false;
    let state = this.#subjects.get(subject);
    if (state)
      this.#subjects.delete(subject); // re-insert: the map's order is least recently seen first
    else state = new Map();
    this.#subjects.set(subject, state);
    if (this.#subjects.size > MAX_SUBJECTS) this.#subjects.delete(this.#subjects.keys().next().value!);
    return (
      this.#step(this.#root, state, objects, { startTime: time, startSeq: seq, endTime: time, endSeq: seq }).length > 0
    );
  }

  get subjects(): number {
    return this.#subjects.size;
  }

  /** New occurrences of `node` caused by this event; remembers them for later events. */
  #step(
    node: ObservationExpression,
    state: Map<ObservationExpression, NodeState>,
    objects: readonly Record<string, unknown>[],
    now: Instance,
  ): Instance[] {
    let fresh: Instance[];
    switch (node.kind) {
      case 'observation':
        fresh = objects.some((o) => evaluateObservation(node.expression, o)) ? [now] : [];
        break;
      case 'or':
        fresh = node.operands.flatMap((o) => this.#step(o, state, objects, now));
        break;
      case 'and': {
        const parts = node.operands.map((o) => ({
          fresh: this.#step(o, state, objects, now),
          kept: this.#kept(o, state, now),
        }));
        fresh = combine(parts, false);
        break;
      }
      case 'followedBy': {
        const parts = node.operands.map((o) => ({
          fresh: this.#step(o, state, objects, now),
          kept: this.#kept(o, state, now),
        }));
        fresh = combine(parts, true);
        break;
      }
      case 'qualified': {
        const inner = this.#step(node.expression, state, objects, now);
        const q = node.qualifier;
        if (q.kind === 'within') fresh = inner.filter((i) => i.endTime - i.startTime <= q.seconds * 1000);
        else if (q.kind === 'startStop') {
          const start = Date.parse(q.start);
          const stop = Date.parse(q.stop);
          fresh = inner.filter((i) => i.startTime >= start && i.endTime < stop);
        } else {
          // REPEATS n: n distinct occurrences of the operand, counted in its remembered history.
          const history = this.#kept(node.expression, state, now);
          fresh = inner.length > 0 && history.length >= q.times ? [span(history.slice(-q.times))] : [];
        }
        break;
      }
    }
    this.#remember(node, state, fresh, now);
    return fresh;
  }

  #kept(node: ObservationExpression, state: Map<ObservationExpression, NodeState>, now: Instance): Instance[] {
    const list = state.get(node);
    if (!list) return [];
    const horizon = now.endTime - this.#horizonMs;
    return list.filter((i) => i.startTime >= horizon);
  }

  #remember(
    node: ObservationExpression,
    state: Map<ObservationExpression, NodeState>,
    fresh: Instance[],
    now: Instance,
  ) {
    if (fresh.length === 0) return;
    const horizon = now.endTime - this.#horizonMs;
    const list = (state.get(node) ?? []).filter((i) => i.startTime >= horizon);
    list.push(...fresh);
    state.set(node, list.slice(-MAX_INSTANCES));
  }
}

/**
 * Occurrences of an AND (any order) or FOLLOWEDBY (in order) that use at least one fresh occurrence: every choice
 * of one occurrence per operand, at least one of them fresh, bounded in number.
 */
function combine(parts: { fresh: Instance[]; kept: Instance[] }[], ordered: boolean): Instance[] {
  if (parts.some((p) => p.fresh.length === 0 && p.kept.length === 0)) return [];
  const out: Instance[] = [];
  const choose = (i: number, chosen: Instance[], usedFresh: boolean) => {
    if (out.length >= MAX_INSTANCES) return;
    if (i === parts.length) {
      if (usedFresh) out.push(span(chosen));
      return;
    }
    const seen = new Set<Instance>();
    for (const [list, isFresh] of [
      [parts[i]!.fresh, true],
      [parts[i]!.kept, false],
    ] as const) {
      for (const inst of list) {
        if (seen.has(inst)) continue;
        seen.add(inst);
        const prev = chosen[chosen.length - 1];
        if (ordered && prev && !before(prev, inst)) continue;
        // Different operands must be different observations.
        if (!ordered && chosen.some((c) => c.startSeq === inst.startSeq && c.endSeq === inst.endSeq)) continue;
        choose(i + 1, [...chosen, inst], usedFresh || isFresh);
      }
    }
  };
  choose(0, [], false);
  return out;
}

function collectTypes(expr: Parameters<typeof evaluateObservation>[0], out: Set<string>) {
  if (expr.kind === 'comparison') out.add(expr.path.objectType);
  else expr.operands.forEach((o) => collectTypes(o, out));
}
