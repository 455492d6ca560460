import type { Role } from './vocabulary.ts';

/** What a caller may do. Routes name the permission they need; roles grant sets of them. */
export type Permission =
  | 'contacts:write'
  | 'cases:write'
  | 'customers:write'
  | 'records:read'
  | 'people:manage'
  /** Reading contacts as the customer wrote them; others read the analyst copy, personal data redacted. */
  | 'personal_data:read'
  /** Reviewing analysed contacts, labelling them, and training the topic classifier on the labels. */
  | 'analysis:review'
  /** Reading the mail the organisation sent: the outbox. */
  | 'outbox:read'
  /** A signed-in customer acting on their own cases through the portal. */
  | 'portal';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'contacts:write',
    'cases:write',
    'customers:write',
    'records:read',
    'personal_data:read',
    'analysis:review',
    'people:manage',
    'outbox:read',
  ],
  supervisor: [
    'contacts:write',
    'cases:write',
    'customers:write',
    'records:read',
    'personal_data:read',
    'analysis:review',
    'outbox:read',
  ],
  agent: ['contacts:write', 'cases:write', 'customers:write', 'records:read', 'personal_data:read'],
  // Analysts read everything and change nothing but their reviews, and never see personal data.
  analyst: ['records:read', 'analysis:review'],
  // Customers act through the portal, never through the staff API.
  customer: ['portal'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const isStaffRole = (role: Role): boolean => role !== 'customer';
