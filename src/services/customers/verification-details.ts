import { invalid } from '../../errors.ts';
import { parseAmount } from '../../domain/verification/compare-fields.ts';
import { setVerificationDetails } from '../../store/repositories/verifications.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { hashPassword } from '../auth/secrets.ts';

/** What a caller can be asked, as the API and imports give it: the PIN in clear, the amount as text. */
export interface VerificationDetailsInput {
  dateOfBirth?: string | null | undefined;
  pin?: string | null | undefined;
  lastPaymentAmount?: string | null | undefined;
}

/** Stores them: the PIN only as a scrypt hash, the amount in minor units. */
export async function saveVerificationDetails(
  scope: TenantScope,
  customerId: string,
  input: VerificationDetailsInput,
): Promise<void> {
  let lastPaymentMinor: number | null | undefined;
  if (input.lastPaymentAmount === null) lastPaymentMinor = null;
  else if (input.lastPaymentAmount !== undefined) {
    const amount = parseAmount(input.lastPaymentAmount);
    if (!amount) throw invalid('lastPaymentAmount is not an amount such as 32.99', { field: 'lastPaymentAmount' });
    lastPaymentMinor = amount.minor;
  }
  await setVerificationDetails(scope, customerId, {
    dateOfBirth: input.dateOfBirth,
    pinHash: input.pin === undefined ? undefined : input.pin === null ? null : await hashPassword(input.pin),
    lastPaymentMinor,
  });
}

/** Whether the record holds each of them; never their values, which are what a caller is asked. */
export const verificationDetailsHeld = (customer: {
  dateOfBirth: string | null;
  pinHash: string | null;
  lastPaymentMinor: number | null;
}) => ({
  dateOfBirth: customer.dateOfBirth !== null,
  pin: customer.pinHash !== null,
  lastPayment: customer.lastPaymentMinor !== null,
});
