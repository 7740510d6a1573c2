import { Type } from '@sinclair/typebox';
import type { ReleaseSummary } from './store/releases-store.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** What anyone may know of a published release. */
export const PublicRelease = Type.Object({
  id: Type.String({ format: 'uuid' }),
  period: Type.String(),
  version: Type.Integer(),
  source: Type.String(),
  content_hash: Type.String({ description: 'SHA-256 of the report’s canonical JSON, as recorded in the audit log' }),
  change_note: Nullable(Type.String()),
  published_at: Nullable(Type.String({ format: 'date-time' })),
  superseded: Type.Boolean({ description: 'A later version of this period corrects it' }),
});

/** Staff also see drafts and who built, reviewed and published each release. */
export const StaffRelease = Type.Object({
  ...PublicRelease.properties,
  state: Type.String(),
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  approved_by: Nullable(Type.String()),
  approved_at: Nullable(Type.String({ format: 'date-time' })),
  published_by: Nullable(Type.String()),
});

function superseded(row: ReleaseSummary, all: readonly ReleaseSummary[]) {
  return all.some((r) => r.period === row.period && r.state === 'published' && r.version > row.version);
}

export const presentPublic = (row: ReleaseSummary, all: readonly ReleaseSummary[]) => ({
  id: row.id,
  period: row.period,
  version: row.version,
  source: row.source,
  content_hash: row.content_hash,
  change_note: row.change_note,
  published_at: iso(row.published_at),
  superseded: superseded(row, all),
});

export const presentStaff = (row: ReleaseSummary, all: readonly ReleaseSummary[]) => ({
  ...presentPublic(row, all),
  state: row.state,
  created_by: row.created_by,
  created_at: iso(row.created_at)!,
  approved_by: row.approved_by,
  approved_at: iso(row.approved_at),
  published_by: row.published_by,
});
