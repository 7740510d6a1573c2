import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { RevealReasonBody } from '../core/http/reveal-reason.ts';
import { problems } from '../core/http/schemas.ts';
import { caseLanguageRoutes } from './language-routes.ts';
import {
  addCaseNote,
  assignCase,
  caseSectors,
  caseStates,
  listCases,
  mergeCases,
  revealCaseSubject,
  setCaseContext,
  splitCase,
  syncCases,
  transitionCase,
  viewCase,
} from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Case = Type.Object({
  id: Type.String(),
  subject_ref: Type.String(),
  actor: Type.String(),
  state: Type.String(),
  state_reason: Nullable(Type.String()),
  assignee_id: Nullable(Type.String()),
  first_seen: Type.String(),
  last_seen: Type.String(),
  confidence: Type.Integer(),
  country: Nullable(Type.String()),
  sector: Nullable(Type.String()),
});
const CaseDetail = Type.Composite([
  Case,
  Type.Object({
    timeline: Type.Array(
      Type.Object({
        detection_id: Type.String(),
        indicator_id: Type.String(),
        matched_value: Type.String(),
        first_seen: Type.String(),
        last_seen: Type.String(),
        count: Type.Integer(),
        confidence: Type.Integer(),
        retroactive: Type.Boolean(),
      }),
    ),
    notes: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        author: Type.String(),
        body: Type.String(),
        created_at: Type.String(),
      }),
    ),
  }),
]);
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const State = Type.Union(caseStates.map((s) => Type.Literal(s)));

export function casesRoutes(app: AccordApp, ctx: CoreContext) {
  caseLanguageRoutes(app, ctx);
  app.get(
    '/api/cases',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'Targeting cases, most recently active first (people shown only as pseudonyms)',
        querystring: Type.Object(
          {
            state: Type.Optional(State),
            actor: Type.Optional(Type.String({ maxLength: 250 })),
            assignee: Type.Optional(Type.String({ format: 'uuid' })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ cases: Type.Array(Case) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => ({
      cases: await listCases(ctx, {
        limit: req.query.limit,
        ...(req.query.state ? { state: req.query.state } : {}),
        ...(req.query.actor ? { actor: req.query.actor } : {}),
        ...(req.query.assignee ? { assigneeId: req.query.assignee } : {}),
      }),
    }),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'One case with its timeline and notes, not whom it concerns (revealing that is its own POST)',
        params: Params,
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: CaseDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => viewCase(ctx, actorOf(req.principal, req.ip, req.id), req.params.id),
  );

  app.post(
    '/api/cases/:id/reveal',
    {
      config: { permission: 'cases:reveal' },
      schema: {
        tags: ['cases'],
        summary: 'Whom a case concerns, with a stated reason (audited with it)',
        params: Params,
        querystring: Type.Object({}, { additionalProperties: false }),
        body: RevealReasonBody,
        response: {
          200: Type.Object({ id: Type.String(), subject: Nullable(Type.String()) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => revealCaseSubject(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.reason),
  );

  app.post(
    '/api/cases/:id/transition',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Move a case to another state (dismissal needs a reason)',
        params: Params,
        body: Type.Object(
          { state: State, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Case, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      transitionCase(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.state, req.body.reason),
  );

  app.post(
    '/api/cases/:id/assign',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Assign a case to an analyst (null to nobody)',
        params: Params,
        body: Type.Object({ assignee: Nullable(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: { 200: Case, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => assignCase(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.assignee),
  );

  app.post(
    '/api/cases/:id/notes',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Add a note or a piece of evidence to a case',
        params: Params,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('note'), Type.Literal('evidence')], { default: 'note' }),
            body: Type.String({ minLength: 1, maxLength: 20_000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return addCaseNote(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body);
    },
  );

  app.patch(
    '/api/cases/:id',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: "Set a case's coarse context: country (ISO 3166-1 alpha-2) and sector, for figures and sightings",
        params: Params,
        body: Type.Object(
          {
            country: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z]{2}$' }), Type.Null()])),
            sector: Type.Optional(Type.Union([...caseSectors.map((s) => Type.Literal(s)), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Case, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => setCaseContext(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body),
  );

  app.post(
    '/api/cases/:id/merge',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Merge other open cases of the same person into this one',
        params: Params,
        body: Type.Object(
          { from: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: Case, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => mergeCases(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.from),
  );

  app.post(
    '/api/cases/:id/split',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Move some detections of this case into a new case (answers with the new case)',
        params: Params,
        body: Type.Object(
          { detections: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return splitCase(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.detections);
    },
  );

  app.post(
    '/api/cases/sync',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Bring cases up to date with detections now (the server also does it every few seconds)',
        response: { 200: Type.Object({ detections: Type.Integer(), newCases: Type.Integer() }), ...problems(401, 403) },
      },
    },
    async () => syncCases(ctx),
  );
}
