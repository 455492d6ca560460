import { normalizeEmail } from '../../domain/identity.ts';
import { findIdentityOwners } from '../../store/repositories/customers.ts';
import { findUserByEmail } from '../../store/repositories/people.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { createUser } from '../people/manage-people.ts';
import type { DemoLogin } from './demo-people.ts';
import { SECURITY_CHECK_PROFILE } from './stories/security-check.ts';

/**
 * A story customer who signs in to the portal: Helen Carter, whose cases are still open, so
 * the portal has something to show (her conversation, callbacks she can book). Fixed, so a
 * restarted demo keeps it.
 */
const PORTAL_CUSTOMER = SECURITY_CHECK_PROFILE;
const PORTAL_PASSWORD = 'demo-customer-pass';

export function demoPortalLogin(): DemoLogin {
  return {
    role: 'customer',
    name: PORTAL_CUSTOMER.name,
    email: PORTAL_CUSTOMER.email!,
    password: PORTAL_PASSWORD,
    team: null,
  };
}

/**
 * Gives the portal customer their login unless they have it. Safe to run on every start: a
 * demo seeded before portal logins existed gets it the next time it is served.
 */
export async function ensureDemoPortalLogin(scope: TenantScope): Promise<void> {
  const login = demoPortalLogin();
  if (await findUserByEmail(scope, login.email)) return;
  const email = normalizeEmail(login.email);
  const [owner] = email.ok ? await findIdentityOwners(scope, [email.identity]) : [];
  // A store whose story customer is gone has nobody to sign in as; the staff logins still work.
  if (!owner) return;
  await createUser(scope, {
    email: login.email,
    name: login.name,
    role: 'customer',
    password: login.password,
    customerId: owner.customerId,
  });
}
