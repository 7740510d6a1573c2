import type { CoreContext } from '../core/context.ts';
import { badRequest, notFound } from '../core/errors.ts';
import { render, type ExportFormat } from './formats/index.ts';
import { parsePeriod } from './periods.ts';
import { getRelease, latestPublished, listReleases, type ReleaseRow } from './store/releases-store.ts';
import { transparencyDb } from './store/tables.ts';

/** Who is reading: the public sees published releases only; staff also see drafts. */
export type Audience = 'public' | 'staff';

export const releases = (ctx: CoreContext, audience: Audience, period?: string) =>
  listReleases(transparencyDb(ctx.db), {
    publishedOnly: audience === 'public',
    ...(period ? { period: parsePeriod(period).id } : {}),
  });

/** One release; a draft is "not found" to the public, exactly like a release that does not exist. */
export async function release(ctx: CoreContext, audience: Audience, id: string): Promise<ReleaseRow> {
  const row = await getRelease(transparencyDb(ctx.db), id);
  if (!row || (audience === 'public' && row.state !== 'published')) throw notFound(`no published release ${id}`);
  return row;
}

export async function exportRelease(ctx: CoreContext, audience: Audience, id: string, format: ExportFormat) {
  const row = await release(ctx, audience, id);
  const file = render([row.content], format);
  return { ...file, filename: `accord-transparency-${row.period}-v${row.version}.${file.suffix}` };
}

/** The published series: the newest version of each period (all periods, or those named), oldest first. */
export async function exportSeries(ctx: CoreContext, format: ExportFormat, periods?: readonly string[]) {
  const ids = periods?.map((p) => parsePeriod(p).id);
  const rows = await latestPublished(transparencyDb(ctx.db), ids);
  const missing = ids?.filter((id) => !rows.some((r) => r.period === id)) ?? [];
  if (missing.length > 0) throw badRequest(`no published release for ${missing.join(', ')}`);
  const file = render(
    rows.map((r) => r.content),
    format,
  );
  const name = ids?.length === 1 ? ids[0] : 'series';
  return { ...file, filename: `accord-transparency-${name}.${file.suffix}` };
}

/**
 * What the public page draws: for each published period (newest version, oldest period first) the totals, the
 * outcome shares, the people notified and each country's requests. Small, so a chart needs one request.
 */
export async function publicSeries(ctx: CoreContext) {
  const rows = await latestPublished(transparencyDb(ctx.db));
  return rows.map((row) => {
    const r = row.content;
    return {
      period: r.period.id,
      ending: r.period.ending,
      release_id: row.id,
      version: row.version,
      totals: r.totals,
      emergency: r.emergency,
      preservation: r.preservation,
      national_security: r.national_security,
      notifications: r.notifications,
      countries: r.countries.map((c) => ({
        code: c.code,
        name: c.name,
        region: c.region,
        requests: c.requests,
        accounts: c.accounts,
        percentage_disclosed: c.percentage_disclosed,
        percentage_content: c.percentage_content,
        percentage_non_content_only: c.percentage_non_content_only,
        percentage_no_data: c.percentage_no_data,
        percentage_rejected: c.percentage_rejected,
      })),
    };
  });
}
