import { and, asc, eq, lte, sql, type SQL } from 'drizzle-orm';
import { callbacks, cases, type CallbackRow } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export async function insertCallback(
  scope: TenantScope,
  row: Omit<typeof callbacks.$inferInsert, 'tenantId'>,
): Promise<CallbackRow> {
  const rows = await scope.db
    .insert(callbacks)
    .values({ ...row, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

export async function findCallback(
  scope: TenantScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CallbackRow | undefined> {
  const query = scope.db
    .select()
    .from(callbacks)
    .where(and(eq(callbacks.tenantId, scope.tenantId), eq(callbacks.id, id)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function updateCallback(
  scope: TenantScope,
  id: string,
  changes: Partial<Omit<CallbackRow, 'id' | 'tenantId'>>,
): Promise<void> {
  await scope.db
    .update(callbacks)
    .set(changes)
    .where(and(eq(callbacks.tenantId, scope.tenantId), eq(callbacks.id, id)));
}

export async function countMissedCallbacks(scope: TenantScope, caseId: string): Promise<number> {
  const rows = await scope.db
    .select({ n: sql<number>`count(*)::int` })
    .from(callbacks)
    .where(and(eq(callbacks.tenantId, scope.tenantId), eq(callbacks.caseId, caseId), eq(callbacks.status, 'missed')));
  return rows[0]?.n ?? 0;
}

/** Booked callbacks, earliest window first; `dueBy` keeps those whose window has opened. */
export function listCallbacks(
  scope: TenantScope,
  filter: { caseId?: string; ownerId?: string; dueBy?: Date; bookedOnly?: boolean },
) {
  const conditions: (SQL | undefined)[] = [eq(callbacks.tenantId, scope.tenantId)];
  if (filter.caseId) conditions.push(eq(callbacks.caseId, filter.caseId));
  if (filter.bookedOnly) conditions.push(eq(callbacks.status, 'booked'));
  if (filter.dueBy) conditions.push(lte(callbacks.windowStart, filter.dueBy));
  if (filter.ownerId) conditions.push(eq(cases.ownerId, filter.ownerId));
  return scope.db
    .select({ callback: callbacks, caseNumber: cases.number, ownerId: cases.ownerId })
    .from(callbacks)
    .innerJoin(cases, and(eq(cases.tenantId, callbacks.tenantId), eq(cases.id, callbacks.caseId)))
    .where(and(...conditions))
    .orderBy(asc(callbacks.windowStart))
    .limit(500);
}
