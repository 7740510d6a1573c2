import { createHash, randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest } from '../core/errors.ts';
import type { ListFormat, ListRecord, RejectedRecord } from './importers/list-record.ts';
import { parseList } from './importers/parse-list.ts';
import { rescreenJob } from './rescreen-job.ts';
import {
  bumpEntriesVersion,
  deleteEntries,
  entryDigests,
  findListByName,
  insertEntries,
  listImports,
  listLists,
  recordEntryChanges,
} from './store/lists-store.ts';
import { screeningDb } from './store/tables.ts';

export interface ImportListInput {
  name: string;
  format: ListFormat;
  content: string;
  source?: string;
  version?: string;
}

export interface ListImportReport {
  importId: string;
  listId: string;
  name: string;
  version: string;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  rejected: RejectedRecord[];
  changes: { added: string[]; changed: string[]; removed: string[] };
  rescreenQueued: boolean;
}

const digestOf = (r: ListRecord) => createHash('sha256').update(JSON.stringify(r)).digest('hex');
// An import keeps the names of at most this many changes of each kind in its record (the counts are exact).
const NAMED_CHANGES = 200;

/**
 * Imports a list, replacing its previous version in place: entries are matched by their list id, so the report
 * says which were added, changed and removed. Bad records are refused with their reason, the others kept. When
 * anything changed, every recorded party is rescreened by a durable job. Audited.
 */
export async function importList(ctx: CoreContext, actor: Actor, input: ImportListInput): Promise<ListImportReport> {
  const parsed = parseList(input.format, input.content);
  const byId = new Map<string, ListRecord>();
  const rejected = [...parsed.rejected];
  parsed.records.forEach((r) => {
    if (byId.has(r.externalId))
      rejected.push({ record: 0, reason: `${r.externalId} appears twice; the first is kept` });
    else byId.set(r.externalId, r);
  });
  if (byId.size === 0 && parsed.records.length === 0 && rejected.length > 0) {
    throw badRequest(`no usable record in the list (first problem: ${rejected[0]!.reason})`, { rejected });
  }
  const version =
    input.version ?? parsed.version ?? createHash('sha256').update(input.content).digest('hex').slice(0, 12);
  const source = input.source ?? parsed.source ?? input.name;
  const importId = randomUUID();

  const report = await ctx.db.transaction().execute(async (trx) => {
    const db = screeningDb(trx);
    const entriesVersion = await bumpEntriesVersion(db);
    const list = await findListByName(db, input.name);
    const listId = list?.id ?? randomUUID();
    const existing = list ? await entryDigests(db, listId) : [];
    const known = new Map(existing.map((e) => [e.external_id, e]));
    const changes = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
    const toInsert = [];
    const toDelete: string[] = [];
    let unchanged = 0;
    for (const r of byId.values()) {
      const digest = digestOf(r);
      const old = known.get(r.externalId);
      if (old && old.digest === digest) {
        unchanged++;
        continue;
      }
      if (old) {
        toDelete.push(old.id);
        changes.changed.push(r.name);
      } else changes.added.push(r.name);
      toInsert.push({
        id: old?.id ?? randomUUID(),
        list_id: listId,
        external_id: r.externalId,
        name: r.name,
        aliases: JSON.stringify(r.aliases),
        countries: JSON.stringify(r.countries),
        domains: JSON.stringify(r.domains),
        programs: JSON.stringify(r.programs),
        remarks: r.remarks,
        source_url: r.sourceUrl,
        digest,
      });
    }
    for (const e of existing) {
      if (byId.has(e.external_id)) continue;
      toDelete.push(e.id);
      changes.removed.push(e.name);
    }
    const now = new Date();
    if (!list) {
      await db
        .insertInto('screening_lists')
        .values({
          id: listId,
          name: input.name,
          format: input.format,
          source,
          version,
          imported_at: now,
          entry_count: byId.size,
        })
        .execute();
    } else {
      await db
        .updateTable('screening_lists')
        .set({ format: input.format, source, version, imported_at: now, entry_count: byId.size })
        .where('id', '=', listId)
        .execute();
    }
    // A changed entry keeps its id: its old row goes, the new one comes in the same transaction.
    await deleteEntries(db, toDelete);
    await insertEntries(db, toInsert);
    await recordEntryChanges(db, entriesVersion, [...toDelete, ...toInsert.map((r) => r.id)]);
    const named = {
      added: changes.added.slice(0, NAMED_CHANGES),
      changed: changes.changed.slice(0, NAMED_CHANGES),
      removed: changes.removed.slice(0, NAMED_CHANGES),
    };
    await db
      .insertInto('screening_list_imports')
      .values({
        id: importId,
        list_id: listId,
        format: input.format,
        source,
        version,
        added: changes.added.length,
        changed: changes.changed.length,
        removed: changes.removed.length,
        unchanged,
        rejected: JSON.stringify(rejected),
        changes: JSON.stringify(named),
        imported_by: actor.label,
      })
      .execute();
    const counts = { added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length };
    await recordAudit(trx, actor, {
      action: 'screening_list.imported',
      objectType: 'screening_list',
      objectId: listId,
      details: { name: input.name, format: input.format, version, ...counts, rejected: rejected.length },
    });
    return { importId, listId, name: input.name, version, ...counts, unchanged, rejected, changes: named };
  });
  const changed = report.added + report.changed + report.removed > 0;
  if (changed) await ctx.jobs.send(rescreenJob(ctx), { importId }, { singletonKey: importId });
  return { ...report, rescreenQueued: changed };
}

export const screeningLists = (ctx: CoreContext) => listLists(screeningDb(ctx.db));
export const screeningListImports = (ctx: CoreContext, listId: string) => listImports(screeningDb(ctx.db), listId);
