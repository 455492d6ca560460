import { notFound } from '../../errors.ts';
import { findMergeInForceOf, resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import { findCustomer, listIdentities } from '../../store/repositories/customers.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { verificationDetailsHeld } from './verification-details.ts';

/**
 * A customer and every way they can be reached. An id of a customer merged into another
 * stands for the customer it was merged into: the answer is that customer's profile (its own
 * id), with `mergedFrom` naming the id asked for and the merge; `mergedFrom` is null otherwise.
 */
export async function customerProfile(scope: TenantScope, requestedId: string) {
  const customerId = await resolveCustomerId(scope, requestedId);
  const customer = customerId === undefined ? undefined : await findCustomer(scope, customerId);
  if (!customerId || !customer) throw notFound('Customer');
  const identities = await listIdentities(scope, customerId);
  const of = (kind: string) => identities.filter((i) => i.kind === kind).map((i) => i.value);
  const merge = customerId === requestedId ? undefined : await findMergeInForceOf(scope, requestedId);
  return {
    id: customer.id,
    name: customer.name,
    emails: of('email'),
    phones: of('phone'),
    handles: of('handle'),
    address: customer.address ?? null,
    region: customer.region,
    verificationDetails: verificationDetailsHeld(customer),
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
    mergedFrom: merge ? { customerId: requestedId, mergeId: merge.id, mergedAt: merge.mergedAt.toISOString() } : null,
  };
}

export type CustomerProfile = Awaited<ReturnType<typeof customerProfile>>;
