import type { CoreContext } from '../core/context.ts';
import { NameIndex } from './matcher/name-index.ts';
import type { MatchableEntry } from './matcher/types.ts';
import { entriesByIds, entriesPage, entriesState, entryChangesBetween } from './store/lists-store.ts';
import { screeningDb, type ScreeningDb } from './store/tables.ts';

/** A list entry in the in-memory index: what the matcher needs plus what a result shows. */
export interface IndexedEntry extends MatchableEntry {
  readonly externalId: string;
  readonly programs: readonly string[];
  readonly sourceUrl: string | null;
}

interface Cached {
  version: number;
  index: Promise<NameIndex<IndexedEntry>>;
}

// One index per database handle (the server's, a test's), brought up to date when the entries version moves.
const cache = new WeakMap<object, Cached>();
const PAGE = 5_000;

/**
 * The index of every list entry, built from the database on first use. After an import it catches up in place
 * from the change log: only the entries the import touched are read again, so the next screen waits
 * milliseconds, not the minute a million entries take to build. It is built afresh when it is further behind than
 * the log reaches, or when more than half of it changed (removed names would linger). One query per call checks
 * the version; concurrent callers share one build or update, and wait for it, so no screen sees a half-applied import.
 */
export async function currentIndex(ctx: CoreContext): Promise<{ index: NameIndex<IndexedEntry>; version: number }> {
  const db = screeningDb(ctx.db);
  const { version, changesFrom } = await entriesState(db);
  let cached = cache.get(ctx.db);
  if (!cached) {
    cached = remember(ctx, { version, index: buildIndex(ctx, db) });
  } else if (cached.version < version) {
    const from = cached;
    cached = remember(ctx, {
      version,
      index: from.index.then((index) =>
        from.version >= changesFrom ? catchUp(ctx, db, index, from.version, version) : buildIndex(ctx, db),
      ),
    });
  }
  return { index: await cached.index, version: cached.version };
}

function remember(ctx: CoreContext, cached: Cached): Cached {
  cache.set(ctx.db, cached);
  cached.index.catch(() => {
    if (cache.get(ctx.db) === cached) cache.delete(ctx.db);
  });
  return cached;
}

async function catchUp(
  ctx: CoreContext,
  db: ScreeningDb,
  index: NameIndex<IndexedEntry>,
  after: number,
  upTo: number,
): Promise<NameIndex<IndexedEntry>> {
  const started = performance.now();
  const ids = (await entryChangesBetween(db, after, upTo)).map((r) => r.entry_id);
  if (ids.length > index.size / 2 || index.removedNames > index.names.length / 2) return buildIndex(ctx, db);
  const rows = [];
  for (let i = 0; i < ids.length; i += PAGE) rows.push(...(await entriesByIds(db, ids.slice(i, i + PAGE))));
  // Applied in one synchronous step, after every read: a screen runs before or after an import, never halfway.
  for (const id of ids) index.remove(id);
  for (const r of rows) index.add(toIndexed(r));
  const ms = Math.round(performance.now() - started);
  ctx.log.info({ changed: ids.length, entries: index.size, ms }, 'screening index updated');
  return index;
}

async function buildIndex(ctx: CoreContext, db: ScreeningDb): Promise<NameIndex<IndexedEntry>> {
  const index = new NameIndex<IndexedEntry>();
  let after: string | null = null;
  for (;;) {
    const rows = await entriesPage(db, after, PAGE);
    for (const r of rows) index.add(toIndexed(r));
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  ctx.log.info({ entries: index.size, names: index.names.length }, 'screening index built');
  return index;
}

type EntryRow = Awaited<ReturnType<typeof entriesPage>>[number];

const toIndexed = (r: EntryRow): IndexedEntry => ({
  id: r.id,
  externalId: r.external_id,
  listName: r.list_name,
  name: r.name,
  aliases: r.aliases,
  countries: r.countries,
  domains: r.domains,
  programs: r.programs,
  sourceUrl: r.source_url,
});
