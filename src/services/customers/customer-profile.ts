import { notFound } from '../../errors.ts';
import { findCustomer, listIdentities } from '../../store/repositories/customers.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';

export async function customerProfile(scope: TenantScope, customerId: string) {
  const customer = await findCustomer(scope, customerId);
  if (!customer) throw notFound('Customer');
  const identities = await listIdentities(scope, customerId);
  const of = (kind: string) => identities.filter((i) => i.kind === kind).map((i) => i.value);
  return {
    id: customer.id,
    name: customer.name,
    emails: of('email'),
    phones: of('phone'),
    handles: of('handle'),
    address: customer.address ?? null,
    region: customer.region,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}
