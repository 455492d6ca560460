import { notFound } from '../../errors.ts';
import { canUnlinkCase } from '../../domain/problems/problem-links.ts';
import { findCaseLinks, setCaseProblem } from '../../store/repositories/problems.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { openCaseForChange, recordCaseEvents, refusalError } from '../cases/case-change.ts';
import {
  aboutProblem,
  caseReference,
  openProblemForChange,
  problemReference,
  problemWithCases,
} from './problem-view.ts';

/** Takes a wrongly linked case off a problem, on the record. */
export function unlinkCaseFromProblem(actor: Actor, problemId: string, caseId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const problem = await openProblemForChange(scope, problemId);
    const change = await openCaseForChange(scope, actor, caseId, now);
    const [link] = await findCaseLinks(scope, [caseId]);
    if (!link) throw notFound('Case');
    const check = canUnlinkCase(
      { id: problem.id, reference: problemReference(problem), status: problem.status },
      { ...link, reference: caseReference(link) },
    );
    if (!check.ok) throw refusalError(check);
    await setCaseProblem(scope, [caseId], null, now);
    await recordCaseEvents(change, [{ kind: 'unlinked_from_problem', data: aboutProblem(problem) }]);
    return problemWithCases(scope, problem);
  });
}
