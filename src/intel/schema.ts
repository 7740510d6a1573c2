import { Type, type Static } from '@sinclair/typebox';
import { importFormats } from './sources/detect-format.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ObjectSummary = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Nullable(Type.String()),
  version: Type.String(),
  revoked: Type.Boolean(),
  tlp: Nullable(Type.String()),
  valid_from: Nullable(Type.String()),
  valid_until: Nullable(Type.String()),
  confidence: Nullable(Type.Integer()),
  added_at: Type.String(),
});

export const Linked = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Nullable(Type.String()),
  via: Type.String(),
  from: Type.String(),
  depth: Type.Integer(),
});

export const ImportReportSchema = Type.Object({
  importId: Type.String(),
  source: Type.String(),
  format: Type.String(),
  received: Type.Integer(),
  inserted: Type.Integer(),
  duplicates: Type.Integer(),
  olderVersions: Type.Integer(),
  rejectedCount: Type.Integer(),
  rejected: Type.Array(
    Type.Object({
      record: Type.String(),
      id: Type.Optional(Type.String()),
      value: Type.Optional(Type.String()),
      reason: Type.String(),
    }),
  ),
  insertedByType: Type.Record(Type.String(), Type.Integer()),
  indicatorsByKey: Type.Record(Type.String(), Type.Integer()),
  notes: Type.Array(Type.String()),
  batches: Type.Integer({ description: 'batches committed, each with its counts, in one transaction' }),
});

export const Format = Type.Union(importFormats.map((f) => Type.Literal(f)));

export const ObjectQuery = Type.Object(
  {
    type: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 250 })),
    key: Type.Optional(Type.String({ maxLength: 250, description: "e.g. domain-name:value, file:hashes.'SHA-256'" })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 250, description: 'name, alias or id' })),
    valid_at: Type.Optional(Type.String({ format: 'date-time' })),
    added_after: Type.Optional(Type.String({ format: 'date-time' })),
    include_revoked: Type.Boolean({ default: false }),
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'the `next` of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  },
  { additionalProperties: false },
);
export type ObjectQuery = Static<typeof ObjectQuery>;

export const ExportQuery = Type.Composite(
  [
    Type.Omit(ObjectQuery, ['after', 'limit']),
    Type.Object({ flavour: Type.Union([Type.Literal('stix'), Type.Literal('mvt')], { default: 'stix' }) }),
  ],
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

/** A query string to the service's filter. */
export const toFilter = (q: Omit<ObjectQuery, 'limit' | 'after'> & { limit?: number; after?: number }) => ({
  ...(q.type ? { type: q.type } : {}),
  ...(q.key ? { key: q.key } : {}),
  ...(q.actor ? { actor: q.actor } : {}),
  ...(q.valid_at ? { validAt: new Date(q.valid_at) } : {}),
  ...(q.added_after ? { addedAfter: new Date(q.added_after) } : {}),
  includeRevoked: q.include_revoked,
  ...(q.after !== undefined ? { after: q.after } : {}),
  ...(q.limit !== undefined ? { limit: q.limit } : {}),
});
