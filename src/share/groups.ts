import type { Principal } from '../core/auth/principal.ts';

/**
 * A collection's read, write and amber groups are lists of selectors: `role:<role>` (everyone with that role)
 * or `user:<username>` (one account, whatever its role). A caller belongs when any selector names it.
 */
export function inGroups(principal: Principal | undefined, groups: readonly string[]): boolean {
  if (!principal) return false;
  return groups.includes(`role:${principal.role}`) || groups.includes(`user:${principal.username}`);
}

const SELECTOR = /^(role|user):[A-Za-z0-9._@-]{1,100}$/;

/** True when every entry is a well-formed selector. */
export const validGroups = (groups: readonly string[]) => groups.every((g) => SELECTOR.test(g));
