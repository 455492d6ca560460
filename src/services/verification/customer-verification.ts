import { notFound } from '../../errors.ts';
import { CLAIM_FIELDS, type ClaimField } from '../../domain/verification/compare-fields.ts';
import { resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import {
  clearCustomerFailures,
  findVerificationRecord,
  verificationLimits,
  type VerificationRecord,
} from '../../store/repositories/verifications.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { recordVerificationEvent } from './verification-events.ts';

/** Which claims the record can answer: what is worth asking. Says what is held, never what it is. */
function verifiableFields(record: VerificationRecord): ClaimField[] {
  const held: Record<ClaimField, boolean> = {
    name: record.name !== null,
    dateOfBirth: record.dateOfBirth !== null,
    address: Boolean(record.address?.line1 || record.address?.line2),
    postcode: Boolean(record.address?.postcode),
    pin: record.pinHash !== null,
    lastPayment: record.lastPaymentMinor !== null,
    phoneLastDigits: record.identities.some((i) => i.kind === 'phone'),
  };
  return CLAIM_FIELDS.filter((field) => held[field]);
}

/** A customer's verification standing, for the panel on the case view. */
export async function customerVerification(scope: TenantScope, requestedId: string) {
  const customerId = await resolveCustomerId(scope, requestedId);
  const record = customerId && (await findVerificationRecord(scope, customerId));
  if (!customerId || !record) throw notFound('Customer');
  const limits = await verificationLimits(scope);
  const verified = (kind: string) => record.identities.some((i) => i.kind === kind && i.verified);
  return {
    customerId,
    locked: record.lockedAt !== null,
    lockedAt: record.lockedAt?.toISOString() ?? null,
    failedAttempts: record.failures,
    lockAfter: limits.lockAfter,
    verifiableFields: verifiableFields(record),
    stepUpChannels: [...(verified('phone') ? ['sms' as const] : []), ...(verified('email') ? ['email' as const] : [])],
  };
}

/** An administrator lifts a lock (and the count of failures), on the timeline. */
export async function unlockCustomerVerification(actor: Actor, requestedId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const customerId = await resolveCustomerId(scope, requestedId);
    const record = customerId && (await findVerificationRecord(scope, customerId));
    if (!customerId || !record) throw notFound('Customer');
    const wasLocked = await clearCustomerFailures(scope, customerId);
    await recordVerificationEvent(scope, actor, {
      customerId,
      kind: 'verification_unlocked',
      at: now,
      data: { wasLocked, failedAttempts: record.failures },
    });
    return { ...(await customerVerification(scope, customerId)), wasLocked };
  });
}
