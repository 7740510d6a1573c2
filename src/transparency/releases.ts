import { createHash, randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import { canonicalJson } from '../core/audit/canonical-json.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, forbidden, invalidState, notFound } from '../core/errors.ts';
import { aggregateReport } from './aggregate.ts';
import { lastCompletePeriod, parsePeriod } from './periods.ts';
import type { TransparencyReport } from './report-schema.ts';
import { getRelease, releasesOfPeriod, updateRelease, insertRelease, deleteRelease } from './store/releases-store.ts';
import { transparencyDb } from './store/tables.ts';

export const contentHash = (content: TransparencyReport) =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');

const who = (actor: Actor) => actor.id ?? actor.label;

/** The period named, or the last complete one of the configured length. */
export const periodOrDefault = (ctx: CoreContext, period?: string) =>
  period ? parsePeriod(period) : lastCompletePeriod(ctx.config.transparencyPeriod);

/**
 * Builds the report for a period as a draft. A draft not yet published is rebuilt in place (and must be reviewed
 * again); once a period has a published release, a new build is a correction: a new version with a change note.
 */
export async function buildDraft(ctx: CoreContext, actor: Actor, input: { period?: string; change_note?: string }) {
  const period = periodOrDefault(ctx, input.period);
  if (period.end > new Date()) throw badRequest(`period ${period.id} has not ended yet`);
  const content = await aggregateReport(ctx, period, {
    provider: ctx.config.providerName,
    threshold: ctx.config.transparencyThreshold,
    nationalSecurityBand: ctx.config.transparencyNationalSecurityBand,
  });
  const hash = contentHash(content);
  return ctx.db.transaction().execute(async (trx) => {
    const db = transparencyDb(trx);
    const existing = await releasesOfPeriod(db, period.id);
    const published = existing.find((r) => r.state === 'published');
    const note = input.change_note?.trim() || null;
    if (published && !note) {
      throw badRequest(
        `${period.id} already has a published release (version ${published.version}): a correction needs a change note saying what changed`,
      );
    }
    const open = existing.find((r) => r.state !== 'published');
    const id = open?.id ?? randomUUID();
    const version = open?.version ?? (existing[0]?.version ?? 0) + 1;
    if (open) {
      await updateRelease(db, id, {
        state: 'draft',
        content: JSON.stringify(content),
        content_hash: hash,
        change_note: note,
        created_by: who(actor),
        approved_by: null,
        approved_at: null,
      });
    } else {
      await insertRelease(db, {
        id,
        period: period.id,
        version,
        state: 'draft',
        source: 'records',
        content: JSON.stringify(content),
        content_hash: hash,
        change_note: note,
        created_by: who(actor),
      });
    }
    await recordAudit(trx, actor, {
      action: 'transparency_release.drafted',
      objectType: 'transparency_release',
      objectId: id,
      details: { period: period.id, version, content_hash: hash, rebuilt: Boolean(open) },
    });
    return { id, period: period.id, version, state: 'draft' as const, content_hash: hash };
  });
}

/**
 * A reviewer's approval of a draft: an identified person (signed in, or their token), never the one who built it.
 * The command line and the system act unidentified, so they cannot approve: their builds are reviewed in the console
 * or over the API like any other.
 */
export async function approveRelease(ctx: CoreContext, actor: Actor, id: string, note?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const db = transparencyDb(trx);
    const row = await getRelease(db, id, true);
    if (!row) throw notFound(`no release ${id}`);
    if (row.state !== 'draft') throw invalidState(`release ${row.period} v${row.version} is ${row.state}, not a draft`);
    if (!actor.id) throw forbidden('a release is approved by an identified reviewer, signed in, not by the system');
    if (row.created_by === actor.id) throw forbidden('a release is reviewed by someone other than its builder');
    await updateRelease(db, id, { state: 'approved', approved_by: who(actor), approved_at: new Date() });
    await recordAudit(trx, actor, {
      action: 'transparency_release.approved',
      objectType: 'transparency_release',
      objectId: id,
      details: { period: row.period, version: row.version, content_hash: row.content_hash, note: note ?? null },
    });
    return { id, state: 'approved' as const };
  });
}

/** Publishes an approved release. From then on the database refuses any change to it. */
export async function publishRelease(ctx: CoreContext, actor: Actor, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const db = transparencyDb(trx);
    const row = await getRelease(db, id, true);
    if (!row) throw notFound(`no release ${id}`);
    if (row.state !== 'approved') {
      throw invalidState(
        row.state === 'draft'
          ? `release ${row.period} v${row.version} must be reviewed and approved before it is published`
          : `release ${row.period} v${row.version} is already published`,
      );
    }
    // Approval is checked again here, so that no release approved under a weaker rule is ever published.
    if (!row.approved_by || row.approved_by === row.created_by)
      throw invalidState(`release ${row.period} v${row.version} was not approved by someone other than its builder`);
    const hash = contentHash(row.content);
    if (hash !== row.content_hash)
      throw invalidState('the release changed after it was approved; rebuild and review it');
    const publishedAt = new Date();
    await updateRelease(db, id, { state: 'published', published_by: who(actor), published_at: publishedAt });
    await recordAudit(trx, actor, {
      action: 'transparency_release.published',
      objectType: 'transparency_release',
      objectId: id,
      details: {
        period: row.period,
        version: row.version,
        content_hash: hash,
        change_note: row.change_note,
        built_by: row.created_by,
        approved_by: row.approved_by,
      },
    });
    return { id, state: 'published' as const, content_hash: hash, published_at: publishedAt.toISOString() };
  });
}

/** Throws away a draft or an approved release that was never published. */
export async function discardRelease(ctx: CoreContext, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const db = transparencyDb(trx);
    const row = await getRelease(db, id, true);
    if (!row) throw notFound(`no release ${id}`);
    if (row.state === 'published') throw invalidState('a published release stays; publish a correction instead');
    await deleteRelease(db, id);
    await recordAudit(trx, actor, {
      action: 'transparency_release.discarded',
      objectType: 'transparency_release',
      objectId: id,
      details: { period: row.period, version: row.version },
    });
  });
}
