import { canResolveProblem } from '../../domain/problems/problem-status.ts';
import { planResolution } from '../../domain/problems/resolution.ts';
import { canChangeStatus } from '../../domain/cases/status.ts';
import { findCase } from '../../store/repositories/cases.ts';
import { scheduleJob } from '../../store/repositories/jobs.ts';
import { loadCasePolicy, loadOrganisation } from '../../store/repositories/organisation.ts';
import { listLinkedCases, updateProblem } from '../../store/repositories/problems.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { recordCaseEvents, refusalError, saveCase, type CaseChange } from '../cases/case-change.ts';
import { PROBLEM_NOTIFY_JOB, problemNotifyKey } from './notify-customer.ts';
import { aboutProblem, openProblemForChange, problemReference, problemWithCases } from './problem-view.ts';

export interface ResolveProblemInput {
  resolution: string;
  /** Solve the linked open cases (the default), or only record the resolution on them. */
  solveCases?: boolean | undefined;
}

/**
 * Resolves a problem once: its open cases are solved (or updated), each case records why, and
 * every affected customer is queued a notice on their own channel. The notices are durable
 * jobs committed with the resolution, so none is lost or sent twice.
 */
export function resolveProblem(actor: Actor, problemId: string, input: ResolveProblemInput, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const current = await openProblemForChange(scope, problemId);
    const check = canResolveProblem(
      {
        reference: problemReference(current),
        status: current.status,
        rootCause: current.rootCause,
        workaround: current.workaround,
      },
      input.resolution,
    );
    if (!check.ok) throw refusalError(check);
    const resolution = input.resolution.trim();
    const solveCases = input.solveCases ?? true;
    const linked = await listLinkedCases(scope, problemId, { forUpdate: true });
    const plan = planResolution(linked, { solveCases });
    const problem = await updateProblem(
      scope,
      problemId,
      { status: 'resolved', resolution, resolvedAt: now, resolvedBy: actor.userId },
      now,
    );

    const [org, policy] = [await loadOrganisation(scope), await loadCasePolicy(scope)];
    const said = { ...aboutProblem(problem), resolution };
    for (const caseId of [...plan.solve, ...plan.update]) {
      const change: CaseChange = { scope, actor, now, row: (await findCase(scope, caseId))!, org, policy };
      const solving = plan.solve.includes(caseId) && canChangeStatus(change.row.status, 'solved').ok;
      if (solving) {
        const from = change.row.status;
        await saveCase(change, { status: 'solved', solvedAt: now });
        await recordCaseEvents(change, [
          { kind: 'problem_resolved', data: { ...said, caseSolved: true } },
          { kind: 'status_changed', data: { from, to: 'solved', reason: `${problemReference(problem)} resolved` } },
        ]);
      } else {
        await saveCase(change, {});
        await recordCaseEvents(change, [{ kind: 'problem_resolved', data: { ...said, caseSolved: false } }]);
      }
    }
    for (const notice of plan.notify) {
      await scheduleJob(scope.db, {
        tenantId: scope.tenantId,
        kind: PROBLEM_NOTIFY_JOB,
        key: problemNotifyKey(problemId, notice.customerId),
        runAt: now,
        payload: { problemId, customerId: notice.customerId, caseId: notice.caseId },
      });
    }
    return {
      problem: await problemWithCases(scope, problem),
      solvedCases: plan.solve.length,
      updatedCases: plan.update.length,
      customersToNotify: plan.notify.length,
    };
  });
}
