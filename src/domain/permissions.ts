import type { Role } from './vocabulary.ts';

/** What a caller may do. Routes name the permission they need; roles grant sets of them. */
export type Permission =
  | 'contacts:write'
  | 'cases:write'
  | 'customers:write'
  | 'records:read'
  | 'people:manage'
  /** A signed-in customer acting on their own cases through the portal. */
  | 'portal';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['contacts:write', 'cases:write', 'customers:write', 'records:read', 'people:manage'],
  supervisor: ['contacts:write', 'cases:write', 'customers:write', 'records:read'],
  agent: ['contacts:write', 'cases:write', 'customers:write', 'records:read'],
  // Analysts read everything and change nothing.
  analyst: ['records:read'],
  // Customers act through the portal, never through the staff API.
  customer: ['portal'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const isStaffRole = (role: Role): boolean => role !== 'customer';
