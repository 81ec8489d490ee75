/**
 * Who may do what. Four kinds of user: the public viewer (no login) reads; a member belongs to one
 * actor (its staff) and edits that actor's profile and asks for introductions; a coordinator runs
 * the program (imports, edits any actor or tie, follows every request); an admin also manages
 * users and reads the audit log. Pure: the routes ask `allows`, tests ask it too.
 */
export const ROLES = ['admin', 'coordinator', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** A logged-in user as the rest of the server sees it (never with a password hash). */
export interface User {
  id: string;
  username: string;
  role: Role;
  /** The actor a member belongs to; none for coordinators and admins. */
  actorId?: string;
  displayName?: string;
}

export const ACTIONS = [
  'import',
  /** Create, edit and delete any actor or tie. */
  'edit-network',
  /** Edit the profile of the actor one belongs to (fields offered and sought, visibility, contact). */
  'edit-own-profile',
  /** Ask for an introduction (a member for its own actor, a coordinator for any). */
  'request-introduction',
  /** Approve or decline requests, record outcomes, see every request and the follow-up figures. */
  'follow-introductions',
  'manage-users',
  'read-audit',
  /** Create and edit matching events, register any actor, propose and schedule meetings, see the report. */
  'manage-events',
] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  coordinator: ['import', 'edit-network', 'request-introduction', 'follow-introductions', 'manage-events'],
  member: ['edit-own-profile', 'request-introduction'],
};

/** Whether `user` (undefined: the public viewer) may do `action`. */
export function allows(user: User | undefined, action: Action): boolean {
  return user !== undefined && GRANTS[user.role].includes(action);
}

/** The roles that may do `action`, for error messages ("needs the role coordinator or admin"). */
export function rolesFor(action: Action): Role[] {
  return ROLES.filter((r) => GRANTS[r].includes(action));
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
