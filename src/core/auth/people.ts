import { sql } from 'kysely';
import type { CoreContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { conflict } from '../errors.ts';
import { canonicalIdentifier, identifierRules } from '../identifiers/index.ts';

/**
 * Every staff account belongs to one person. A person is known by their e-mail address in canonical form (case,
 * sub-address tags, Unicode variants and provider dot rules folded: see src/core/identifiers/); an account without
 * an address is a person of its own. Users hold no phone number, so e-mail is the one identifier compared.
 */
export function personKey(ctx: Pick<CoreContext, 'config'>, user: { id: string; email: string | null }): string {
  if (!user.email) return `account:${user.id}`;
  const c = canonicalIdentifier(user.email, identifierRules(ctx.config));
  return c.kind === 'email' ? `email:${c.canonical}` : `account:${user.id}`;
}

/**
 * The person behind each of `userIds` (reviewers' ids as the review trail records them). Existing data counts too:
 * two accounts created before this rule with one canonical address are one person. An id that is not a user (a
 * system actor's label) stands for itself.
 */
export async function peopleOf(
  ctx: Pick<CoreContext, 'config'>,
  db: Executor,
  userIds: readonly string[],
): Promise<(id: string) => string> {
  const ids = [...new Set(userIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const rows = ids.length ? await db.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).execute() : [];
  const keys = new Map(rows.map((u) => [u.id, personKey(ctx, u)]));
  return (id) => keys.get(id) ?? `actor:${id}`;
}

/** The domain of a user's e-mail address in canonical form (IDNA, lower case), or null without an address. */
export async function emailDomainOf(ctx: Pick<CoreContext, 'config'>, db: Executor, userId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const row = await db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).executeTakeFirst();
  // The person's key is `email:<canonical address>` when they have one: the same canonical form as everywhere else.
  const key = row ? personKey(ctx, row) : '';
  return key.startsWith('email:') ? key.slice(key.lastIndexOf('@') + 1) : null;
}

/**
 * Serialises the creation and re-enabling of accounts so that two cannot both pass the one-account check. Take it
 * before changing any user row in the transaction: taken after, two such transactions would deadlock.
 */
export const lockAccounts = (trx: Executor) => sql`lock table users in share row exclusive mode`.execute(trx);

/**
 * Refuses a second active account for one person: an e-mail address (in canonical form) identifies at most one
 * account that is not disabled. Run inside the creating transaction; the table lock makes two parallel creations
 * of one address wait for each other.
 */
export async function assertOnlyAccountOf(
  ctx: Pick<CoreContext, 'config'>,
  trx: Executor,
  email: string | null | undefined,
  except?: string,
) {
  if (!email) return;
  const key = personKey(ctx, { id: '', email });
  await lockAccounts(trx);
  const others = await trx
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'is not', null)
    .where('disabled_at', 'is', null)
    .execute();
  const taken = others.find((u) => u.id !== except && personKey(ctx, u) === key);
  if (taken)
    throw conflict('an active account already belongs to the person with this e-mail address: one person, one account');
}
