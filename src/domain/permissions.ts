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
  /** Reviewing analysed contacts and labelling them. */
  | 'analysis:review'
  /** Training a topic classifier from the labels and choosing the active one: it changes every later analysis. */
  | 'analysis:models'
  /** Reading the mail the organisation sent: the outbox. */
  | 'outbox:read'
  /** Checking that a caller is the customer: sessions, claims, one-time codes (issue 13). */
  | 'verifications:run'
  /** Lifting a customer's verification lock after too many failed attempts. */
  | 'verifications:unlock'
  /** Seeing what a verified caller said differs from the record (stored and claimed values), and correcting it. */
  | 'records:correct'
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
    'analysis:models',
    'people:manage',
    'outbox:read',
    'verifications:run',
    'verifications:unlock',
    'records:correct',
  ],
  supervisor: [
    'contacts:write',
    'cases:write',
    'customers:write',
    'records:read',
    'personal_data:read',
    'analysis:review',
    'analysis:models',
    'outbox:read',
    'verifications:run',
    'records:correct',
  ],
  // The agent on the call verifies the caller and, once a code proved them, corrects the record there
  // and then: the customer of seed 000 should not have needed a second call to fix a house number.
  agent: [
    'contacts:write',
    'cases:write',
    'customers:write',
    'records:read',
    'personal_data:read',
    'verifications:run',
    'records:correct',
  ],
  // Analysts read everything and change nothing but their reviews (labels), and never see personal data;
  // training or activating a model is for supervisors and administrators.
  analyst: ['records:read', 'analysis:review'],
  // Customers act through the portal, never through the staff API.
  customer: ['portal'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const isStaffRole = (role: Role): boolean => role !== 'customer';
