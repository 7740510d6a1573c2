import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { recordAudit } from '../audit/index.ts';
import { isPermission, roleAllows, type Permission } from '../auth/permissions.ts';
import { actorOf } from '../auth/principal.ts';
import type { CoreContext } from '../context.ts';
import { csrfFailed, forbidden, mfaRequired, unauthenticated } from '../errors.ts';
import { authenticateRequest } from './authenticate.ts';

/** Routes that plugins add for themselves and that are public by nature (the API documentation). */
const pluginPublicPrefixes = ['/api/docs'];

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: Permission;
}

/**
 * Deny by default, part one: every route must declare the permission it needs when it is registered;
 * registering one without fails at start-up (and so in the test suite).
 */
export function checkRouteDeclaration(route: RouteOptions, declared: DeclaredRoute[]): void {
  const config = (route.config ?? {}) as { permission?: string };
  if (!config.permission && pluginPublicPrefixes.some((p) => route.url.startsWith(p))) {
    route.config = { ...config, permission: 'public' } as RouteOptions['config'];
  }
  const permission = (route.config as { permission?: string } | undefined)?.permission;
  if (!permission || !isPermission(permission)) {
    throw new Error(`route ${String(route.method)} ${route.url} declares no valid permission (config.permission)`);
  }
  for (const method of [route.method].flat()) declared.push({ method, url: route.url, permission });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default, part two, run before anything else on each request: find the caller, then refuse unless
 * the route's permission is granted to the caller's role (and, for tokens, within the token's scopes).
 */
export async function authorizeRequest(ctx: CoreContext, request: FastifyRequest): Promise<void> {
  const permission = request.routeOptions.config?.permission;
  if (!permission) return; // no route matched: the not-found handler answers
  request.principal = await authenticateRequest(ctx, request);
  if (permission === 'public') return;
  const principal = request.principal;
  if (!principal) throw unauthenticated();
  if (principal.kind === 'session' && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, principal.csrfToken ?? '')) throw csrfFailed();
  }
  if (permission === 'session') return;
  if (!principal.mfaVerified) {
    throw mfaRequired('complete sign-in with your second factor (POST /api/auth/totp/verify, or enrol first)');
  }
  const granted =
    roleAllows(principal.role, permission) &&
    (!principal.scopes || principal.scopes.has(permission) || permission === 'authenticated');
  if (!granted) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actorOf(principal, request.ip, request.id), {
        action: 'access.denied',
        details: { method: request.method, route: request.routeOptions.url, permission },
      }),
    );
    throw forbidden(
      `this needs the '${permission}' permission, which ${principal.kind === 'token' ? 'this token' : `the role '${principal.role}'`} does not have`,
    );
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
