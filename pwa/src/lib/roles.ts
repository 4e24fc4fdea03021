/** Who may do what in the office pages (the server checks again; this only hides controls). */
import type { Role, User } from '../api/types';

const LEDGER_ROLES: readonly Role[] = ['admin', 'supervisor'];

/** Import the ledger, export it, add progress reports. */
export function canManageLedger(user: Pick<User, 'role'> | null | undefined): boolean {
  return !!user && LEDGER_ROLES.includes(user.role);
}

export function canManageUsers(user: Pick<User, 'role'> | null | undefined): boolean {
  return user?.role === 'admin';
}
