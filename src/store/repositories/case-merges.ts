import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CaseStatus } from '../../domain/vocabulary.ts';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';
import { caseLinks } from './problems.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Drizzle definitions of the tables migration 0005 adds (the migration is the source of truth). */
export const caseMerges = pgTable('case_merges', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  mergedCaseId: uuid('merged_case_id').notNull(),
  survivingCaseId: uuid('surviving_case_id').notNull(),
  reason: text('reason'),
  mergedStatus: text('merged_status').$type<Exclude<CaseStatus, 'closed'>>().notNull(),
  mergedSolvedAt: at('merged_solved_at'),
  carriedProblemId: uuid('carried_problem_id'),
  survivingReopened: boolean('surviving_reopened').notNull().default(false),
  mergedBy: uuid('merged_by'),
  mergedAt: at('merged_at').notNull(),
  undoneBy: uuid('undone_by'),
  undoneAt: at('undone_at'),
});

export type CaseMergeRow = typeof caseMerges.$inferSelect;

/**
 * Tables whose rows belong to a case through (tenant_id, case_id) and move with it when it is
 * merged. Each must have a uuid `id`. SLA records join this list when their tables exist.
 */
export const CASE_RECORD_TABLES = [
  'contacts',
  'case_events',
  'case_transfers',
  'case_escalations',
  'callbacks',
] as const;
export type CaseRecordTable = (typeof CASE_RECORD_TABLES)[number];

const table = (name: CaseRecordTable) => {
  if (!(CASE_RECORD_TABLES as readonly string[]).includes(name)) throw new Error(`${name} is not a case record table`);
  return sql.identifier(name);
};

/** Moves every row of `records` from one case to another; returns the ids that moved. */
export async function moveCaseRecords(
  scope: TenantScope,
  records: CaseRecordTable,
  fromCaseId: string,
  toCaseId: string,
): Promise<string[]> {
  const result = await scope.db.execute(sql`
    UPDATE ${table(records)} SET case_id = ${toCaseId}
    WHERE tenant_id = ${scope.tenantId} AND case_id = ${fromCaseId}
    RETURNING id`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** Moves back the rows of a merge that are still on the surviving case; returns how many. */
export async function moveRecordsBack(
  scope: TenantScope,
  mergeId: string,
  records: CaseRecordTable,
  survivingCaseId: string,
  mergedCaseId: string,
): Promise<number> {
  const result = await scope.db.execute(sql`
    UPDATE ${table(records)} r SET case_id = ${mergedCaseId}
    FROM case_merge_moves m
    WHERE m.tenant_id = ${scope.tenantId} AND m.merge_id = ${mergeId} AND m.record_table = ${records}
      AND r.tenant_id = ${scope.tenantId} AND r.id = m.record_id AND r.case_id = ${survivingCaseId}
    RETURNING r.id`);
  return rowsOf<{ id: string }>(result).length;
}

export async function insertMerge(
  scope: TenantScope,
  row: Omit<typeof caseMerges.$inferInsert, 'tenantId' | 'id'>,
): Promise<CaseMergeRow> {
  const rows = await scope.db
    .insert(caseMerges)
    .values({ ...row, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

export async function recordMergeMoves(
  scope: TenantScope,
  mergeId: string,
  records: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await scope.db.execute(sql`
    INSERT INTO case_merge_moves (tenant_id, merge_id, record_table, record_id)
    SELECT ${scope.tenantId}, ${mergeId}, ${records}, id FROM unnest(${sql.param(ids)}::uuid[]) AS m(id)`);
}

/** The merge in force for a merged case (at most one), locked for undoing. */
export async function findMergeInForce(scope: TenantScope, mergedCaseId: string): Promise<CaseMergeRow | undefined> {
  const rows = await scope.db
    .select()
    .from(caseMerges)
    .where(
      and(
        eq(caseMerges.tenantId, scope.tenantId),
        eq(caseMerges.mergedCaseId, mergedCaseId),
        isNull(caseMerges.undoneAt),
      ),
    )
    .orderBy(desc(caseMerges.mergedAt))
    .limit(1)
    .for('update');
  return rows[0];
}

export async function markMergeUndone(
  scope: TenantScope,
  mergeId: string,
  undoneBy: string | null,
  undoneAt: Date,
): Promise<void> {
  await scope.db
    .update(caseMerges)
    .set({ undoneBy, undoneAt })
    .where(and(eq(caseMerges.tenantId, scope.tenantId), eq(caseMerges.id, mergeId)));
}

/** Points a case at the case it was merged into, or (null) at nothing. */
export async function setMergedInto(scope: TenantScope, caseId: string, survivingCaseId: string | null): Promise<void> {
  await scope.db
    .update(caseLinks)
    .set({ mergedIntoId: survivingCaseId })
    .where(and(eq(caseLinks.tenantId, scope.tenantId), eq(caseLinks.id, caseId)));
}
