import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { CoreContext } from '../core/context.ts';
import { AppError, serviceUnavailable } from '../core/errors.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { PAGE_CSP } from '../core/http/security-headers.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { actorPage, actorsPage } from './pages/actors.ts';
import { homePage } from './pages/home.ts';
import { transparencyPage } from './pages/transparency.ts';
import { isNoticeLanguage, warningPage, warningSamplePage } from './pages/warning.ts';

const here = dirname(fileURLToPath(import.meta.url));
const assets = resolve(here, 'assets');
const chartDist = dirname(createRequire(import.meta.url).resolve('chart.js'));
export const webDist = resolve(here, '../../web/dist');

const publicPage = { permission: 'public' as const, rateLimit: { max: 600, timeWindow: '1 minute' } };

/** The public site (server-rendered), its assets, and the console and agency portal (the built React app). */
export async function siteRoutes(app: AccordApp, ctx: CoreContext) {
  await app.register(fastifyStatic, { root: assets, serve: false });
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.header('content-security-policy', PAGE_CSP);
      return payload;
    });
    const htmlPage = (reply: FastifyReply, body: string, status = 200) =>
      reply.code(status).type('text/html; charset=utf-8').send(body);

    scope.get('/', { config: publicPage, schema: { hide: true } }, async (_req, reply) =>
      htmlPage(reply, homePage(ctx)),
    );
    scope.get('/transparency', { config: publicPage, schema: { hide: true } }, async (_req, reply) =>
      htmlPage(reply, await transparencyPage(ctx)),
    );
    scope.get('/actors', { config: publicPage, schema: { hide: true } }, async (_req, reply) =>
      htmlPage(reply, await actorsPage(ctx)),
    );
    scope.get<{ Params: { id: string } }>(
      '/actors/:id',
      { config: publicPage, schema: { hide: true } },
      async (req, reply) => {
        try {
          return htmlPage(reply, await actorPage(ctx, req.params.id));
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 404) throw error;
          return htmlPage(
            reply,
            page(
              ctx,
              '/actors',
              'Not found',
              html`<h1>No such profile</h1>
                <p><a href="/actors">All profiles</a></p>`,
            ),
            404,
          );
        }
      },
    );
    // `?lang=` shows our warning as it reads in one of the languages it is sent in; anything else, the English page.
    scope.get<{ Querystring: { lang?: string } }>(
      '/security-warning',
      { config: publicPage, schema: { hide: true } },
      async (req, reply) => {
        const lang = req.query.lang;
        return htmlPage(reply, isNoticeLanguage(lang) ? warningSamplePage(ctx, lang) : warningPage(ctx));
      },
    );
    scope.get('/site/site.css', { config: publicPage, schema: { hide: true } }, (_req, reply) =>
      reply.sendFile('site.css', assets),
    );
    scope.get('/site/transparency.js', { config: publicPage, schema: { hide: true } }, (_req, reply) =>
      reply.sendFile('transparency.js', assets),
    );
    scope.get('/site/vendor/chart.umd.js', { config: publicPage, schema: { hide: true } }, (_req, reply) =>
      reply.sendFile('chart.umd.min.js', chartDist, { maxAge: 86_400_000 }),
    );

    // The console and the agency portal: one React app; its routes are resolved in the browser.
    const app = (reply: FastifyReply) => {
      if (!existsSync(resolve(webDist, 'index.html')))
        throw serviceUnavailable('the web console is not built: run npm run build:web');
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDist);
    };
    scope.get<{ Params: { '*': string } }>('/ui/*', { config: publicPage, schema: { hide: true } }, (req, reply) =>
      reply.sendFile(req.params['*'], webDist, { immutable: true, maxAge: 31_536_000_000 }),
    );
    for (const path of ['/setup', '/console', '/console/*', '/portal', '/portal/*'])
      scope.get(path, { config: publicPage, schema: { hide: true } }, (_req, reply) => app(reply));
  });
}
