import { Type } from '@sinclair/typebox';
import type { CoreContext } from '../core/context.ts';
import { badRequest } from '../core/errors.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { noticeLanguages, NoticeTemplateError, renderNotice } from './render-notice.ts';
import { noticeRoutes } from './notice-routes.ts';
import { policyRoutes } from './policy-routes.ts';

const Value = Type.String({ minLength: 1, maxLength: 500 });

export function notifyRoutes(app: AccordApp, ctx: CoreContext) {
  noticeRoutes(app, ctx);
  policyRoutes(app, ctx);
  app.post(
    '/api/notifications/preview',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['notify'],
        summary: 'A notice rendered in one language with the given details: subject, plain text and HTML',
        body: Type.Object(
          {
            language: Type.Union(noticeLanguages.map((l) => Type.Literal(l))),
            variables: Type.Object(
              {
                name: Type.Optional(Value),
                provider: Value,
                help_url: Value,
                verify_url: Value,
                date: Value,
                account_url: Type.Optional(Value),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            language: Type.String(),
            dir: Type.String(),
            subject: Type.String(),
            text: Type.String(),
            html: Type.String(),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      try {
        return renderNotice(req.body.language, req.body.variables);
      } catch (error) {
        if (error instanceof NoticeTemplateError) throw badRequest(error.message);
        throw error;
      }
    },
  );
}
