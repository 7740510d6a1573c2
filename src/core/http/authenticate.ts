import type { FastifyRequest } from 'fastify';
import { authenticateApiToken } from '../auth/api-tokens-service.ts';
import type { Principal } from '../auth/principal.ts';
import { findLiveSession, touchSession } from '../auth/sessions-store.ts';
import { isRole } from '../auth/permissions.ts';
import { sha256 } from '../auth/tokens.ts';
import type { CoreContext } from '../context.ts';
import { invalidToken } from '../errors.ts';

export const SESSION_COOKIE = 'accord_session';

/**
 * Finds who is calling: `Authorization: Bearer <token>`, HTTP Basic with an API token as the password
 * (for TAXII clients that only speak Basic), or the session cookie. A bad token is an error; a stale
 * cookie is simply no session.
 */
export async function authenticateRequest(ctx: CoreContext, request: FastifyRequest): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') return authenticateApiToken(ctx, value.trim());
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const principal = await authenticateApiToken(ctx, decoded.slice(colon + 1));
      if (colon < 0 || decoded.slice(0, colon).toLowerCase() !== principal.username) {
        throw invalidToken('the Basic user name does not own this API token');
      }
      return principal;
    }
    throw invalidToken(`unsupported authorization scheme '${scheme}'`);
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return undefined;
  const now = new Date();
  const session = await findLiveSession(ctx.db, sha256(cookie), now);
  if (!session || !isRole(session.role)) return undefined;
  // Touch at most once a minute: one write per request would double the load of every read.
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) await touchSession(ctx.db, session.id, now);
  return {
    kind: 'session',
    userId: session.user_id,
    username: session.username,
    role: session.role,
    mfaVerified: session.mfa_verified,
    sessionId: session.id,
    csrfToken: session.csrf_token,
  };
}
