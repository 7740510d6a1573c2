import { createHmac } from 'node:crypto';
import { Secret } from 'otpauth';
import { recordAudit, type Actor } from '../audit/index.ts';
import type { CoreContext } from '../context.ts';
import { AppError, accountLocked, conflict, forbidden, validationFailed } from '../errors.ts';
import { checkPasswordPolicy, hashSecret, verifyDecoy, verifySecret } from './passwords.ts';
import { rolesRequiringTotp, isRole } from './permissions.ts';
import type { Principal } from './principal.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  insertSession,
  markSessionVerified,
} from './sessions-store.ts';
import { acceptTotpStep, clearSignInFailures, countSignInFailure } from './sign-in-store.ts';
import { checkTotp, newTotpSecret, totpUri } from './totp.ts';
import { randomSecret, sha256 } from './tokens.ts';
import { findUserById, findUserByUsername, updateUser, type UserRow } from './users-store.ts';

const TOTP_CONTEXT = 'users.totp_secret';

export type SignInStatus = 'signed_in' | 'totp_required' | 'totp_enrolment_required';

export interface SignInResult {
  status: SignInStatus;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

const invalidCredentials = () =>
  new AppError('invalid_credentials', 401, 'Sign-in failed', 'The username or password is not correct.');

/** Password step. Failed attempts count towards a temporary lockout of the account. */
export async function signIn(
  ctx: CoreContext,
  input: { username: string; password: string },
  actor: Actor,
): Promise<SignInResult> {
  const user = await findUserByUsername(ctx.db, input.username.trim());
  if (!user || !user.password_hash || user.disabled_at) {
    await verifyDecoy(input.password);
    await audit(ctx, actor, 'auth.sign_in_failed', user?.id, {
      reason: user ? 'disabled_or_no_password' : 'unknown_user',
    });
    throw invalidCredentials();
  }
  assertNotLocked(user);
  if (!(await verifySecret(user.password_hash, input.password))) {
    await countFailure(ctx, user, actor, 'wrong_password');
    throw invalidCredentials();
  }
  const status: SignInStatus = user.totp_enabled_at
    ? 'totp_required'
    : isRole(user.role) && rolesRequiringTotp.has(user.role)
      ? 'totp_enrolment_required'
      : 'signed_in';
  // A password before a second factor does not clear the count: whoever holds it could otherwise guess codes
  // without end. Either way a lock set by a parallel failure since the first read refuses the step.
  const open =
    status === 'totp_required'
      ? !(await isLocked(ctx, user.id))
      : (await clearSignInFailures(ctx.db, user.id, new Date())) !== undefined;
  if (!open) await refuseLocked(ctx, user.id);
  const session = await openSession(ctx, user.id, status === 'signed_in', actor);
  await audit(ctx, actor, 'auth.signed_in', user.id, { status });
  return { status, ...session };
}

/** Second step: a TOTP code. A code is accepted once; failures count towards the lockout. */
export async function verifySecondFactor(ctx: CoreContext, principal: Principal, code: string, actor: Actor) {
  const user = await requireSessionUser(ctx, principal);
  if (!user.totp_enabled_at || !user.totp_secret) throw conflict('no second factor is enrolled; enrol one first');
  assertNotLocked(user);
  const secret = await ctx.keyring.decrypt(user.totp_secret, TOTP_CONTEXT);
  const step = checkTotp(secret, code);
  // One statement accepts the step: two requests carrying the same code cannot both pass.
  if (step === null || !(await acceptTotpStep(ctx.db, user.id, step, new Date()))) {
    if (step !== null && (await isLocked(ctx, user.id))) await refuseLocked(ctx, user.id);
    await countFailure(ctx, user, actor, step === null ? 'wrong_totp' : 'replayed_totp');
    throw new AppError('invalid_totp', 401, 'Second factor failed', 'The code is not correct or was already used.');
  }
  await markSessionVerified(ctx.db, principal.sessionId!);
  await audit(ctx, actor, 'auth.totp_verified', user.id);
}

/** Starts enrolment: a new secret, kept encrypted and inactive until a code from it is confirmed. */
export async function beginTotpEnrolment(ctx: CoreContext, principal: Principal, actor: Actor) {
  const user = await requireSessionUser(ctx, principal);
  // Once a factor is enrolled, only an administrator's reset can replace it: a stolen password must not be
  // enough to enrol the attacker's own authenticator.
  if (user.totp_enabled_at) throw conflict('a second factor is already enrolled');
  // An account whose role must have a second factor (officer, reviewer, admin) gets it from a setup link only,
  // which enrols it with the password: whoever else knows a password (an administrator who set it, a thief) must
  // not be able to enrol their own authenticator for that account.
  if (isRole(user.role) && rolesRequiringTotp.has(user.role))
    throw conflict(
      `a ${user.role.replace(/_/g, ' ')} enrols the second factor with the setup link only; ask an administrator for a new link`,
    );
  const { secret, uri } = newTotpSecret(user.username);
  await updateUser(ctx.db, user.id, { totp_secret: ctx.keyring.encrypt(secret, TOTP_CONTEXT) });
  await audit(ctx, actor, 'auth.totp_enrolment_started', user.id);
  return { secret, otpauth_uri: uri };
}

export async function confirmTotpEnrolment(ctx: CoreContext, principal: Principal, code: string, actor: Actor) {
  const user = await requireSessionUser(ctx, principal);
  if (user.totp_enabled_at) throw conflict('a second factor is already enrolled');
  if (!user.totp_secret) throw conflict('start enrolment first');
  const step = checkTotp(await ctx.keyring.decrypt(user.totp_secret, TOTP_CONTEXT), code);
  if (step === null) throw validationFailed('code: not correct for the secret being enrolled');
  await updateUser(ctx.db, user.id, { totp_enabled_at: new Date(), totp_last_step: step });
  await markSessionVerified(ctx.db, principal.sessionId!);
  await audit(ctx, actor, 'auth.totp_enrolled', user.id);
}

/**
 * The second factor a setup link enrols, derived from the link's secret (nothing is stored before the set-up step):
 * only whoever holds the link can read it, and the set-up step derives it again to check the code.
 */
function setupTotpSecret(token: string, userId: string): string {
  const bytes = createHmac('sha256', token).update(`accord setup totp ${userId}`).digest().subarray(0, 20);
  return new Secret({ buffer: new Uint8Array(bytes).buffer }).base32;
}

const invalidSetupLink = () =>
  new AppError('invalid_setup_token', 401, 'Setup link not valid', 'The setup link is unknown, used or expired.');

/** The user a setup link belongs to, while it is valid. */
async function setupUser(ctx: CoreContext, token: string) {
  return ctx.db
    .selectFrom('users')
    .selectAll()
    .where('setup_token_hash', '=', sha256(token))
    .where('setup_token_expires_at', '>', new Date())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Whether redeeming the link must enrol a second factor too: a role that needs one, and none enrolled yet. */
const enrolsAtSetup = (user: UserRow) =>
  !user.totp_enabled_at && isRole(user.role) && rolesRequiringTotp.has(user.role);

/** What the setup page shows before the set-up step: the secret to add to an authenticator, when one is needed. */
export async function setupSecondFactor(ctx: CoreContext, token: string, actor: Actor) {
  const user = await setupUser(ctx, token);
  if (!user) {
    await audit(ctx, actor, 'auth.setup_failed', undefined, { reason: 'invalid_link' });
    throw invalidSetupLink();
  }
  if (!enrolsAtSetup(user)) throw conflict('this account enrols no second factor at set-up');
  const secret = setupTotpSecret(token, user.id);
  return { secret, otpauth_uri: totpUri(secret, user.username) };
}

/**
 * Redeems a one-time setup link. For a role that needs a second factor, the password and the factor are set in one
 * step: the request carries the password and a valid code from the secret the link shows, and nothing is stored
 * until both are valid. So a password alone never leads to enrolling a factor (a thief who learns the password
 * before the link is redeemed has nothing to sign in to; after, the factor is there). Other accounts set the
 * password and sign in.
 */
export async function completeSetup(
  ctx: CoreContext,
  input: { token: string; password: string; code?: string | undefined },
  actor: Actor,
): Promise<SignInResult> {
  checkPasswordPolicy(input.password);
  const user = await setupUser(ctx, input.token);
  if (!user) {
    await audit(ctx, actor, 'auth.setup_failed', undefined, { reason: 'invalid_link' });
    throw invalidSetupLink();
  }
  const enrol = enrolsAtSetup(user);
  let totp: { secret: string; step: number } | undefined;
  if (enrol) {
    if (input.code === undefined)
      throw validationFailed('code: this account enrols its second factor now; send a code from the secret shown');
    const secret = setupTotpSecret(input.token, user.id);
    const step = checkTotp(secret, input.code);
    if (step === null) {
      await audit(ctx, actor, 'auth.setup_failed', user.id, { reason: 'wrong_totp' });
      throw validationFailed('code: not correct for the secret shown by the setup link');
    }
    totp = { secret, step };
  }
  const passwordHash = await hashSecret(input.password);
  // One statement redeems the link: of two parallel set-ups with one link, only one finds it.
  const redeemed = await ctx.db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      setup_token_hash: null,
      setup_token_expires_at: null,
      failed_login_count: 0,
      locked_until: null,
      updated_at: new Date(),
      ...(totp
        ? {
            totp_secret: ctx.keyring.encrypt(totp.secret, TOTP_CONTEXT),
            totp_enabled_at: new Date(),
            totp_last_step: totp.step,
          }
        : {}),
    })
    .where('id', '=', user.id)
    .where('setup_token_hash', '=', sha256(input.token))
    .executeTakeFirst();
  if (Number(redeemed.numUpdatedRows) === 0) throw invalidSetupLink();
  await deleteUserSessions(ctx.db, user.id);
  await audit(ctx, actor, 'auth.setup_completed', user.id, { totp_enrolled: enrol });
  if (!totp) return signIn(ctx, { username: user.username, password: input.password }, actor);
  // The code just checked is this session's second factor.
  const session = await openSession(ctx, user.id, true, actor);
  await audit(ctx, actor, 'auth.signed_in', user.id, { status: 'signed_in', via: 'setup' });
  return { status: 'signed_in', ...session };
}

