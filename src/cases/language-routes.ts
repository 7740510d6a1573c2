import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { caseSubjectLanguage, setCaseSubjectLanguage } from './subject-language.ts';

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Language = Type.Object({
  language: Type.String(),
  source: Type.Union([Type.Literal('telemetry'), Type.Literal('provider'), Type.Literal('analyst')]),
});

/** The preferred language of the person a case concerns: what their notices are written in. */
export function caseLanguageRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/cases/:id/language',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'The preferred language of the person a case concerns, and where it came from (null when unknown)',
        params: Params,
        response: {
          200: Type.Object({ language: Type.Union([Language, Type.Null()]) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => ({ language: await caseSubjectLanguage(ctx, req.params.id) }),
  );

  app.put(
    '/api/cases/:id/language',
    {
      config: { permission: 'subjects:language' },
      schema: {
        tags: ['cases'],
        summary: 'Choose the language of the person a case concerns (a BCP 47 tag); telemetry never overrides it',
        params: Params,
        body: Type.Object({ language: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Language, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) =>
      setCaseSubjectLanguage(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.language),
  );
}
