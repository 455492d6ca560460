import { sql } from 'drizzle-orm';
import type { TenantScope } from '../../store/tenant-scope.ts';

/**
 * createCase stamps a case's created_at and updated_at with the database clock, not with the
 * `now` it is given, so a demo case opened "three months ago" would say it was created today.
 * This puts both back in line with the case's own history (its first and last event). It can
 * go once createCase honours `now`.
 */
export async function backdateCases(scope: TenantScope): Promise<void> {
  await scope.db.execute(sql`
    UPDATE cases c SET created_at = e.first_at, updated_at = e.last_at
    FROM (
      SELECT case_id, min(occurred_at) AS first_at, max(occurred_at) AS last_at
      FROM case_events WHERE tenant_id = ${scope.tenantId}
      GROUP BY case_id
    ) e
    WHERE c.tenant_id = ${scope.tenantId} AND c.id = e.case_id`);
}

/**
 * A demo customer was stored today, but has been with Lumen since their first contact: "customer
 * since" on their profile says so.
 */
export async function backdateCustomers(scope: TenantScope): Promise<void> {
  await scope.db.execute(sql`
    UPDATE customers c SET created_at = k.first_at
    FROM (
      SELECT customer_id, min(occurred_at) AS first_at
      FROM contacts WHERE tenant_id = ${scope.tenantId}
      GROUP BY customer_id
    ) k
    WHERE c.tenant_id = ${scope.tenantId} AND c.id = k.customer_id AND c.created_at > k.first_at`);
}
