/** The cases module's public face: targeting cases built from detections, and the analysts' work on them. */
import { randomUUID } from 'node:crypto';
import { recordAudit, recordAudits, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import type { DbTransaction, Executor } from '../core/db/database.ts';
import { invalidState, notFound } from '../core/errors.ts';
import { subjectOfDetection } from '../detect/service.ts';
import { presentCase, presentTimelineEntry, type CaseView } from './present.ts';
import { transitionProblem, type CaseState } from './states.ts';
import {
  caseDetections,
  caseNotes,
  getCaseRow,
  listCaseRows,
  updateCase,
  type CaseQuery,
} from './store/cases-store.ts';
import { casesDb } from './store/tables.ts';
import { checkedRevealReason } from '../core/http/reveal-reason.ts';

export { syncCases, type SyncResult } from './sync.ts';
export { mergeCases, splitCase } from './merge-split.ts';
export { setCaseContext, caseSectors, type CaseSector } from './context.ts';
export { caseStates, type CaseState } from './states.ts';
export { setCaseSubjectLanguage, caseSubjectLanguage } from './subject-language.ts';
export type { CaseView } from './present.ts';

const NOTE_CONTEXT = 'cases_notes.body_enc';

/** Cases, most recently active first, without saying whom they concern. */
export async function listCases(ctx: CoreContext, q: CaseQuery): Promise<CaseView[]> {
  return (await listCaseRows(casesDb(ctx.db), q)).map(presentCase);
}

/** One case with its timeline of detections and its notes, never whom it concerns. Every view is audited. */
export async function viewCase(ctx: CoreContext, actor: Actor, id: string) {
  const db = casesDb(ctx.db);
  const row = await getCaseRow(db, id);
  if (!row) throw notFound(`no case ${id}`);
  const [timeline, notes] = await Promise.all([caseDetections(db, id), caseNotes(db, id)]);
  await ctx.db
    .transaction()
    .execute((trx) => recordAudit(trx, actor, { action: 'case.viewed', objectType: 'case', objectId: id }));
  return {
    ...presentCase(row),
    timeline: timeline.map(presentTimelineEntry),
    notes: await Promise.all(
      notes.map(async (n) => ({
        id: n.id,
        kind: n.kind,
        author: n.author_label,
        body: await ctx.keyring.decrypt(n.body_enc, NOTE_CONTEXT),
        created_at: new Date(n.created_at).toISOString(),
      })),
    ),
  };
}

/**
 * Whom a case concerns, in clear, with the stated reason that goes into the audit entry (written before anything is
 * returned: no reveal without its record). The route requires `cases:reveal`.
 */
export async function revealCaseSubject(ctx: CoreContext, actor: Actor, id: string, reason: string) {
  const recorded = checkedRevealReason(reason);
  const db = casesDb(ctx.db);
  const row = await getCaseRow(db, id);
  if (!row) throw notFound(`no case ${id}`);
  const [first] = await caseDetections(db, id);
  const subject = first ? await subjectOfDetection(ctx, first.detection_id) : null;
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'case.subject_revealed',
      objectType: 'case',
      objectId: id,
      details: { reason: recorded },
    }),
  );
  return { id, subject };
}

/** Moves a case along its states; refused transitions are a 409 saying what is possible. Audited. */
export async function transitionCase(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  to: CaseState,
  reason?: string,
): Promise<CaseView> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = casesDb(trx);
    const row = await getCaseRow(db, id, true);
    if (!row) throw notFound(`no case ${id}`);
    if (row.merged_into) throw invalidState(`case ${id} was merged into ${row.merged_into}`);
    const problem = transitionProblem(row.state, to, reason);
    if (problem) throw invalidState(problem, { state: row.state });
    await updateCase(db, id, { state: to, state_reason: reason?.trim() || null });
    await recordAudit(trx, actor, {
      action: 'case.transitioned',
      objectType: 'case',
      objectId: id,
      details: { from: row.state, to, ...(reason ? { reason: reason.trim() } : {}) },
    });
    return presentCase({ ...row, state: to, state_reason: reason?.trim() || null });
  });
}

/**
 * Marks confirmed cases notified inside the caller's transaction (the deliveries that told the person commit with
 * it), audited as `transitionCase` does. A case that moved on meanwhile (back to triage, dismissed, merged, notified
 * by another notice) is left as it is. The ids of the cases it changed.
 */
export async function markCasesNotified(trx: DbTransaction, actor: Actor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const changed = await casesDb(trx)
    .updateTable('cases_cases')
    .set({ state: 'notified', state_reason: null, updated_at: new Date() })
    .where('id', 'in', [...ids])
    .where('state', '=', 'confirmed')
    .where('merged_into', 'is', null)
    .returning('id')
    .execute();
  await recordAudits(
    trx,
    changed.map(({ id }) => ({
      actor,
      input: {
        action: 'case.transitioned',
        objectType: 'case',
        objectId: id,
        details: { from: 'confirmed', to: 'notified' },
      },
    })),
  );
  return changed.map((c) => c.id);
}

/** Gives a case to an analyst (or to nobody with null). Audited. */
export async function assignCase(ctx: CoreContext, actor: Actor, id: string, assigneeId: string | null) {
  return ctx.db.transaction().execute(async (trx) => {
    const db = casesDb(trx);
    const row = await getCaseRow(db, id, true);
    if (!row) throw notFound(`no case ${id}`);
    await updateCase(db, id, { assignee_id: assigneeId });
    await recordAudit(trx, actor, {
      action: 'case.assigned',
      objectType: 'case',
      objectId: id,
      details: { assignee: assigneeId },
    });
    return presentCase({ ...row, assignee_id: assigneeId });
  });
}

