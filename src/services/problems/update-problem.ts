import { reviseProblem, type SettableProblemStatus } from '../../domain/problems/problem-status.ts';
import { insertCaseEvents } from '../../store/repositories/cases.ts';
import {
  listLinkedCases,
  updateProblem as saveProblem,
  type ProblemChanges,
  type ProblemRow,
} from '../../store/repositories/problems.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { refusalError } from '../cases/case-change.ts';
import { aboutProblem, openProblemForChange, problemWithCases } from './problem-view.ts';

export interface UpdateProblemInput {
  title?: string | undefined;
  description?: string | undefined;
  rootCause?: string | null | undefined;
  workaround?: string | null | undefined;
  status?: SettableProblemStatus | undefined;
}

/**
 * Edits a problem. A root cause found or a workaround published (which makes the problem a
 * known error) is recorded on every live linked case, so whoever answers the customer next
 * sees it on the timeline.
 */
export function updateProblem(actor: Actor, problemId: string, input: UpdateProblemInput, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const current = await openProblemForChange(scope, problemId);
    const result = reviseProblem(
      {
        reference: `P-${current.number}`,
        status: current.status,
        rootCause: current.rootCause,
        workaround: current.workaround,
      },
      input,
    );
    if (!result.ok) throw refusalError(result);
    const { revised } = result;
    const changes: ProblemChanges = {
      status: revised.status,
      rootCause: revised.rootCause,
      workaround: revised.workaround,
    };
    if (input.title !== undefined) changes.title = input.title.trim();
    if (input.description !== undefined) changes.description = input.description.trim();
    const row = await saveProblem(scope, problemId, changes, now);

    const events: { kind: string; data: Record<string, unknown> }[] = [];
    if (revised.rootCauseIdentified)
      events.push({
        kind: 'problem_root_cause_identified',
        data: { ...aboutProblem(row), rootCause: revised.rootCause },
      });
    if (revised.workaroundPublished)
      events.push({
        kind: 'problem_workaround_published',
        data: { ...aboutProblem(row), workaround: revised.workaround, rootCause: revised.rootCause },
      });
    if (revised.workaroundWithdrawn)
      events.push({ kind: 'problem_workaround_withdrawn', data: { ...aboutProblem(row), status: revised.status } });
    await tellLinkedCases(scope, actor, row, events, now);
    return problemWithCases(scope, row);
  });
}

async function tellLinkedCases(
  scope: TenantScope,
  actor: Actor,
  problem: ProblemRow,
  events: { kind: string; data: Record<string, unknown> }[],
  now: Date,
) {
  if (events.length === 0) return;
  const live = (await listLinkedCases(scope, problem.id)).filter((c) => c.status !== 'closed');
  await insertCaseEvents(
    scope,
    live.flatMap((c) =>
      events.map((e) => ({
        ...e,
        caseId: c.id,
        customerId: c.customerId,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        occurredAt: now,
      })),
    ),
  );
}