export async function signOut(ctx: CoreContext, principal: Principal, actor: Actor) {
  if (principal.sessionId) await deleteSession(ctx.db, principal.sessionId);
  await audit(ctx, actor, 'auth.signed_out', principal.userId);
}

async function openSession(ctx: CoreContext, userId: string, mfaVerified: boolean, actor: Actor) {
  const sessionToken = randomSecret();
  const csrfToken = randomSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlMinutes * 60_000);
  // Expired sessions are refused on read; each new one sweeps them away (an index keeps this cheap).
  await deleteExpiredSessions(ctx.db, now);
  await insertSession(ctx.db, {
    id: sha256(sessionToken),
    user_id: userId,
    csrf_token: csrfToken,
    mfa_verified: mfaVerified,
    ip: actor.ip ?? null,
    user_agent: null,
    expires_at: expiresAt,
    last_seen_at: now,
  });
  return { sessionToken, csrfToken, expiresAt };
}

function assertNotLocked(user: Pick<UserRow, 'locked_until'>) {
  if (user.locked_until && user.locked_until > new Date()) {
    throw accountLocked(Math.ceil((user.locked_until.getTime() - Date.now()) / 1000));
  }
}

async function isLocked(ctx: CoreContext, userId: string) {
  const lockedUntil = (await findUserById(ctx.db, userId))?.locked_until;
  return lockedUntil != null && lockedUntil > new Date();
}