/** Adds a note or a piece of evidence; its text is sealed (it may name the person). Audited without the text. */
export async function addCaseNote(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  note: { kind: 'note' | 'evidence'; body: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const db = casesDb(trx);
    if (!(await getCaseRow(db, id))) throw notFound(`no case ${id}`);
    const noteId = randomUUID();
    await db
      .insertInto('cases_notes')
      .values({
        id: noteId,
        case_id: id,
        author_id: actor.id,
        author_label: actor.label,
        kind: note.kind,
        body_enc: ctx.keyring.encrypt(note.body, NOTE_CONTEXT),
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'case.note_added',
      objectType: 'case',
      objectId: id,
      details: { note: noteId, kind: note.kind },
    });
    return { id: noteId };
  });
}

/** What notification needs to know about a case (never whom it concerns: see subjectOfCase). */
export async function caseForNotice(ctx: CoreContext, id: string) {
  const db = casesDb(ctx.db);
  const row = await getCaseRow(db, id);
  if (!row || row.merged_into) return null;
  const timeline = await caseDetections(db, id);
  return {
    id: row.id,
    state: row.state,
    actor: row.actor,
    subjectIndex: row.subject_index,
    confidence: row.confidence,
    country: row.country,
    firstSeen: new Date(row.first_seen),
    firstDetectionId: timeline[0]?.detection_id ?? null,
  };
}

/** The account a case concerns, decrypted for delivery. The caller audits. */
export async function subjectOfCase(ctx: CoreContext, id: string): Promise<string | null> {
  const first = (await caseDetections(casesDb(ctx.db), id))[0];
  return first ? subjectOfDetection(ctx, first.detection_id) : null;
}

/** Open cases in one state, oldest first: notification looks for confirmed cases under automatic policies. */
export async function casesInState(ctx: CoreContext, state: CaseState, limit = 100) {
  return (await listCaseRows(casesDb(ctx.db), { state, limit })).map(presentCase);
}

/**
 * How many of these people have a targeting case that was not dismissed: `exact` by the canonical subject index,
 * `possible` by the confusable-skeleton index only (a look-alike spelling). Lawful requests about either are
 * escalated: the requester may be the attacker.
 */
export async function countTargetedAccounts(
  ctx: CoreContext,
  targets: { exact: readonly string[]; possible: readonly string[] },
  executor: Executor = ctx.db,
): Promise<{ exact: number; possible: number }> {
  if (targets.exact.length === 0 && targets.possible.length === 0) return { exact: 0, possible: 0 };
  const rows = await casesDb(executor)
    .selectFrom('cases_cases')
    .select(['subject_index', 'subject_match_index'])
    .distinct()
    .where((eb) =>
      eb.or([
        ...(targets.exact.length > 0 ? [eb('subject_index', 'in', [...targets.exact])] : []),
        ...(targets.possible.length > 0 ? [eb('subject_match_index', 'in', [...targets.possible])] : []),
      ]),
    )
    .where('state', '!=', 'dismissed')
    .execute();
  const exact = new Set(rows.filter((r) => targets.exact.includes(r.subject_index)).map((r) => r.subject_index));
  const possible = new Set(rows.filter((r) => !exact.has(r.subject_index)).map((r) => r.subject_index));
  return { exact: exact.size, possible: possible.size };
}

export interface SightingGroup {
  actor: string;
  /** Where the cases were, as coarse as the caller asked (a region rather than a country), or null. */
  area: string | null;
  sector: string | null;
  cases: number;
  firstSeen: Date;
  lastSeen: Date;
}

/**
 * Confirmed targeting (confirmed, notified or closed cases) counted per actor, area and sector, for sharing as
 * anonymised sightings. `areaOf` coarsens a case's country (to a region, say) before grouping. A group smaller than
 * `minCases` could point at a person: its area and sector are dropped and it is counted with the actor's other small
 * groups; what is still smaller than `minCases` is not shared.
 */
export async function sightingGroups(
  ctx: CoreContext,
  minCases: number,
  areaOf: (country: string) => string | null = (country) => country,
): Promise<SightingGroup[]> {
  const rows = await casesDb(ctx.db)
    .selectFrom('cases_cases')
    .select(['actor', 'country', 'sector'])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('first_seen').as('first_seen'),
      eb.fn.max('last_seen').as('last_seen'),
    ])
    .where('state', 'in', ['confirmed', 'notified', 'closed'])
    .where('merged_into', 'is', null)
    .groupBy(['actor', 'country', 'sector'])
    .execute();
  const fold = (into: Map<string, SightingGroup>, key: string, group: SightingGroup) => {
    const merged = into.get(key);
    if (!merged) return void into.set(key, { ...group });
    merged.cases += group.cases;
    if (group.firstSeen < merged.firstSeen) merged.firstSeen = group.firstSeen;
    if (group.lastSeen > merged.lastSeen) merged.lastSeen = group.lastSeen;
  };
  const groups = new Map<string, SightingGroup>();
  for (const r of rows) {
    const area = r.country ? areaOf(r.country) : null;
    const group = {
      actor: r.actor,
      area,
      sector: r.sector,
      cases: Number(r.n),
      firstSeen: new Date(r.first_seen),
      lastSeen: new Date(r.last_seen),
    };
    fold(groups, JSON.stringify([r.actor, area, r.sector]), group);
  }
  const out: SightingGroup[] = [];
  const rest = new Map<string, SightingGroup>();
  for (const group of groups.values()) {
    if (group.cases >= minCases && (group.area || group.sector)) out.push(group);
    else fold(rest, group.actor, { ...group, area: null, sector: null });
  }
  for (const g of rest.values()) if (g.cases >= minCases) out.push(g);
  return out;
}
