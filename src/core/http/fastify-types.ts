import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Permission } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';
import type { ErrorFormat } from './framework-errors.ts';
import type { SharedRateLimit } from './shared-rate-limit.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs. Required on every route: the app refuses to start without it. */
    permission?: Permission;
    /** A rate limit counted in the database, shared by every process (security-relevant routes). */
    sharedRateLimit?: SharedRateLimit;
  }
  interface FastifyInstance {
    /** URL spaces that answer errors in a format of their own (TAXII); problem+json everywhere else. */
    errorFormats: ErrorFormat[];
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** The Fastify instance every module registers its routes on, with TypeBox typing of schemas. */
export type AccordApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
