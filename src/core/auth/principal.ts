import type { Actor } from '../audit/actor.ts';
import type { Permission, Role } from './permissions.ts';

/** Who is calling: a browser session or a machine token, resolved once per request. */
export interface Principal {
  readonly kind: 'session' | 'token';
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** False while a session still has to pass (or enrol) the second factor. */
  readonly mfaVerified: boolean;
  readonly sessionId?: string;
  readonly csrfToken?: string;
  readonly tokenId?: string;
  /** For tokens: the permissions the token was limited to. */
  readonly scopes?: ReadonlySet<Permission>;
}

export function actorOf(principal: Principal | undefined, ip?: string | null, requestId?: string | null): Actor {
  if (!principal)
    return { type: 'anonymous', id: null, label: 'anonymous', ip: ip ?? null, requestId: requestId ?? null };
  return {
    type: principal.kind === 'token' ? 'token' : 'user',
    id: principal.userId,
    label: principal.kind === 'token' ? `${principal.username} (token ${principal.tokenId})` : principal.username,
    ip: ip ?? null,
    requestId: requestId ?? null,
  };
}
