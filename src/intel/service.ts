import type { Readable } from 'node:stream';
import type { Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, notFound } from '../core/errors.ts';
import { exportBundle } from './export/bundle.ts';
import { toMvtBundle } from './export/mvt.ts';
import { ingestObjects, type IngestOptions } from './ingest/ingest.ts';
import type { ImportProgress, ImportReport } from './ingest/report.ts';
import { activeComplexPatterns, activeValues, intelWatermark } from './query/active.ts';
import { attributionOf } from './query/graph.ts';
import { listActors, listObjects, UnknownActorError, type ObjectFilter } from './query/list.ts';
import { presentSummary } from './query/present.ts';
import { searchValue } from './query/search.ts';
import { detectFormat, importFormats, type ImportFormat } from './sources/detect-format.ts';
import { openUrl } from '../core/io/open-url.ts';
import { peek, type OpenedSource } from '../core/io/source-stream.ts';
import { readerFor } from './sources/readers.ts';
import { getImport, listImports } from './store/imports-store.ts';
import { versionsOf } from './store/read-store.ts';
import { intelDb } from './store/tables.ts';

export type { ImportReport, ImportProgress, ObjectFilter, ImportFormat };
export type { ActiveValue, ActivePattern } from './query/active.ts';
export type { LinkedObject } from './query/graph.ts';
export { importFormats };
export {
  normalizeDomain,
  normalizeEmail,
  normalizeHash,
  normalizeIp,
  normalizeUrl,
  normalizeValue,
} from './values/normalize.ts';
/** TLP markings as other modules read them (sharing enforces them on the way out). */
export { tlpLevelOf, TLP, type TlpColour } from './stix/tlp.ts';
/** Whether a STIX type is a cyber-observable (sharing tells STIX 2.0 objects, which never carry spec_version, by it). */
export { isScoType } from './stix/object-types.ts';
/** Stable ids for objects other modules build (sightings, identities): the same input always gives the same id. */
export { deterministicId } from './importers/ids.ts';
export {
  publicProfile,
  publicProfiles,
  publishProfile,
  unpublishProfile,
  publiclyShareable,
  PROFILE_TYPES,
} from './public-profiles.ts';

export interface ImportRequest {
  format?: ImportFormat;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops the import after the batch being stored (see IngestOptions.signal). */
  signal?: AbortSignal;
}

/**
 * Imports from an http(s) URL in any supported format (see openUrl: every hop checked, the disk never read); see
 * ingestObjects for what is kept and refused. What arrives over HTTP uses this, never a local path.
 */
export async function importFromUrl(ctx: CoreContext, actor: Actor, url: string, request: ImportRequest = {}) {
  return importOpened(ctx, actor, await openUrl(ctx.config, url, request.signal), request);
}

/** Imports an opened source (a URL, or what the CLI opened for its operator) in any supported format. */
export async function importOpened(
  ctx: CoreContext,
  actor: Actor,
  source: OpenedSource,
  request: ImportRequest,
): Promise<ImportReport> {
  const { head, stream } = await peek(source.stream, 4096);
  const format = request.format ?? detectFormat(head.toString('utf8'), source.name);
  return importStream(ctx, actor, stream, {
    source: source.name,
    format,
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    bytes: () => ({ read: source.bytesRead(), ...(source.size !== undefined ? { total: source.size } : {}) }),
  });
}

/** Imports an already open stream in a known format (the API uses this for uploaded bodies). */
export async function importStream(
  ctx: CoreContext,
  actor: Actor,
  stream: Readable,
  options: Omit<IngestOptions, 'sourceRejected' | 'notes'> & { format: ImportFormat },
): Promise<ImportReport> {
  const reader = await readerFor(ctx, options.format, stream, options.source);
  return ingestObjects(ctx, actor, reader.objects, {
    ...options,
    sourceRejected: reader.rejected,
    notes: reader.notes,
  });
}

/** Imports objects already in memory (a parsed bundle posted to the API, objects built by another module). */
export const importObjects = (ctx: CoreContext, actor: Actor, objects: Iterable<unknown>, source: string) =>
  ingestObjects(ctx, actor, objects, { source, format: 'stix' });

export const searchIndicators = (ctx: CoreContext, value: string, options?: { limit?: number }) =>
  searchValue(intelDb(ctx.db), value, options);

/** The latest versions matching a filter, a page at a time. */
export async function findObjects(ctx: CoreContext, filter: ObjectFilter) {
  try {
    const page = await listObjects(intelDb(ctx.db), filter);
    return { objects: page.objects, next: page.next };
  } catch (error) {
    if (error instanceof UnknownActorError) throw badRequest(error.message);
    throw error;
  }
}

export const actors = (ctx: CoreContext) => listActors(intelDb(ctx.db));

/** One object: its latest version, or a given version (`modified` timestamp), or all of them. */
export async function getObject(ctx: CoreContext, id: string, version?: string) {
  const versions = await versionsOf(intelDb(ctx.db), id);
  if (versions.length === 0) throw notFound(`no object ${id}`);
  if (version === 'all') return versions;
  const chosen = version
    ? versions.filter((v) => v.version === version || new Date(v.modified_at).getTime() === Date.parse(version))
    : versions.filter((v) => v.is_latest);
  if (chosen.length === 0) throw notFound(`object ${id} has no version ${version}`);
  return chosen;
}

export async function objectContext(ctx: CoreContext, id: string) {
  const [latest] = await getObject(ctx, id);
  return { object: presentSummary(latest!), attribution: await attributionOf(intelDb(ctx.db), id) };
}

export const importReport = async (ctx: CoreContext, id: string) => {
  const row = await getImport(intelDb(ctx.db), id, ctx.config.intelImportLeaseSeconds);
  if (!row) throw notFound(`no import ${id}`);
  return row;
};

export const recentImports = (ctx: CoreContext, limit = 50) =>
  listImports(intelDb(ctx.db), limit, ctx.config.intelImportLeaseSeconds);

/** A STIX bundle of the matching objects; the `mvt` flavour is what the Mobile Verification Toolkit loads. */
export async function exportObjects(
  ctx: CoreContext,
  filter: Omit<ObjectFilter, 'after' | 'limit'>,
  flavour: 'stix' | 'mvt' = 'stix',
) {
  try {
    const bundle = await exportBundle(intelDb(ctx.db), filter);
    return flavour === 'mvt' ? toMvtBundle(bundle) : { ...bundle, omitted: [] };
  } catch (error) {
    if (error instanceof UnknownActorError) throw badRequest(error.message);
    throw error;
  }
}

/**
 * Every active indicator value (latest, unrevoked, valid now), in pages: the detection engine's input.
 * Pass the last page's final `seq` as `after` to continue.
 */
export const activeIndicatorValues = (ctx: CoreContext, after?: number, limit?: number, at = new Date()) =>
  activeValues(intelDb(ctx.db), at, after, limit);

/** Active indicators whose pattern is more than a set of simple comparisons. */
export const activeComplexIndicators = (ctx: CoreContext, at = new Date()) =>
  activeComplexPatterns(intelDb(ctx.db), at);

/** Who is behind an indicator (see attributionOf): for detections. */
export const attributionOfIndicator = (ctx: CoreContext, indicatorId: string) =>
  attributionOf(intelDb(ctx.db), indicatorId);

/** A number that grows whenever intelligence is stored (for caches of derived indexes). */
export const intelVersion = (ctx: CoreContext) => intelWatermark(intelDb(ctx.db));
