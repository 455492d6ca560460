import { invalid, notFound } from '../../errors.ts';
import type { ProblemStatus } from '../../domain/problems/problem-status.ts';
import { findProblem, listProblems } from '../../store/repositories/problems.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { problemSummaries, problemWithCases } from './problem-view.ts';

/** A problem with the cases linked to it. */
export async function getProblem(scope: TenantScope, problemId: string) {
  const row = await findProblem(scope, problemId);
  if (!row) throw notFound('Problem');
  return problemWithCases(scope, row);
}

export interface ProblemQuery {
  status?: ProblemStatus[] | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Problems, newest first, a page at a time. */
export async function findProblems(scope: TenantScope, query: ProblemQuery) {
  const beforeNumber = query.cursor === undefined ? undefined : decodeProblemCursor(query.cursor);
  const rows = await listProblems(scope, { status: query.status, beforeNumber, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: await problemSummaries(scope, page),
    nextCursor: rows.length > query.limit && last ? Buffer.from(`P|${last.number}`).toString('base64url') : null,
  };
}

function decodeProblemCursor(cursor: string): number {
  const match = /^P\|(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid('cursor is not one this server gave out', { field: 'cursor' });
  return Number(match[1]);
}
