import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { CasePriority, CaseStatus } from '../../domain/vocabulary.ts';
import { caseEvents, cases, type CaseEventRow, type CaseRow } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface NewCase {
  number: number;
  customerId: string;
  subject: string;
  status: CaseStatus;
  priority: CasePriority;
  ownerId: string | null;
  teamId: string | null;
  /** When the case was opened (SLA clocks start here); the database's clock when absent. */
  createdAt?: Date;
}

export async function insertCase(scope: TenantScope, row: NewCase): Promise<CaseRow> {
  const rows = await scope.db
    .insert(cases)
    .values({ ...row, ...(row.createdAt ? { updatedAt: row.createdAt } : {}), tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

export async function findCase(
  scope: TenantScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow | undefined> {
  const query = scope.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, id)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export type CaseChanges = Partial<
  Pick<CaseRow, 'subject' | 'status' | 'priority' | 'ownerId' | 'teamId' | 'escalationLevel' | 'solvedAt' | 'closedAt'>
>;

export async function updateCase(scope: TenantScope, id: string, changes: CaseChanges, at: Date): Promise<CaseRow> {
  const rows = await scope.db
    .update(cases)
    .set({ ...changes, updatedAt: at })
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, id)))
    .returning();
  return rows[0]!;
}

export interface CaseFilter {
  status?: CaseStatus[] | undefined;
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
  customerId?: string | undefined;
  /** Continue after this case in (updatedAt, id) descending order. */
  after?: { updatedAt: Date; id: string } | undefined;
  limit: number;
}

export function listCases(scope: TenantScope, filter: CaseFilter): Promise<CaseRow[]> {
  const conditions: (SQL | undefined)[] = [eq(cases.tenantId, scope.tenantId)];
  if (filter.status && filter.status.length > 0) {
    conditions.push(or(...filter.status.map((s) => eq(cases.status, s))));
  }
  if (filter.ownerId !== undefined)
    conditions.push(filter.ownerId === null ? isNull(cases.ownerId) : eq(cases.ownerId, filter.ownerId));
  if (filter.teamId !== undefined)
    conditions.push(filter.teamId === null ? isNull(cases.teamId) : eq(cases.teamId, filter.teamId));
  if (filter.customerId) conditions.push(eq(cases.customerId, filter.customerId));
  if (filter.after) {
    conditions.push(
      or(
        lt(cases.updatedAt, filter.after.updatedAt),
        and(eq(cases.updatedAt, filter.after.updatedAt), lt(cases.id, filter.after.id)),
      ),
    );
  }
  return scope.db
    .select()
    .from(cases)
    .where(and(...conditions))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .limit(filter.limit);
}

export interface NewCaseEvent {
  caseId: string;
  customerId: string;
  kind: string;
  actorUserId: string | null;
  actorLabel: string | null;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export async function insertCaseEvents(scope: TenantScope, events: NewCaseEvent[]): Promise<CaseEventRow[]> {
  if (events.length === 0) return [];
  // Events recorded together keep their order on every timeline: each is a millisecond after the one before.
  return scope.db
    .insert(caseEvents)
    .values(
      events.map((e, index) => ({
        ...e,
        occurredAt: new Date(e.occurredAt.getTime() + index),
        tenantId: scope.tenantId,
      })),
    )
    .returning();
}

export function listCaseEvents(scope: TenantScope, caseId: string): Promise<CaseEventRow[]> {
  return scope.db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.tenantId, scope.tenantId), eq(caseEvents.caseId, caseId)))
    .orderBy(caseEvents.occurredAt, caseEvents.id);
}
