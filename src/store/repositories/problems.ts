import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../schema.ts';
import type { ProblemStatus } from '../../domain/problems/problem-status.ts';

import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Drizzle definition of the table migration 0005 adds (the migration is the source of truth). */
export const problems = pgTable('problems', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  number: integer('number').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  rootCause: text('root_cause'),
  workaround: text('workaround'),
  status: text('status').$type<ProblemStatus>().notNull().default('new'),
  resolution: text('resolution'),
  createdBy: uuid('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  resolvedAt: at('resolved_at'),
  resolvedBy: uuid('resolved_by'),
});

/** Cases, as problem links and merges see them (problem_id and merged_into_id come from migration 0005). */
export const caseLinks = cases;

export type ProblemRow = typeof problems.$inferSelect;
export type CaseLinkRow = typeof caseLinks.$inferSelect;

/** Problem numbers are per tenant and never reused; the tenant row lock serialises creators. */
export async function nextProblemNumber(scope: TenantScope): Promise<number> {
  const result = await scope.db.execute(
    sql`UPDATE tenants SET problem_seq = problem_seq + 1 WHERE id = ${scope.tenantId} RETURNING problem_seq`,
  );
  const row = rowsOf<{ problem_seq: number }>(result)[0];
  if (!row) throw new Error('tenant vanished while numbering a problem');
  return row.problem_seq;
}

export async function insertProblem(
  scope: TenantScope,
  row: Omit<typeof problems.$inferInsert, 'tenantId' | 'id'>,
): Promise<ProblemRow> {
  const rows = await scope.db
    .insert(problems)
    .values({ ...row, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

export async function findProblem(
  scope: TenantScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ProblemRow | undefined> {
  const query = scope.db
    .select()
    .from(problems)
    .where(and(eq(problems.tenantId, scope.tenantId), eq(problems.id, id)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export type ProblemChanges = Partial<
  Pick<
    ProblemRow,
    'title' | 'description' | 'rootCause' | 'workaround' | 'status' | 'resolution' | 'resolvedAt' | 'resolvedBy'
  >
>;

export async function updateProblem(
  scope: TenantScope,
  id: string,
  changes: ProblemChanges,
  now: Date,
): Promise<ProblemRow> {
  const rows = await scope.db
    .update(problems)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(problems.tenantId, scope.tenantId), eq(problems.id, id)))
    .returning();
  return rows[0]!;
}

/** Problems, newest first; `beforeNumber` continues a page. */
export function listProblems(
  scope: TenantScope,
  filter: { status?: ProblemStatus[] | undefined; beforeNumber?: number | undefined; limit: number },
) {
  const conditions: (SQL | undefined)[] = [eq(problems.tenantId, scope.tenantId)];
  if (filter.status && filter.status.length > 0)
    conditions.push(or(...filter.status.map((s) => eq(problems.status, s))));
  if (filter.beforeNumber !== undefined) conditions.push(lt(problems.number, filter.beforeNumber));
  return scope.db
    .select()
    .from(problems)
    .where(and(...conditions))
    .orderBy(desc(problems.number))
    .limit(filter.limit);
}

/** How many cases each problem has, by problem id. */
export async function countLinkedCases(scope: TenantScope, problemIds: string[]): Promise<Map<string, number>> {
  if (problemIds.length === 0) return new Map();
  const rows = await scope.db
    .select({ problemId: caseLinks.problemId, n: sql<number>`count(*)::int` })
    .from(caseLinks)
    .where(and(eq(caseLinks.tenantId, scope.tenantId), inArray(caseLinks.problemId, problemIds)))
    .groupBy(caseLinks.problemId);
  return new Map(rows.map((r) => [r.problemId!, r.n]));
}

/** The cases of a problem, oldest first; `forUpdate` locks them (in id order, so lockers never deadlock). */
export async function listLinkedCases(
  scope: TenantScope,
  problemId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseLinkRow[]> {
  const where = and(eq(caseLinks.tenantId, scope.tenantId), eq(caseLinks.problemId, problemId));
  if (options.forUpdate) return scope.db.select().from(caseLinks).where(where).orderBy(asc(caseLinks.id)).for('update');
  return scope.db.select().from(caseLinks).where(where).orderBy(asc(caseLinks.number));
}

export async function findCaseLinks(scope: TenantScope, caseIds: string[]): Promise<CaseLinkRow[]> {
  if (caseIds.length === 0) return [];
  return scope.db
    .select()
    .from(caseLinks)
    .where(and(eq(caseLinks.tenantId, scope.tenantId), inArray(caseLinks.id, caseIds)));
}

export async function setCaseProblem(
  scope: TenantScope,
  caseIds: string[],
  problemId: string | null,
  now: Date,
): Promise<void> {
  if (caseIds.length === 0) return;
  await scope.db
    .update(caseLinks)
    .set({ problemId, updatedAt: now })
    .where(and(eq(caseLinks.tenantId, scope.tenantId), inArray(caseLinks.id, caseIds)));
}
