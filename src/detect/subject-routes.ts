import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { setAccountLanguage } from './subjects.ts';

/** The provider's account data about a person, by account (hashed at once; never stored or logged in clear). */
export function subjectRoutes(app: AccordApp, ctx: CoreContext) {
  app.put(
    '/api/subjects/language',
    {
      config: { permission: 'subjects:language' },
      schema: {
        tags: ['detect'],
        summary:
          "An account's language from the provider's account data (a BCP 47 tag or locale); notices to the person use it",
        body: Type.Object(
          {
            account: Type.String({ minLength: 1, maxLength: 320 }),
            language: Type.String({ minLength: 1, maxLength: 64 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ language: Type.String(), source: Type.Literal('provider') }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      const set = await setAccountLanguage(
        ctx,
        actorOf(req.principal, req.ip, req.id),
        req.body.account,
        req.body.language,
      );
      return { language: set.language, source: 'provider' as const };
    },
  );
}
