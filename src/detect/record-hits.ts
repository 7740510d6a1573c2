import { createHash, randomUUID } from 'node:crypto';
import { recordAudit, systemActor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { canonicalIdentifier, identifierRules } from '../core/identifiers/index.ts';
import { attributionOfIndicator, getObject } from '../intel/service.ts';
import {
  attachEvent,
  claimEvent,
  findFoldTarget,
  foldInto,
  insertDetection,
  lockFoldKey,
} from './store/detections-store.ts';
import { normaliseLanguageTag } from './language-tag.ts';
import { putSubjectLanguage } from './store/subjects-store.ts';
import { detectDb, type AttributionStep } from './store/tables.ts';

/** One indicator matching one event. */
export interface Hit {
  /** The account or device the event concerns (as observed; sealed before storage). */
  subject: string | null;
  /** The person's language setting as the event gave it, if it did (kept for their notices, see subjects.ts). */
  locale?: string | null;
  /** When the event happened (its own time, or when it was received). */
  time: Date;
  indicatorId: string;
  /** The indicator value that matched and where: `domain-name:value` `evil.com` in field `query`. */
  key: string;
  value: string;
  field: string;
  /** Identifies the event at its source (file and line, NATS stream sequence, batch and line): redeliveries share it. */
  eventKey: string;
  /** The event's line in its source (file, batch), when it has lines. */
  line?: number;
  /** 0-100; lower for weaker matches (a process name that may have been truncated). */
  confidence?: number;
}

export interface RecordOptions {
  source: 'scan' | 'http' | 'nats' | 'retro-hunt';
  retroactive?: boolean;
  /** Hits of the same subject and indicator this close in time fold into one detection. */
  foldWindowMs: number;
}

export interface RecordResult {
  created: string[];
  folded: number;
  duplicates: number;
}

export const SUBJECT_CONTEXT = 'detect_detections.subject_enc';
const SUBJECT_INDEX_CONTEXT = 'detect_detections.subject_index';
const SUBJECT_MATCH_CONTEXT = 'detect_detections.subject_match_index';

/**
 * The keyed hash under which a subject's detections are found (the subject itself is never stored in clear), of its
 * canonical form: every spelling of one address or number (case, `mailto:`, `+tag`, spacing, E.164) gives one index.
 */
export const subjectIndexOf = (ctx: CoreContext, subject: string) =>
  ctx.keyring.blindIndex(canonicalIdentifier(subject, identifierRules(ctx.config)).canonical, SUBJECT_INDEX_CONTEXT);

/** The keyed hash of a subject's confusable skeleton (UTS #39): equal for look-alike spellings, a possible match. */
export const subjectMatchIndexOf = (ctx: CoreContext, subject: string) =>
  ctx.keyring.blindIndex(canonicalIdentifier(subject, identifierRules(ctx.config)).skeleton, SUBJECT_MATCH_CONTEXT);

interface IndicatorFacts {
  attribution: AttributionStep[];
  actor: string | null;
  confidence: number | null;
}

// The most specific name for who is behind an indicator: a threat actor, else an intrusion set, else the malware.
function actorName(chain: AttributionStep[]): string | null {
  for (const type of ['threat-actor', 'intrusion-set', 'campaign', 'malware', 'tool']) {
    const step = chain.find((s) => s.type === type);
    if (step) return step.name ?? step.id;
  }
  return null;
}

async function indicatorFacts(ctx: CoreContext, id: string, cache: Map<string, IndicatorFacts>) {
  const cached = cache.get(id);
  if (cached) return cached;
  const chain = (await attributionOfIndicator(ctx, id)).map(({ id: stepId, type, name, via }) => ({
    id: stepId,
    type,
    name,
    via,
  }));
  const [latest] = await getObject(ctx, id).catch(() => []);
  const confidence = typeof latest?.object.confidence === 'number' ? latest.object.confidence : null;
  const facts = { attribution: chain, actor: actorName(chain), confidence };
  cache.set(id, facts);
  return facts;
}

/**
 * Records hits as detections: each event counts once however often it is delivered; hits of the same subject and
 * indicator within the fold window become one detection with a count and first/last seen. New detections are
 * audited (without the subject). A locale an event gives becomes the person's language unless one was chosen for
 * them (subjects.ts).
 */
export async function recordHits(
  ctx: CoreContext,
  hits: readonly Hit[],
  options: RecordOptions,
): Promise<RecordResult> {
  const result: RecordResult = { created: [], folded: 0, duplicates: 0 };
  const facts = new Map<string, IndicatorFacts>();
  // A locale the events gave, per person: kept once per call, not once per hit.
  const languageSeen = new Map<string, string>();
  for (const hit of hits) {
    const info = await indicatorFacts(ctx, hit.indicatorId, facts);
    const subjectIndex = hit.subject ? subjectIndexOf(ctx, hit.subject) : null;
    const foldKey = `${subjectIndex ?? '-'}|${hit.indicatorId}`;
    const eventKey = createHash('sha256').update(`${hit.eventKey}\0${hit.indicatorId}`).digest('base64url');
    await ctx.db.transaction().execute(async (trx) => {
      const db = detectDb(trx);
      if (!(await claimEvent(db, eventKey, hit.time))) {
        result.duplicates++;
        return;
      }
      const language = subjectIndex && hit.locale ? normaliseLanguageTag(hit.locale) : null;
      if (language && languageSeen.get(subjectIndex!) !== language) {
        languageSeen.set(subjectIndex!, language);
        await putSubjectLanguage(db, subjectIndex!, language, 'telemetry');
      }
      await lockFoldKey(db, foldKey);
      const target = await findFoldTarget(db, foldKey, hit.time, options.foldWindowMs);
      if (target) {
        await foldInto(db, target.id, hit.time);
        await attachEvent(db, eventKey, target.id);
        result.folded++;
        return;
      }
      const id = randomUUID();
      await insertDetection(db, {
        id,
        fold_key: foldKey,
        subject_enc: hit.subject ? ctx.keyring.encrypt(hit.subject, SUBJECT_CONTEXT) : null,
        subject_index: subjectIndex,
        subject_match_index: hit.subject ? subjectMatchIndexOf(ctx, hit.subject) : null,
        indicator_id: hit.indicatorId,
        matched_key: hit.key,
        matched_value: hit.value,
        field: hit.field,
        first_seen: hit.time,
        last_seen: hit.time,
        event_count: 1,
        confidence: Math.min(hit.confidence ?? 90, info.confidence ?? 100),
        attribution: JSON.stringify(info.attribution),
        actor: info.actor,
        retroactive: options.retroactive === true,
        source: options.source,
        updated_at: new Date(),
      });
      await attachEvent(db, eventKey, id);
      await recordAudit(trx, systemActor(`detect (${options.source})`), {
        action: 'detection.created',
        objectType: 'detection',
        objectId: id,
        details: { indicator: hit.indicatorId, actor: info.actor, retroactive: options.retroactive === true },
      });
      result.created.push(id);
    });
  }
  return result;
}
