import { randomUUID } from 'node:crypto';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { CoreContext } from '../context.ts';
import { AppError, notFound, tooManyRequests } from '../errors.ts';
import type { AccordModule } from '../module.ts';
import { authorizeRequest, checkRouteDeclaration, type DeclaredRoute } from './access.ts';
import type { AccordApp } from './fastify-types.ts';
import { clientErrorHandler, frameworkErrorHandler, type ErrorFormat } from './framework-errors.ts';
import { healthRoutes } from './health.ts';
import { guardRequestInput } from './input-guard.ts';
import { answerPlainHttpOnTlsPort } from './plain-http-on-tls.ts';
import { logProblem } from './log-problem.ts';
import { sendProblem, toProblem } from './problem.ts';
import { publicBaseUrl } from './public-url.ts';
import { PAGE_CSP, setSecurityHeaders } from './security-headers.ts';
import { sharedRateLimitHook } from './shared-rate-limit.ts';
import { loadTlsFiles, type TlsFiles } from './tls.ts';
import { validatorCompiler } from './validation.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface BuiltApp {
  app: AccordApp;
  /** Every route with the permission it declared (the route-permission test reads this). */
  routes: readonly DeclaredRoute[];
}

/** Builds the HTTP service: plugins, the access check, every module's routes, errors as problem+json. */
export async function buildApp(
  ctx: CoreContext,
  modules: readonly AccordModule[],
  { tls = loadTlsFiles(ctx.config) }: { tls?: TlsFiles | undefined } = {},
): Promise<BuiltApp> {
  const { config } = ctx;
  // Filled by modules with a URL space of their own error format (TAXII); read by frameworkErrors.
  const errorFormats: ErrorFormat[] = [];
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler(errorFormats),
    clientErrorHandler: clientErrorHandler(errorFormats),
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
  }) as unknown as AccordApp;
  if (tls) {
    // Redirects name the port actually bound (ACCORD_PORT=0 picks one), never the request's Host header.
    const httpsBase = () => publicBaseUrl({ ...config, port: (app.server.address() as AddressInfo).port });
    const endPlainConnections = answerPlainHttpOnTlsPort(app.server as unknown as HttpsServer, httpsBase);
    app.addHook('preClose', async () => endPlainConnections());
  }
  app.setValidatorCompiler(validatorCompiler);
  app.decorateRequest('principal', undefined);
  app.decorate('errorFormats', errorFormats);

  // Registered before the access hook: cookies must be parsed by the time it runs.
  await app.register(cookie);

  const routes: DeclaredRoute[] = [];
  app.addHook('onRoute', (route) => checkRouteDeclaration(route, routes));
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    await authorizeRequest(ctx, request);
  });
  // Sign-in, TOTP and setup links: one budget across every process (the per-process @fastify/rate-limit below is
  // for the cheap general limits only).
  app.addHook('onRequest', sharedRateLimitHook(ctx));
  // After the access check (deny first), before schema validation and every handler.
  app.addHook('preValidation', guardRequestInput);
  // While shutting down, answers close their connection: a keep-alive client would otherwise hold the
  // server open long after its last in-flight request finished.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    setSecurityHeaders(request, reply);
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    return payload;
  });
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    logProblem(request, error, problem);
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, toProblem(notFound(`no route for ${request.method} ${request.url.split('?')[0]}`), request)),
  );

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      tooManyRequests(`too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`, Math.ceil(context.ttl / 1000)),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Accord API',
        version: '0.1.0',
        description:
          'Cyber-mercenary detection, notification, sharing, lawful-request safeguards, transparency and screening.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'accord_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: PAGE_CSP,
    // No validator badge: it would load an image from validator.swagger.io.
    uiConfig: { validatorUrl: null },
  });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, ctx);
  for (const module of modules) {
    if (module.routes) await module.routes(app, ctx);
  }
  await app.ready();
  return { app, routes };
}

export { AppError };
