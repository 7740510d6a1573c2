import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { RevealReasonBody } from '../core/http/reveal-reason.ts';
import { problems } from '../core/http/schemas.ts';
import { RequestBody } from './request-routes.ts';
import { requestStates } from './states.ts';
import {
  criteria,
  decide,
  decisions,
  disclose,
  recordCallback,
  requestClarification,
  revealTargets,
  reviewerRequest,
  reviewerRequests,
  secondApproval,
  startReview,
  submitRequest,
} from './service.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Answer = Type.Object(
  {
    answer: Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('not_applicable')]),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
const err = problems(400, 401, 403, 404, 409);

/** Legal reviewers: intake of requests received otherwise, review, decisions, disclosure. */
export function reviewRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/lawful/requests',
    {
      config: { permission: 'lawful:review' },
      schema: {
        tags: ['lawful'],
        summary: 'Enter a request received another way (e-mail, post): `sender_email` says where it came from',
        body: Type.Object(
          {
            ...RequestBody,
            agency_id: Type.String({ format: 'uuid' }),
            sender_email: Type.String({ format: 'email' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), state: Type.String() }), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const r = await submitRequest(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.body);
      reply.code(201);
      return { id: r.id, state: r.state };
    },
  );

  app.get(
    '/api/lawful/requests',
    {
      config: { permission: 'lawful:read' },
      schema: {
        tags: ['lawful'],
        summary: 'Requests with their safeguard assessments, newest first (targets only as counts)',
        querystring: Type.Object(
          { state: Type.Optional(Type.Union(requestStates.map((s) => Type.Literal(s)))) },
          { additionalProperties: false },
        ),
        response: { ...problems(400, 401, 403) },
      },
    },
    async (req) => ({
      requests: await reviewerRequests(ctx, actorOf(req.principal, req.ip, req.id), req.query.state),
    }),
  );

  app.get(
    '/api/lawful/requests/:id',
    {
      config: { permission: 'lawful:read' },
      schema: {
        tags: ['lawful'],
        summary: 'A request, its assessment and review trail; targets masked (revealing them is its own POST)',
        params: Id,
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => reviewerRequest(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.params.id),
  );

  app.post(
    '/api/lawful/requests/:id/reveal',
    {
      config: { permission: 'lawful:reveal' },
      schema: {
        tags: ['lawful'],
        summary: "Reveal a request's target identifiers and emergency narrative, with a stated reason (audited)",
        params: Id,
        // The reason goes in the body only: query strings end up in access logs and browser history.
        querystring: Type.Object({}, { additionalProperties: false }),
        body: RevealReasonBody,
        response: {
          200: Type.Object({
            id: Type.String(),
            target_identifiers: Type.Array(Type.String()),
            emergency_narrative: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) =>
      revealTargets(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.params.id, req.body.reason),
  );

  const act = (
    path: string,
    summary: string,
    body: ReturnType<typeof Type.Object> | null,
    run: (id: string, actor: ReturnType<typeof actorOf>, body: never) => Promise<unknown>,
  ) =>
    app.post(
      `/api/lawful/requests/:id/${path}`,
      {
        config: { permission: 'lawful:review' },
        schema: { tags: ['lawful'], summary, params: Id, ...(body ? { body } : {}), response: { ...err } },
      },
      async (req) => run(req.params.id, actorOf(req.principal, req.ip, req.id), req.body as never),
    );

  act('review', 'Start reviewing a submitted request', null, (id, actor) => startReview(ctx, actor, id));
  act(
    'callbacks',
    'Record a callback through a contact registered for the agency (required before any emergency disclosure)',
    Type.Object(
      {
        contact_id: Type.String({ format: 'uuid' }),
        outcome: Type.Union([Type.Literal('confirmed'), Type.Literal('not_confirmed')]),
        notes: Type.String({ maxLength: 5000 }),
      },
      { additionalProperties: false },
    ),
    (id, actor, body: { contact_id: string; outcome: 'confirmed' | 'not_confirmed'; notes: string }) =>
      recordCallback(ctx, actor, id, body),
  );
  act(
    'clarification',
    'Ask the agency a question (the request waits for the answer)',
    Type.Object({ question: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false }),
    (id, actor, body: { question: string }) => requestClarification(ctx, actor, id, body.question),
  );
  act(
    'decision',
    `Decide (${decisions.join(', ')}) with the rights checklist (${criteria.join(', ')})`,
    Type.Object(
      {
        decision: Type.Union(decisions.map((d) => Type.Literal(d))),
        reasons: Type.String({ minLength: 3, maxLength: 20_000 }),
        checklist: Type.Object(Object.fromEntries(criteria.map((c) => [c, Type.Optional(Answer)])), {
          additionalProperties: false,
        }),
      },
      { additionalProperties: false },
    ),
    (id, actor, body: Parameters<typeof decide>[3]) => decide(ctx, actor, id, body),
  );
  act(
    'second-approval',
    'The second reviewer agrees with the decision, or sends the request back to review',
    Type.Object(
      { agree: Type.Boolean(), reasons: Type.String({ minLength: 3, maxLength: 20_000 }) },
      { additionalProperties: false },
    ),
    (id, actor, body: { agree: boolean; reasons: string }) => secondApproval(ctx, actor, id, body),
  );
  act('disclose', 'Disclose the approved data: every safeguard is checked again first', null, (id, actor) =>
    disclose(ctx, actor, id),
  );
}
