import { recordAudit, type Actor } from '../audit/index.ts';
import type { CoreContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { forbidden, invalidToken, notFound, validationFailed } from '../errors.ts';
import { hashSecret, verifySecret } from './passwords.ts';
import {
  isPermission,
  isRole,
  rolePermissions,
  rolesRequiringTotp,
  rolesWithoutApiTokens,
  type Permission,
} from './permissions.ts';
import type { Principal } from './principal.ts';
import { newApiToken, parseApiToken, sha256 } from './tokens.ts';
import {
  findApiToken,
  findApiTokenWithUser,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  revokeApiTokensOfUser,
  touchApiToken,
} from './api-tokens-store.ts';
import type { UserRow } from './users-store.ts';

export interface NewApiToken {
  name: string;
  /** Permissions the token is limited to; each must be one the owner's role has. Empty means all of them. */
  scopes: string[];
  expiresInDays?: number;
}

const MAX_DAYS = 366;

export function presentApiToken(t: {
  id: string;
  name: string;
  scopes: unknown;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
  user_id: string;
}) {
  return {
    id: t.id,
    name: t.name,
    user_id: t.user_id,
    scopes: parseScopes(t.scopes),
    expires_at: t.expires_at?.toISOString() ?? null,
    revoked: t.revoked_at !== null,
    last_used_at: t.last_used_at?.toISOString() ?? null,
    created_at: t.created_at.toISOString(),
  };
}

/** Creates a token for `owner`. The token is returned once; only its argon2id hash is kept. */
export async function createApiToken(ctx: CoreContext, actor: Actor, owner: UserRow, input: NewApiToken) {
  if (!isRole(owner.role)) throw validationFailed('the owner has no valid role');
  if (rolesWithoutApiTokens.has(owner.role))
    throw forbidden(
      `a ${owner.role.replace(/_/g, ' ')} signs in with a second factor; API tokens are not issued to them`,
    );
  // A token carries the second factor of the session that minted it; for a role that must have a second factor,
  // that is only true of an owner who has enrolled one. An admin cannot mint around a colleague's missing TOTP.
  if (rolesRequiringTotp.has(owner.role) && !owner.totp_enabled_at)
    throw forbidden(
      `a ${owner.role.replace(/_/g, ' ')} must enrol a second factor before an API token is issued to them`,
    );
  const allowed = rolePermissions[owner.role];
  for (const scope of input.scopes) {
    if (!isPermission(scope)) throw validationFailed(`scopes: unknown permission '${scope}'`);
    if (!allowed.has(scope)) throw validationFailed(`scopes: role ${owner.role} does not have '${scope}'`);
  }
  const days = input.expiresInDays ?? 90;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    throw validationFailed(`expires_in_days: 1 to ${MAX_DAYS}`);
  const name = input.name.trim();
  if (!name) throw validationFailed('name: must not be empty');
  const { id, secret, token } = newApiToken();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const secretHash = await hashSecret(secret);
  await ctx.db.transaction().execute(async (trx) => {
    await insertApiToken(trx, {
      id,
      user_id: owner.id,
      name,
      secret_hash: secretHash,
      scopes: JSON.stringify(input.scopes),
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
    });
    await recordAudit(trx, actor, {
      action: 'token.created',
      objectType: 'api_token',
      objectId: id,
      details: { owner: owner.id, scopes: input.scopes, expires_at: expiresAt.toISOString() },
    });
  });
  return { id, token, expiresAt };
}

export async function revokeToken(ctx: CoreContext, actor: Actor, id: string, requester?: Principal) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findApiToken(trx, id);
    if (!row) throw notFound(`no token ${id}`);
    if (requester && row.user_id !== requester.userId && !rolePermissions[requester.role].has('tokens:admin')) {
      throw notFound(`no token ${id}`);
    }
    await revokeApiToken(trx, id, new Date());
    await recordAudit(trx, actor, { action: 'token.revoked', objectType: 'api_token', objectId: id });
  });
}

/** Revokes every token of a user, in the caller's transaction (access cut off at once). Returns how many. */
export async function revokeTokensOfUser(trx: Executor, userId: string): Promise<number> {
  const r = await revokeApiTokensOfUser(trx, userId, new Date());
  return Number(r.numUpdatedRows);
}

export const tokensOf = (ctx: CoreContext, userId?: string) => listApiTokens(ctx.db, userId);

// argon2id costs ~30 ms a check; peers polling TAXII present the same token many times a minute. Only the outcome
// of that check is remembered (a token's secret and hash never change): the token's row, with its revocation,
// expiry and owner, is read on every request, so a revocation by any process or the CLI is refused at once.
const VERIFIED_MAX = 10_000;
const verifiedSecrets = new Map<string, string>();

/** Resolves `acc_…` to the principal it stands for, or throws 401. */
export async function authenticateApiToken(ctx: CoreContext, token: string): Promise<Principal> {
  const cacheKey = sha256(token);
  const parsed = parseApiToken(token);
  const row = parsed ? await findApiTokenWithUser(ctx.db, parsed.id) : undefined;
  const now = new Date();
  const valid =
    parsed &&
    row &&
    !row.revoked_at &&
    !row.disabled_at &&
    (!row.expires_at || row.expires_at > now) &&
    isRole(row.role) &&
    // A token minted before its owner became an officer, or around the refusal in createApiToken.
    !rolesWithoutApiTokens.has(row.role) &&
    // Its owner's second factor was reset (or never enrolled, for a token minted before this check existed).
    (!rolesRequiringTotp.has(row.role) || row.totp_enabled_at !== null) &&
    (verifiedSecrets.get(cacheKey) === row.secret_hash || (await verifySecret(row.secret_hash, parsed.secret)));
  if (!valid || !row || !isRole(row.role)) {
    throw invalidToken(
      row?.expires_at && row.expires_at <= now ? 'the API token has expired' : 'the API token is not valid',
    );
  }
  const scopes = parseScopes(row.scopes);
  const principal: Principal = {
    kind: 'token',
    userId: row.user_id,
    username: row.username,
    role: row.role,
    mfaVerified: true,
    tokenId: row.id,
    ...(scopes.length ? { scopes: new Set(scopes.filter(isPermission)) } : {}),
  };
  if (verifiedSecrets.size >= VERIFIED_MAX) verifiedSecrets.clear();
  verifiedSecrets.set(cacheKey, row.secret_hash);
  // Recorded at most once a minute: a write per request would double the cost of every read.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000)
    await touchApiToken(ctx.db, row.id, now);
  return principal;
}

function parseScopes(value: unknown): Permission[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.filter((s): s is Permission => typeof s === 'string' && isPermission(s)) : [];
}
