import { and, asc, desc, eq, or, type SQL } from 'drizzle-orm';
import { caseEscalations, caseTransfers, type EscalationRow, type TransferRow } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** Warm transfer offers and escalations: the two ways a case changes hands on request. */

export async function findOfferedTransfer(scope: TenantScope, caseId: string): Promise<TransferRow | undefined> {
  const rows = await scope.db
    .select()
    .from(caseTransfers)
    .where(
      and(
        eq(caseTransfers.tenantId, scope.tenantId),
        eq(caseTransfers.caseId, caseId),
        eq(caseTransfers.status, 'offered'),
      ),
    )
    .limit(1);
  return rows[0];
}

export async function findTransfer(scope: TenantScope, id: string): Promise<TransferRow | undefined> {
  const rows = await scope.db
    .select()
    .from(caseTransfers)
    .where(and(eq(caseTransfers.tenantId, scope.tenantId), eq(caseTransfers.id, id)))
    .limit(1);
  return rows[0];
}

export async function insertTransfer(
  scope: TenantScope,
  row: Omit<typeof caseTransfers.$inferInsert, 'tenantId'>,
): Promise<TransferRow> {
  const rows = await scope.db
    .insert(caseTransfers)
    .values({ ...row, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

export async function decideTransfer(
  scope: TenantScope,
  id: string,
  decision: Pick<TransferRow, 'status' | 'decidedAt' | 'decidedBy'> & { declineReason?: string | null },
): Promise<void> {
  await scope.db
    .update(caseTransfers)
    .set(decision)
    .where(
      and(eq(caseTransfers.tenantId, scope.tenantId), eq(caseTransfers.id, id), eq(caseTransfers.status, 'offered')),
    );
}

export function listTransfers(
  scope: TenantScope,
  filter: { caseId?: string; toUserId?: string; toTeamIds?: string[]; offeredOnly?: boolean },
): Promise<TransferRow[]> {
  const conditions: (SQL | undefined)[] = [eq(caseTransfers.tenantId, scope.tenantId)];
  if (filter.caseId) conditions.push(eq(caseTransfers.caseId, filter.caseId));
  if (filter.offeredOnly) conditions.push(eq(caseTransfers.status, 'offered'));
  if (filter.toUserId) {
    conditions.push(
      or(
        eq(caseTransfers.toUserId, filter.toUserId),
        ...(filter.toTeamIds ?? []).map((t) => eq(caseTransfers.toTeamId, t)),
      ),
    );
  }
  return scope.db
    .select()
    .from(caseTransfers)
    .where(and(...conditions))
    .orderBy(asc(caseTransfers.offeredAt))
    .limit(500);
}

export async function findPendingEscalation(scope: TenantScope, caseId: string): Promise<EscalationRow | undefined> {
  const rows = await scope.db
    .select()
    .from(caseEscalations)
    .where(
      and(
        eq(caseEscalations.tenantId, scope.tenantId),
        eq(caseEscalations.caseId, caseId),
        eq(caseEscalations.status, 'pending'),
      ),
    )
    .limit(1);
  return rows[0];
}

export async function findEscalation(scope: TenantScope, id: string): Promise<EscalationRow | undefined> {
  const rows = await scope.db
    .select()
    .from(caseEscalations)
    .where(and(eq(caseEscalations.tenantId, scope.tenantId), eq(caseEscalations.id, id)))
    .limit(1);
  return rows[0];
}

/** Who accepted the case's latest escalation still in force (the next climb starts above them). */
export async function findLastAcceptedEscalation(
  scope: TenantScope,
  caseId: string,
): Promise<EscalationRow | undefined> {
  const rows = await scope.db
    .select()
    .from(caseEscalations)
    .where(
      and(
        eq(caseEscalations.tenantId, scope.tenantId),
        eq(caseEscalations.caseId, caseId),
        eq(caseEscalations.status, 'accepted'),
      ),
    )
    .orderBy(desc(caseEscalations.decidedAt))
    .limit(1);
  return rows[0];
}

export async function insertEscalation(
  scope: TenantScope,
  row: Omit<typeof caseEscalations.$inferInsert, 'tenantId'>,
): Promise<EscalationRow> {
  const rows = await scope.db
    .insert(caseEscalations)
    .values({ ...row, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

export async function updateEscalation(
  scope: TenantScope,
  id: string,
  changes: Partial<Omit<EscalationRow, 'id' | 'tenantId' | 'caseId'>>,
): Promise<void> {
  await scope.db
    .update(caseEscalations)
    .set(changes)
    .where(and(eq(caseEscalations.tenantId, scope.tenantId), eq(caseEscalations.id, id)));
}

export function listEscalations(
  scope: TenantScope,
  filter: { caseId?: string; targetUserId?: string; targetTeamIds?: string[]; pendingOnly?: boolean },
): Promise<EscalationRow[]> {
  const conditions: (SQL | undefined)[] = [eq(caseEscalations.tenantId, scope.tenantId)];
  if (filter.caseId) conditions.push(eq(caseEscalations.caseId, filter.caseId));
  if (filter.pendingOnly) conditions.push(eq(caseEscalations.status, 'pending'));
  if (filter.targetUserId) {
    conditions.push(
      or(
        eq(caseEscalations.targetUserId, filter.targetUserId),
        ...(filter.targetTeamIds ?? []).map((t) => eq(caseEscalations.targetTeamId, t)),
      ),
    );
  }
  return scope.db
    .select()
    .from(caseEscalations)
    .where(and(...conditions))
    .orderBy(asc(caseEscalations.deadline))
    .limit(500);
}
