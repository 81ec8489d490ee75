/**
 * The rules for what a user types: user names and passwords. Pure; the same rules for the
 * command line (`npm run user:add`) and the API, with messages that say what to change.
 */
import { badRequest } from '../errors.ts';
import { isRole, ROLES, type Role } from './roles.ts';

/** Letters, digits, dot, dash, underscore and @ (an e-mail address works), 3 to 64 characters. */
const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
/** NIST SP 800-63B asks for at least 8 characters and no composition rules; we ask for 10. */
export const PASSWORD_MIN = 10;
/** argon2 reads the whole password; more than this is not a password but a payload. */
export const PASSWORD_MAX = 256;

export function checkUsername(value: unknown, field = 'username'): string {
  if (typeof value !== 'string' || !USERNAME.test(value)) {
    throw badRequest(`Field '${field}': 3 to 64 letters, digits, '.', '-', '_' or '@'.`, { field });
  }
  return value.toLowerCase();
}

export function checkPassword(value: unknown, field = 'password'): string {
  if (typeof value !== 'string' || value.length < PASSWORD_MIN || value.length > PASSWORD_MAX) {
    throw badRequest(`Field '${field}': a password of ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`, { field });
  }
  return value;
}

export function checkRole(value: unknown, field = 'role'): Role {
  if (!isRole(value)) throw badRequest(`Field '${field}': one of ${ROLES.join(', ')}.`, { field, accepted: ROLES });
  return value;
}
