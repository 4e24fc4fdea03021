/** Who may do what in the office pages (the server checks again; this only hides controls). */
import type { Role, User } from '../api/types';

const LEDGER_ROLES: readonly Role[] = ['admin', 'supervisor'];

/** Import the ledger, export it, add progress reports. */
export function canManageLedger(user: Pick<User, 'role'> | null | undefined): boolean {
  return !!user && LEDGER_ROLES.includes(user.role);
}

/** Review submitted inspections: approve, or return to the inspector (督查室). */
export function canReview(user: Pick<User, 'role'> | null | undefined): boolean {
  return !!user && LEDGER_ROLES.includes(user.role);
}

export function canManageUsers(user: Pick<User, 'role'> | null | undefined): boolean {
  return user?.role === 'admin';
}

/** The field screen a role lands on, or null for office roles (they keep the project ledger). */
export function fieldHome(user: Pick<User, 'role'> | null | undefined): string | null {
  switch (user?.role) {
    case 'inspector':
      return '/field';
    case 'unit':
      return '/field/issues';
    case 'deputy':
      return '/field/reports';
    default:
      return null;
  }
}

/** Where a user lands after login or at "/". */
export function landingFor(user: Pick<User, 'role'> | null | undefined): string {
  return fieldHome(user) ?? '/projects';
}
