import { normalizeEmail, normalizePhone } from '../../domain/identity.ts';
import { findIdentityOwners, markIdentitiesVerified } from '../../store/repositories/customers.ts';
import { findVerificationRecord } from '../../store/repositories/verifications.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { saveVerificationDetails } from '../customers/verification-details.ts';
import { SECURITY_CHECK_PROFILE } from './stories/security-check.ts';

/**
 * What Helen Carter (seed 000) can be asked, so the verification panel can be shown on her:
 * her record still says 10 Orchard Row where she lives at 30. Her mobile is registered and
 * verified (the carrier confirmed it), so a one-time code can prove her after a partial match.
 * Claims that give `partial`: name Helen Carter, date of birth 1986-07-14, address "30 Orchard
 * Row", postcode HG1 4QT. The PIN is 2468, the last payment 32.99.
 */
export const DEMO_VERIFICATION_DETAILS = {
  dateOfBirth: '1986-07-14',
  pin: '2468',
  lastPaymentAmount: '32.99',
} as const;

/** Safe on every start: a demo seeded before verification existed gets the details the next time. */
export async function ensureDemoVerificationDetails(scope: TenantScope): Promise<void> {
  const email = normalizeEmail(SECURITY_CHECK_PROFILE.email!);
  const [owner] = email.ok ? await findIdentityOwners(scope, [email.identity]) : [];
  if (!owner) return;
  const record = await findVerificationRecord(scope, owner.customerId);
  if (!record || record.dateOfBirth !== null) return;
  await saveVerificationDetails(scope, owner.customerId, DEMO_VERIFICATION_DETAILS);
  const phone = normalizePhone(SECURITY_CHECK_PROFILE.phone!);
  if (phone.ok) await markIdentitiesVerified(scope, owner.customerId, [phone.identity]);
}
