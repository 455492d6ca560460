import { notFound } from '../../errors.ts';
import {
  countLinkedCases,
  findProblem,
  listLinkedCases,
  type CaseLinkRow,
  type ProblemRow,
} from '../../store/repositories/problems.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

export const problemReference = (row: Pick<ProblemRow, 'number'>) => `P-${row.number}`;
export const caseReference = (row: { number: number }) => formatCaseReference(row.number);

/** A problem as callers see it. */
export function problemView(row: ProblemRow, caseCount: number) {
  return {
    id: row.id,
    number: row.number,
    reference: problemReference(row),
    title: row.title,
    description: row.description,
    rootCause: row.rootCause,
    workaround: row.workaround,
    status: row.status,
    resolution: row.resolution,
    caseCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

export function linkedCaseView(row: CaseLinkRow) {
  return {
    id: row.id,
    number: row.number,
    reference: caseReference(row),
    customerId: row.customerId,
    subject: row.subject,
    status: row.status,
    mergedIntoId: row.mergedIntoId,
  };
}

/** A problem with the cases linked to it. */
export async function problemWithCases(scope: TenantScope, row: ProblemRow) {
  const cases = await listLinkedCases(scope, row.id);
  return { ...problemView(row, cases.length), cases: cases.map(linkedCaseView) };
}

export async function problemSummaries(scope: TenantScope, rows: ProblemRow[]) {
  const counts = await countLinkedCases(
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((r) => problemView(r, counts.get(r.id) ?? 0));
}

/** Locks the problem for a change, or answers 404 when it is not this tenant's. */
export async function openProblemForChange(scope: TenantScope, problemId: string): Promise<ProblemRow> {
  const row = await findProblem(scope, problemId, { forUpdate: true });
  if (!row) throw notFound('Problem');
  return row;
}

/** What a case event says about the problem it concerns. */
export const aboutProblem = (row: ProblemRow) => ({
  problemId: row.id,
  problem: problemReference(row),
  title: row.title,
});
