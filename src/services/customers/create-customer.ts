import { randomUUID } from 'node:crypto';
import { AppError, invalid } from '../../errors.ts';
import {
  identityKey,
  normalizeEmail,
  normalizeHandle,
  normalizePhone,
  type Identity,
  type NormalizeResult,
} from '../../domain/identity.ts';
import {
  findIdentityOwners,
  insertCustomers,
  insertIdentities,
  updateCustomerProfile,
} from '../../store/repositories/customers.ts';
import type { PostalAddress } from '../../store/schema.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import { customerProfile } from './customer-profile.ts';
import { saveVerificationDetails, type VerificationDetailsInput } from './verification-details.ts';

export interface NewCustomerInput extends VerificationDetailsInput {
  name?: string | undefined;
  emails?: string[] | undefined;
  phones?: string[] | undefined;
  handles?: string[] | undefined;
  address?: PostalAddress | undefined;
  region?: string | undefined;
}

/**
 * Registers a customer with every way they can be reached. An identity already known as
 * somebody else's is refused, naming that customer, so the agent can open them instead.
 */
export async function createCustomer(scope: TenantScope, input: NewCustomerInput) {
  const identities = readIdentities(input);
  const id = randomUUID();
  await inTransaction(scope, async (tx) => {
    const taken = await findIdentityOwners(tx, identities);
    if (taken.length > 0) throw identityTaken(taken[0]!);
    await insertCustomers(tx, [{ id, name: input.name?.trim() || null }]);
    await updateCustomerProfile(tx, id, { address: input.address ?? null, region: input.region ?? null });
    await saveVerificationDetails(tx, id, input);
    const inserted = new Set(
      (
        await insertIdentities(
          tx,
          identities.map((i) => ({ ...i, customerId: id })),
        )
      ).map(identityKey),
    );
    const lost = identities.find((i) => !inserted.has(identityKey(i)));
    if (lost) {
      const [owner] = await findIdentityOwners(tx, [lost]);
      throw identityTaken(owner ?? { ...lost, customerId: '' });
    }
  });
  return customerProfile(scope, id);
}

function readIdentities(input: NewCustomerInput): Identity[] {
  const problems: string[] = [];
  const identities = new Map<string, Identity>();
  const read = (values: string[] | undefined, normalize: (raw: string) => NormalizeResult) => {
    for (const raw of values ?? []) {
      const result = normalize(raw);
      if (result.ok) identities.set(identityKey(result.identity), result.identity);
      else problems.push(result.reason);
    }
  };
  read(input.emails, normalizeEmail);
  read(input.phones, normalizePhone);
  read(input.handles, normalizeHandle);
  if (problems.length > 0) throw invalid(problems.join('; '), { problems });
  return [...identities.values()];
}

function identityTaken(owner: Identity & { customerId: string }): AppError {
  return new AppError('conflict', `The ${owner.kind} ${owner.value} already belongs to another customer`, {
    kind: owner.kind,
    value: owner.value,
    customerId: owner.customerId,
  });
}
