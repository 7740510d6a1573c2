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
import { checkTotp, newTotpSecret } from './totp.ts';
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

/** Redeems a one-time setup link: sets the password and signs in. */
export async function completeSetup(ctx: CoreContext, input: { token: string; password: string }, actor: Actor) {
  checkPasswordPolicy(input.password);
  const hash = sha256(input.token);
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('setup_token_hash', '=', hash)
    .where('setup_token_expires_at', '>', new Date())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user) {
    await audit(ctx, actor, 'auth.setup_failed', undefined);
    throw new AppError(
      'invalid_setup_token',
      401,
      'Setup link not valid',
      'The setup link is unknown, used or expired.',
    );
  }
  await updateUser(ctx.db, user.id, {
    password_hash: await hashSecret(input.password),
    setup_token_hash: null,
    setup_token_expires_at: null,
    failed_login_count: 0,
    locked_until: null,
  });
  await deleteUserSessions(ctx.db, user.id);
  await audit(ctx, actor, 'auth.setup_completed', user.id);
  return signIn(ctx, { username: user.username, password: input.password }, actor);
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
