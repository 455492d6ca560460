import { notFound } from '../../errors.ts';
import { canLinkCase } from '../../domain/problems/problem-links.ts';
import { findCaseLinks, setCaseProblem, type ProblemRow } from '../../store/repositories/problems.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { openCaseForChange, recordCaseEvents, refusalError, type CaseChange } from '../cases/case-change.ts';
import {
  aboutProblem,
  caseReference,
  openProblemForChange,
  problemReference,
  problemWithCases,
} from './problem-view.ts';

/**
 * Links cases to a problem, all or none. Each case records the link with what is known so far
 * (root cause, workaround), so the agent on it can use the workaround at once.
 */
export function linkCasesToProblem(actor: Actor, problemId: string, caseIds: string[], now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const problem = await openProblemForChange(scope, problemId);
    // Cases are locked in id order, as everywhere a problem changes several cases.
    const ids = [...new Set(caseIds)].sort();
    const changes: CaseChange[] = [];
    for (const id of ids) changes.push(await openCaseForChange(scope, actor, id, now));
    const links = new Map((await findCaseLinks(scope, ids)).map((l) => [l.id, l]));
    const toLink: CaseChange[] = [];
    for (const change of changes) {
      const link = links.get(change.row.id);
      if (!link) throw notFound('Case');
      const check = canLinkCase(
        { id: problem.id, reference: problemReference(problem), status: problem.status },
        { ...link, reference: caseReference(link) },
      );
      if (!check.ok) throw refusalError(check);
      if (!check.alreadyLinked) toLink.push(change);
    }
    await setCaseProblem(
      scope,
      toLink.map((c) => c.row.id),
      problem.id,
      now,
    );
    for (const change of toLink)
      await recordCaseEvents(change, [{ kind: 'linked_to_problem', data: linkedData(problem) }]);
    return problemWithCases(scope, problem);
  });
}

export const linkedData = (problem: ProblemRow) => ({
  ...aboutProblem(problem),
  status: problem.status,
  rootCause: problem.rootCause,
  workaround: problem.workaround,
});
