import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../audit/index.ts';
import type { CoreContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import { checkPasswordPolicy, hashSecret } from './passwords.ts';
import { assertOnlyAccountOf, lockAccounts } from './people.ts';
import { isRole, type Role } from './permissions.ts';
import { randomSecret, sha256 } from './tokens.ts';
import { revokeTokensOfUser } from './api-tokens-service.ts';
import { deleteUserSessions } from './sessions-store.ts';
import {
  countUsers,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
  type UserRow,
} from './users-store.ts';

const SETUP_LINK_HOURS = 24;

export interface NewUser {
  username: string;
  displayName?: string;
  email?: string;
  role: string;
  /** Without one, the user gets a one-time setup link to choose it. */
  password?: string;
}

/** The public shape of a user: never the hashes or the TOTP secret. */
export function presentUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    display_name: u.display_name,
    email: u.email,
    role: u.role,
    totp_enabled: u.totp_enabled_at !== null,
    disabled: u.disabled_at !== null,
    locked_until: u.locked_until?.toISOString() ?? null,
    created_at: u.created_at.toISOString(),
  };
}

export async function createUser(ctx: CoreContext, actor: Actor, input: NewUser) {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._@-]{1,63}$/.test(username)) {
    throw validationFailed('username: 2-64 characters of a-z, 0-9, dot, underscore, @ or hyphen');
  }
  if (!isRole(input.role)) throw validationFailed(`role: unknown role '${input.role}'`);
  if (input.password !== undefined) checkPasswordPolicy(input.password);
  const setupToken = input.password === undefined ? randomSecret() : undefined;
  const passwordHash = input.password === undefined ? null : await hashSecret(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, username)) throw conflict(`a user named '${username}' already exists`);
    await assertOnlyAccountOf(ctx, trx, input.email);
    const user = await insertUser(trx, {
      id: randomUUID(),
      username,
      display_name: input.displayName?.trim() || username,
      email: input.email ?? null,
      role: input.role,
      password_hash: passwordHash,
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      setup_token_hash: setupToken ? sha256(setupToken) : null,
      setup_token_expires_at: setupToken ? new Date(Date.now() + SETUP_LINK_HOURS * 3600_000) : null,
      locked_until: null,
      disabled_at: null,
      updated_at: new Date(),
    });
    await recordAudit(trx, actor, {
      action: 'user.created',
      objectType: 'user',
      objectId: user.id,
      details: { username, role: input.role },
    });
    return { user, setupToken };
  });
}

/**
 * Issues a new one-time setup link (for a lost password or a lost second factor). In the same transaction the
 * old password is removed and every session and API token of the user ends: whoever holds a stolen password
 * cannot sign in (and enrol their own second factor) before the real user redeems the link.
 */
export async function resetUserSetup(
  ctx: CoreContext,
  actor: Actor,
  userId: string,
  { resetTotp }: { resetTotp: boolean },
) {
  const setupToken = randomSecret();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await updateUser(trx, userId, {
      setup_token_hash: sha256(setupToken),
      setup_token_expires_at: new Date(Date.now() + SETUP_LINK_HOURS * 3600_000),
      password_hash: null,
      failed_login_count: 0,
      locked_until: null,
      ...(resetTotp ? { totp_secret: null, totp_enabled_at: null, totp_last_step: null } : {}),
    });
    if (!user) throw notFound(`no user ${userId}`);
    const ended = await endUserAccess(trx, userId);
    await recordAudit(trx, actor, {
      action: 'user.setup_reset',
      objectType: 'user',
      objectId: userId,
      details: {
        reset_totp: resetTotp,
        password_removed: true,
        sessions_ended: ended.sessions,
        tokens_revoked: ended.tokens,
      },
    });
  });
  return setupToken;
}

export async function setUserDisabled(ctx: CoreContext, actor: Actor, userId: string, disabled: boolean) {
  return ctx.db.transaction().execute(async (trx) => {
    if (!disabled) await lockAccounts(trx);
    const user = await updateUser(trx, userId, {
      disabled_at: disabled ? new Date() : null,
      failed_login_count: 0,
      locked_until: null,
    });
    if (!user) throw notFound(`no user ${userId}`);
    // Enabling an account again must not give its person a second active one.
    if (!disabled) await assertOnlyAccountOf(ctx, trx, user.email, userId);
    // Disabling revokes the tokens for good: enabling the account again does not bring them back.
    const ended = disabled ? await endUserAccess(trx, userId) : undefined;
    await recordAudit(trx, actor, {
      action: disabled ? 'user.disabled' : 'user.enabled',
      objectType: 'user',
      objectId: userId,
      ...(ended ? { details: { sessions_ended: ended.sessions, tokens_revoked: ended.tokens } } : {}),
    });
    return user;
  });
}

/**
 * Ends a user's access at once without disabling the account (a role that lost its standing elsewhere, e.g. a
 * suspended agency officer): deletes their sessions and revokes their API tokens, in the caller's transaction so
 * the change and the cut-off commit together.
 */
export async function endUserAccess(trx: Executor, userId: string) {
  const sessions = await deleteUserSessions(trx, userId);
  const tokens = await revokeTokensOfUser(trx, userId);
  return { sessions: sessions.reduce((n, r) => n + Number(r.numDeletedRows), 0), tokens };
}

export async function getUser(ctx: CoreContext, idOrUsername: string): Promise<UserRow> {
  const user = /^[0-9a-f-]{36}$/.test(idOrUsername)
    ? await findUserById(ctx.db, idOrUsername)
    : await findUserByUsername(ctx.db, idOrUsername);
  if (!user) throw notFound(`no user '${idOrUsername}'`);
  return user;
}

export const allUsers = (ctx: CoreContext) => listUsers(ctx.db);

/**
 * On first start with no users at all, creates the `admin` user with a one-time setup link. Returns the link's
 * token (for the console, never the log) or null when users exist.
 */
export async function ensureInitialAdmin(ctx: CoreContext): Promise<string | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  const { setupToken } = await createUser(
    ctx,
    { type: 'system', id: null, label: 'first start' },
    {
      username: 'admin',
      displayName: 'Administrator',
      role: 'admin' satisfies Role,
    },
  );
  return setupToken ?? null;
}
