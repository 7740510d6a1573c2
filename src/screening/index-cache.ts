import type { CoreContext } from '../core/context.ts';
import { NameIndex } from './matcher/name-index.ts';
import type { MatchableEntry } from './matcher/types.ts';
import { entriesPage, entriesVersion } from './store/lists-store.ts';
import { screeningDb } from './store/tables.ts';

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

// One index per database handle (the server's, a test's), rebuilt when the entries version moves.
const cache = new WeakMap<object, Cached>();
const PAGE = 5_000;

/**
 * The index of every list entry, built from the database on first use and again after an import changed entries
 * (one query per call checks the version). Concurrent callers share one build.
 */
export async function currentIndex(ctx: CoreContext): Promise<{ index: NameIndex<IndexedEntry>; version: number }> {
  const db = screeningDb(ctx.db);
  const version = await entriesVersion(db);
  let cached = cache.get(ctx.db);
  if (!cached || cached.version !== version) {
    cached = { version, index: buildIndex(ctx) };
    cache.set(ctx.db, cached);
    cached.index.catch(() => cache.delete(ctx.db));
  }
  return { index: await cached.index, version };
}

async function buildIndex(ctx: CoreContext): Promise<NameIndex<IndexedEntry>> {
  const db = screeningDb(ctx.db);
  const index = new NameIndex<IndexedEntry>();
  let after: string | null = null;
  for (;;) {
    const rows = await entriesPage(db, after, PAGE);
    for (const r of rows) {
      index.add({
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
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  ctx.log.info({ entries: index.size, names: index.names.length }, 'screening index built');
  return index;
}
