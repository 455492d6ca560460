import { and, desc, eq } from 'drizzle-orm';
import {
  customerRecordHistory,
  customers,
  recordCorrections,
  type RecordCorrectionRow,
  type RecordHistoryRow,
} from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export async function insertRecordCorrection(
  scope: TenantScope,
  correction: { customerId: string; sessionId: string; discrepancies: unknown[]; openedAt: Date },
): Promise<RecordCorrectionRow> {
  const rows = await scope.db
    .insert(recordCorrections)
    .values({ ...correction, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

export async function findRecordCorrection(
  scope: TenantScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RecordCorrectionRow | undefined> {
  const query = scope.db
    .select()
    .from(recordCorrections)
    .where(and(eq(recordCorrections.tenantId, scope.tenantId), eq(recordCorrections.id, id)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function listRecordCorrections(
  scope: TenantScope,
  filter: { status: RecordCorrectionRow['status']; customerId?: string | undefined; limit: number },
): Promise<RecordCorrectionRow[]> {
  return scope.db
    .select()
    .from(recordCorrections)
    .where(
      and(
        eq(recordCorrections.tenantId, scope.tenantId),
        eq(recordCorrections.status, filter.status),
        filter.customerId === undefined ? undefined : eq(recordCorrections.customerId, filter.customerId),
      ),
    )
    .orderBy(desc(recordCorrections.openedAt))
    .limit(filter.limit);
}

export async function decideRecordCorrection(
  scope: TenantScope,
  id: string,
  decision: {
    status: 'applied' | 'dismissed';
    decidedBy: string | null;
    decidedLabel: string;
    decidedAt: Date;
    note: string | null;
  },
): Promise<RecordCorrectionRow> {
  const rows = await scope.db
    .update(recordCorrections)
    .set(decision)
    .where(and(eq(recordCorrections.tenantId, scope.tenantId), eq(recordCorrections.id, id)))
    .returning();
  return rows[0]!;
}

export async function insertRecordHistory(
  scope: TenantScope,
  entries: Omit<RecordHistoryRow, 'id' | 'tenantId'>[],
): Promise<void> {
  if (entries.length === 0) return;
  await scope.db.insert(customerRecordHistory).values(entries.map((e) => ({ ...e, tenantId: scope.tenantId })));
}

export async function listRecordHistory(scope: TenantScope, customerId: string, limit: number) {
  return scope.db
    .select()
    .from(customerRecordHistory)
    .where(and(eq(customerRecordHistory.tenantId, scope.tenantId), eq(customerRecordHistory.customerId, customerId)))
    .orderBy(desc(customerRecordHistory.changedAt), desc(customerRecordHistory.id))
    .limit(limit);
}

/** The record's fields a correction may change, as they are now (locked until the transaction ends). */
export async function findCorrectableFields(scope: TenantScope, customerId: string) {
  const rows = await scope.db
    .select({ name: customers.name, address: customers.address, dateOfBirth: customers.dateOfBirth })
    .from(customers)
    .where(and(eq(customers.tenantId, scope.tenantId), eq(customers.id, customerId)))
    .for('update')
    .limit(1);
  return rows[0];
}

export async function writeCorrectedFields(
  scope: TenantScope,
  customerId: string,
  fields: Partial<Pick<typeof customers.$inferInsert, 'name' | 'address' | 'dateOfBirth'>>,
  at: Date,
): Promise<void> {
  await scope.db
    .update(customers)
    .set({ ...fields, updatedAt: at })
    .where(and(eq(customers.tenantId, scope.tenantId), eq(customers.id, customerId)));
}
