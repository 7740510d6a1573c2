import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { Body, problems } from '../core/http/schemas.ts';
import {
  archiveParty,
  createParty,
  partiesList,
  partyKinds,
  partyRecord,
  rescreenParty,
  updateParty,
} from './parties.ts';
import { presentAlert, presentDecision, presentParty, presentQuestionnaire, presentResult } from './present.ts';
import { screenAndRecord } from './screen.ts';

const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Name = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' });
const Country = Type.Union([Type.String({ pattern: '^[A-Za-z]{2}$' }), Type.Null()]);
const Domain = Type.Union([Type.String({ minLength: 3, maxLength: 253 }), Type.Null()]);
const Aliases = Type.Array(Name, { maxItems: 50 });
const Screened = Type.Object(
  {
    id: Type.Optional(Type.String()),
    threshold: Type.Number(),
    matches: Type.Array(Open('a match with its explanation')),
  },
  { additionalProperties: true },
);

export function partyRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/screening/screen',
    {
      config: { permission: 'screening:read' },
      schema: {
        tags: ['screening'],
        summary: 'Screen a name against every imported list (nothing recorded but the audit entry)',
        body: Body({
          name: Name,
          aliases: Type.Optional(Aliases),
          country: Type.Optional(Country),
          domain: Type.Optional(Domain),
          threshold: Type.Optional(Type.Number({ minimum: 0.5, maximum: 1 })),
        }),
        response: { 200: Screened, ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const b = req.body;
      const outcome = await screenAndRecord(
        ctx,
        actorOf(req.principal, req.ip, req.id),
        { name: b.name, aliases: b.aliases ?? [], country: b.country ?? null, domain: b.domain ?? null },
        b.threshold,
      );
      return { threshold: outcome.threshold, entries: outcome.entries, matches: outcome.matches };
    },
  );

  app.post(
    '/api/screening/parties',
    {
      config: { permission: 'screening:write' },
      schema: {
        tags: ['screening'],
        summary: 'Record a customer, reseller, partner or vendor; it is screened at once and on every list change',
        body: Body({
          name: Name,
          kind: Type.Union(partyKinds.map((k) => Type.Literal(k))),
          aliases: Type.Optional(Aliases),
          country: Type.Optional(Country),
          domain: Type.Optional(Domain),
        }),
        response: { 201: Screened, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return createParty(ctx, actorOf(req.principal, req.ip, req.id), req.body);
    },
  );

  app.get(
    '/api/screening/parties',
    {
      config: { permission: 'screening:read' },
      schema: {
        tags: ['screening'],
        summary: 'Recorded parties, most recently changed first; `due=true` lists those whose review date has come',
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union(['pending', 'approved', 'approved_with_conditions', 'rejected'].map((s) => Type.Literal(s))),
            ),
            due: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ parties: Type.Array(Open('a party')) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query;
      const parties = await partiesList(ctx, {
        ...(q.status ? { status: q.status } : {}),
        dueForReview: q.due === true,
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.offset ? { offset: q.offset } : {}),
      });
      return { parties: parties.map(presentParty) };
    },
  );

  app.get(
    '/api/screening/parties/:id',
    {
      config: { permission: 'screening:read' },
      schema: {
        tags: ['screening'],
        summary: "A party's due-diligence record: screening history, questionnaires, decisions, alerts (audited)",
        params: Id,
        response: { 200: Open('the due-diligence record'), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const r = await partyRecord(ctx, actorOf(req.principal, req.ip, req.id), req.params.id);
      return {
        ...presentParty(r.party),
        screenings: r.results.map(presentResult),
        questionnaires: r.questionnaires.map(presentQuestionnaire),
        decisions: r.decisions.map(presentDecision),
        alerts: r.alerts.map(presentAlert),
      };
    },
  );

  app.patch(
    '/api/screening/parties/:id',
    {
      config: { permission: 'screening:write' },
      schema: {
        tags: ['screening'],
        summary: "Change a party's name, aliases, country, domain or kind; it is screened again",
        params: Id,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            kind: Type.Optional(Type.Union(partyKinds.map((k) => Type.Literal(k)))),
            aliases: Type.Optional(Aliases),
            country: Type.Optional(Country),
            domain: Type.Optional(Domain),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Screened, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => updateParty(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body),
  );

  app.post(
    '/api/screening/parties/:id/screen',
    {
      config: { permission: 'screening:write' },
      schema: {
        tags: ['screening'],
        summary: 'Screen a recorded party again now',
        params: Id,
        response: { 200: Screened, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => rescreenParty(ctx, actorOf(req.principal, req.ip, req.id), req.params.id),
  );

  app.delete(
    '/api/screening/parties/:id',
    {
      config: { permission: 'screening:write' },
      schema: {
        tags: ['screening'],
        summary: 'Archive a party: no more rescreening; its record stays',
        params: Id,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await archiveParty(ctx, actorOf(req.principal, req.ip, req.id), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
