import { eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { rowsOf } from '../database.ts';
import { tenants, type TenantRow } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export async function insertTenant(db: Db, slug: string, name: string): Promise<TenantRow | undefined> {
  const rows = await db.insert(tenants).values({ slug, name }).onConflictDoNothing().returning();
  return rows[0];
}

export async function findTenantBySlug(db: Db, slug: string): Promise<TenantRow | undefined> {
  const rows = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return rows[0];
}

export async function findTenantOf(scope: TenantScope): Promise<TenantRow> {
  const rows = await scope.db.select().from(tenants).where(eq(tenants.id, scope.tenantId)).limit(1);
  return rows[0]!;
}

/** Case numbers are per tenant and never reused; the row lock serialises concurrent creators. */
export async function nextCaseNumber(scope: TenantScope): Promise<number> {
  const result = await scope.db.execute(
    sql`UPDATE tenants SET case_seq = case_seq + 1 WHERE id = ${scope.tenantId} RETURNING case_seq`,
  );
  const row = rowsOf<{ case_seq: number }>(result)[0];
  if (!row) throw new Error('tenant vanished while numbering a case');
  return row.case_seq;
}
