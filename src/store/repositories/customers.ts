import { and, asc, eq, sql } from 'drizzle-orm';
import type { Identity } from '../../domain/identity.ts';
import type { IdentityKind } from '../../domain/vocabulary.ts';
import { rowsOf } from '../database.ts';
import { customerIdentities, customers, type CustomerRow, type PostalAddress } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface IdentityOwner extends Identity {
  customerId: string;
}

/** Which customers already own any of these identities. */
export async function findIdentityOwners(scope: TenantScope, identities: Identity[]): Promise<IdentityOwner[]> {
  if (identities.length === 0) return [];
  const result = await scope.db.execute(sql`
    SELECT ci.kind, ci.value, ci.customer_id AS "customerId"
    FROM customer_identities ci
    JOIN unnest(${sql.param(identities.map((i) => i.kind))}::text[], ${sql.param(identities.map((i) => i.value))}::text[])
      AS wanted(kind, value) ON ci.kind = wanted.kind AND ci.value = wanted.value
    WHERE ci.tenant_id = ${scope.tenantId}`);
  return rowsOf<IdentityOwner>(result);
}

export interface NewCustomer {
  id: string;
  name: string | null;
}

export async function insertCustomers(scope: TenantScope, rows: NewCustomer[]): Promise<void> {
  if (rows.length === 0) return;
  await scope.db.execute(sql`
    INSERT INTO customers (id, tenant_id, name)
    SELECT id, ${scope.tenantId}, name
    FROM unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(rows.map((r) => r.name))}::text[]) AS c(id, name)`);
}

/** Adds identities; those another customer took first are left out of the answer. */
export async function insertIdentities(scope: TenantScope, rows: IdentityOwner[]): Promise<IdentityOwner[]> {
  if (rows.length === 0) return [];
  const result = await scope.db.execute(sql`
    INSERT INTO customer_identities (tenant_id, kind, value, customer_id)
    SELECT ${scope.tenantId}, kind, value, customer_id
    FROM unnest(${sql.param(rows.map((r) => r.kind))}::text[], ${sql.param(rows.map((r) => r.value))}::text[],
                ${sql.param(rows.map((r) => r.customerId))}::uuid[]) AS i(kind, value, customer_id)
    -- One order for every writer, so that concurrent batches queue instead of deadlocking.
    ORDER BY kind, value
    ON CONFLICT DO NOTHING
    RETURNING kind, value, customer_id AS "customerId"`);
  return rowsOf<IdentityOwner>(result);
}

/** Removes customers created for a contact that, in the end, belonged to someone else. */
export async function deleteCustomersWithoutContacts(scope: TenantScope, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await scope.db.execute(sql`
    DELETE FROM customers c
    WHERE c.tenant_id = ${scope.tenantId} AND c.id = ANY(${sql.param(ids)}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.tenant_id = c.tenant_id AND k.customer_id = c.id)`);
}

export async function findCustomer(scope: TenantScope, id: string): Promise<CustomerRow | undefined> {
  const rows = await scope.db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, scope.tenantId), eq(customers.id, id)))
    .limit(1);
  return rows[0];
}

export async function listIdentities(
  scope: TenantScope,
  customerId: string,
): Promise<{ kind: IdentityKind; value: string; verified: boolean }[]> {
  return scope.db
    .select({ kind: customerIdentities.kind, value: customerIdentities.value, verified: customerIdentities.verified })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.tenantId, scope.tenantId), eq(customerIdentities.customerId, customerId)))
    .orderBy(asc(customerIdentities.kind), asc(customerIdentities.value));
}

export async function updateCustomerProfile(
  scope: TenantScope,
  id: string,
  profile: { name?: string | null; address?: PostalAddress | null; region?: string | null },
): Promise<CustomerRow | undefined> {
  const rows = await scope.db
    .update(customers)
    .set({ ...profile, updatedAt: new Date() })
    .where(and(eq(customers.tenantId, scope.tenantId), eq(customers.id, id)))
    .returning();
  return rows[0];
}

/** The channel proved these identities belong to the customer (a carrier's caller number, a signed-in login). */
export async function markIdentitiesVerified(
  scope: TenantScope,
  customerId: string,
  identities: Identity[],
): Promise<void> {
  if (identities.length === 0) return;
  await scope.db.execute(sql`
    UPDATE customer_identities ci SET verified = true
    FROM unnest(${sql.param(identities.map((i) => i.kind))}::text[], ${sql.param(identities.map((i) => i.value))}::text[]) AS i(kind, value)
    WHERE ci.tenant_id = ${scope.tenantId} AND ci.customer_id = ${customerId} AND ci.kind = i.kind AND ci.value = i.value AND NOT ci.verified`);
}