/** Throws the lock's 429, read afresh: a parallel failure may have set it after this request's first read. */
async function refuseLocked(ctx: CoreContext, userId: string): Promise<never> {
  const until = (await findUserById(ctx.db, userId))?.locked_until?.getTime() ?? 0;
  throw accountLocked(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
}

/** Counts a failure atomically; the one failure whose count reaches the limit locks the account (audited once). */
async function countFailure(ctx: CoreContext, user: UserRow, actor: Actor, reason: string) {
  const now = new Date();
  const counted = await countSignInFailure(ctx.db, user.id, {
    maxAttempts: ctx.config.loginMaxAttempts,
    now,
    lockUntil: new Date(now.getTime() + ctx.config.loginLockoutMinutes * 60_000),
  });
  const locking = counted?.failed_login_count === ctx.config.loginMaxAttempts;
  await audit(ctx, actor, locking ? 'auth.account_locked' : 'auth.sign_in_failed', user.id, {
    reason,
    failures: counted?.failed_login_count ?? null,
  });
}

async function requireSessionUser(ctx: CoreContext, principal: Principal): Promise<UserRow> {
  if (principal.kind !== 'session' || !principal.sessionId) throw forbidden('this step needs a browser session');
  const user = await findUserById(ctx.db, principal.userId);
  if (!user || user.disabled_at) throw forbidden('the account is disabled');
  return user;
}

function audit(
  ctx: CoreContext,
  actor: Actor,
  action: string,
  userId: string | undefined,
  details?: Record<string, unknown>,
) {
  return ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action,
      objectType: 'user',
      ...(userId ? { objectId: userId } : {}),
      ...(details ? { details } : {}),
    }),
  );
}
