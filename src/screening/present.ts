import type { Selectable } from 'kysely';
import type { IndexedEntry } from './index-cache.ts';
import type { ScreeningMatch } from './matcher/types.ts';
import type {
  AlertTable,
  DecisionTable,
  ListImportTable,
  ListTable,
  PartyTable,
  QuestionnaireTable,
  ResultTable,
} from './store/tables.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A match as stored in a result and returned by the API: the entry, the score and why. */
export const presentMatch = (m: ScreeningMatch<IndexedEntry>) => ({
  entry_id: m.entry.id,
  list: m.entry.listName,
  list_entry_id: m.entry.externalId,
  name: m.entry.name,
  countries: [...m.entry.countries],
  programs: [...m.entry.programs],
  source_url: m.entry.sourceUrl,
  score: m.score,
  explanation: m.explanation,
});
export type PresentedMatch = ReturnType<typeof presentMatch>;

export const presentList = (l: Selectable<ListTable>) => ({
  id: l.id,
  name: l.name,
  format: l.format,
  source: l.source,
  version: l.version,
  imported_at: iso(l.imported_at)!,
  entry_count: l.entry_count,
});

export const presentImport = (i: Selectable<ListImportTable>) => ({
  id: i.id,
  version: i.version,
  source: i.source,
  format: i.format,
  added: i.added,
  changed: i.changed,
  removed: i.removed,
  unchanged: i.unchanged,
  rejected: i.rejected,
  changes: i.changes,
  imported_by: i.imported_by,
  imported_at: iso(i.imported_at)!,
});

export const presentParty = (p: Selectable<PartyTable>) => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  aliases: p.aliases,
  country: p.country,
  domain: p.domain,
  status: p.status,
  match_count: p.match_count,
  next_review_at: iso(p.next_review_at),
  created_by: p.created_by_label,
  created_at: iso(p.created_at)!,
  updated_at: iso(p.updated_at)!,
});

export const presentResult = (r: Selectable<ResultTable>) => ({
  id: r.id,
  trigger: r.trigger,
  threshold: r.threshold,
  match_count: r.match_count,
  matches: r.matches,
  screened_by: r.screened_by,
  screened_at: iso(r.screened_at)!,
});

export const presentAlert = (a: Selectable<AlertTable>) => ({
  id: a.id,
  party_id: a.party_id,
  entry_id: a.entry_id,
  list: a.list_name,
  entry_name: a.entry_name,
  score: a.score,
  explanation: a.explanation,
  status: a.status,
  note: a.note,
  acknowledged_by: a.acknowledged_by,
  acknowledged_at: iso(a.acknowledged_at),
  created_at: iso(a.created_at)!,
});

export const presentQuestionnaire = (q: Selectable<QuestionnaireTable>) => ({
  id: q.id,
  answers: q.answers,
  risk: q.risk,
  answered_by: q.answered_by_label,
  answered_at: iso(q.answered_at)!,
});

export const presentDecision = (d: Selectable<DecisionTable>) => ({
  id: d.id,
  decision: d.decision,
  reasons: d.reasons,
  conditions: d.conditions,
  review_at: iso(d.review_at)!,
  decided_by: d.decided_by_label,
  decided_at: iso(d.decided_at)!,
});
