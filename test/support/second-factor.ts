import { newTotpSecret } from '../../src/core/auth/totp.ts';
import { updateUser } from '../../src/core/auth/users-store.ts';
import type { CoreContext } from '../../src/core/context.ts';

/**
 * Marks a user as enrolled in TOTP, as if they had confirmed a code: roles that must have a second factor (admin,
 * legal reviewer) get API tokens only once they have one. Returns the secret, for tests that sign in with it.
 */
export async function enrolSecondFactor(ctx: CoreContext, userId: string): Promise<string> {
  const { secret } = newTotpSecret('test');
  await updateUser(ctx.db, userId, {
    totp_secret: ctx.keyring.encrypt(secret, 'users.totp_secret'),
    totp_enabled_at: new Date(),
  });
  return secret;
}
