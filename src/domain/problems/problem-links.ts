import { refuse, type Outcome } from '../cases/ownership.ts';
import type { CaseStatus } from '../vocabulary.ts';
import type { ProblemStatus } from './problem-status.ts';

export interface LinkingProblem {
  id: string;
  reference: string;
  status: ProblemStatus;
}

export interface LinkableCase {
  reference: string;
  status: CaseStatus;
  problemId: string | null;
  mergedIntoId: string | null;
}

type LinkRefusal = 'problem_resolved' | 'case_merged' | 'case_closed' | 'case_on_other_problem';

/** A case joins a problem while both are still being worked on; linking it again changes nothing. */
export function canLinkCase(
  problem: LinkingProblem,
  c: LinkableCase,
): Outcome<{ alreadyLinked: boolean }, LinkRefusal> {
  if (c.problemId === problem.id) return { ok: true, alreadyLinked: true };
  if (problem.status === 'resolved')
    return refuse('problem_resolved', `${problem.reference} is resolved; link ${c.reference} to a new problem instead`);
  if (c.mergedIntoId !== null)
    return refuse('case_merged', `${c.reference} was merged into another case; link the case it was merged into`);
  if (c.status === 'closed') return refuse('case_closed', `${c.reference} is closed and cannot be linked to a problem`);
  if (c.problemId !== null)
    return refuse(
      'case_on_other_problem',
      `${c.reference} is already linked to another problem; unlink it there first`,
    );
  return { ok: true, alreadyLinked: false };
}

/** Unlinking corrects a wrong link; once the problem is resolved its cases are history. */
export function canUnlinkCase(
  problem: LinkingProblem,
  c: LinkableCase,
): Outcome<object, 'case_not_linked' | 'problem_resolved'> {
  if (c.problemId !== problem.id)
    return refuse('case_not_linked', `${c.reference} is not linked to ${problem.reference}`);
  if (problem.status === 'resolved')
    return refuse('problem_resolved', `${problem.reference} is resolved; its cases stay linked as a record`);
  return { ok: true };
}
