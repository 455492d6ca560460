import { reviseProblem } from '../../domain/problems/problem-status.ts';
import { insertProblem, nextProblemNumber } from '../../store/repositories/problems.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { refusalError } from '../cases/case-change.ts';
import { problemView } from './problem-view.ts';

export interface CreateProblemInput {
  title: string;
  description?: string | undefined;
  rootCause?: string | undefined;
  workaround?: string | undefined;
}

/** Records a problem; one reported with a workaround already is a known error from the start. */
export function createProblem(actor: Actor, input: CreateProblemInput, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const diagnosis = reviseProblem(
      { reference: 'The problem', status: 'new', rootCause: null, workaround: null },
      { rootCause: input.rootCause, workaround: input.workaround },
    );
    if (!diagnosis.ok) throw refusalError(diagnosis);
    const row = await insertProblem(scope, {
      number: await nextProblemNumber(scope),
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      rootCause: diagnosis.revised.rootCause,
      workaround: diagnosis.revised.workaround,
      status: diagnosis.revised.status,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    return { ...problemView(row, 0), cases: [] };
  });
}
