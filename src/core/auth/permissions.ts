/**
 * Every permission a route can require, in one catalogue. Two are special:
 * - `public`: no sign-in needed;
 * - `session`: any signed-in caller, even one who has not passed the second factor yet (sign-in steps).
 * Every other permission also requires a completed sign-in.
 */
export const permissions = [
  'public',
  'session',
  'authenticated',
  'users:read',
  'users:manage',
  'tokens:manage',
  'tokens:admin',
  'audit:read',
  'keys:rotate',
  'jobs:read',
  'intel:read',
  'intel:write',
  'detect:read',
  'detect:write',
  'detect:ingest',
  'cases:read',
  'cases:write',
  'cases:reveal',
  // A person's preferred language (for their notices): the provider's account data, or an analyst's choice.
  'subjects:language',
  'notify:approve',
  'notify:policy',
  'share:read',
  'share:write',
  'share:manage',
  'lawful:submit',
  'lawful:read',
  'lawful:review',
  'lawful:reveal',
  'lawful:agencies',
  'transparency:read',
  'transparency:write',
  'transparency:publish',
  'screening:read',
  'screening:write',
  'screening:decide',
] as const;

export type Permission = (typeof permissions)[number];

export const roles = ['admin', 'analyst', 'legal_reviewer', 'agency_officer', 'peer', 'auditor'] as const;
export type Role = (typeof roles)[number];

const staffRead: Permission[] = ['authenticated', 'intel:read', 'detect:read', 'cases:read', 'share:read'];

/** What each role may do. Deny by default: a permission not listed here is refused. */
export const rolePermissions: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(permissions.filter((p) => p !== 'lawful:submit' && p !== 'public' && p !== 'session')),
  analyst: new Set<Permission>([
    ...staffRead,
    'tokens:manage',
    'intel:write',
    'detect:write',
    'detect:ingest',
    'cases:write',
    // Policy: revealing whom a case concerns is its own permission, for those who work cases (not auditors).
    'cases:reveal',
    'subjects:language',
    'notify:approve',
    'share:write',
    'screening:read',
    'screening:write',
    'transparency:read',
  ]),
  legal_reviewer: new Set<Permission>([
    'authenticated',
    'tokens:manage',
    'cases:read',
    'lawful:read',
    'lawful:review',
    // Policy: revealing a target's identifiers is its own permission, not implied by lawful:read (auditors lack it).
    'lawful:reveal',
    'lawful:agencies',
    'transparency:read',
    'transparency:write',
    'transparency:publish',
    'screening:read',
    'screening:decide',
  ]),
  agency_officer: new Set<Permission>(['authenticated', 'lawful:submit']),
  peer: new Set<Permission>(['authenticated', 'tokens:manage', 'share:read', 'share:write']),
  auditor: new Set<Permission>([
    ...staffRead,
    'audit:read',
    'users:read',
    'jobs:read',
    'lawful:read',
    'transparency:read',
    'screening:read',
  ]),
};

/** Roles whose members must sign in with a second factor. */
export const rolesRequiringTotp: ReadonlySet<Role> = new Set(['admin', 'legal_reviewer', 'agency_officer']);

/**
 * Roles that never get API tokens: an agency officer's second factor is a safeguard checked on every request they
 * send, and a token carries no second factor (nor the session that can be ended when the officer is suspended).
 */
export const rolesWithoutApiTokens: ReadonlySet<Role> = new Set(['agency_officer']);

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
export const isPermission = (value: string): value is Permission => (permissions as readonly string[]).includes(value);

export function roleAllows(role: string, permission: Permission): boolean {
  if (permission === 'public' || permission === 'session') return true;
  return isRole(role) && rolePermissions[role].has(permission);
}
