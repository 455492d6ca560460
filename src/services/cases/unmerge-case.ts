import { AppError, notFound } from '../../errors.ts';
import { canUnmergeCase } from '../../domain/cases/merge.ts';
import { checkOwned } from '../../domain/cases/ownership.ts';
import {
  CASE_RECORD_TABLES,
  findMergeInForce,
  markMergeUndone,
  moveRecordsBack,
  setMergedInto,
  type CaseMergeRow,
} from '../../store/repositories/case-merges.ts';
import { findCaseLinks, findProblem, setCaseProblem } from '../../store/repositories/problems.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { aboutProblem, caseReference } from '../problems/problem-view.ts';
import {
  checkMayManage,
  ownershipOf,
  recordCaseEvents,
  refusalError,
  saveCase,
  type CaseChange,
} from './case-change.ts';
import { checkCaseEffort, scheduleEffortCheck } from './case-effort.ts';
import { asMergeable, currentView, openCasePair, type MovedRecords } from './merge-cases.ts';

/**
 * Undoes a merge: the contacts, events and other records that moved go back (those still on
 * the surviving case), the case reopens as it was, and both cases record the undoing.
 */
export function unmergeCase(actor: Actor, caseId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const [peek] = await findCaseLinks(scope, [caseId]);
    if (!peek) throw notFound('Case');
    const merge = await findMergeInForce(scope, caseId);
    const survivingId = merge?.survivingCaseId ?? peek.mergedIntoId ?? caseId;
    const {
      first: merged,
      second: surviving,
      links,
    } = await openCasePair(scope, actor, caseId, survivingId, now, merge?.carriedProblemId);
    const mergedLink = links.get(caseId)!;
    const check = canUnmergeCase(
      asMergeable(merged.row, mergedLink),
      merge && mergedLink.mergedIntoId ? asMergeable(surviving.row, links.get(survivingId)!) : null,
    );
    if (!check.ok) throw refusalError(check);
    checkMayManage(merged, 'undo its merge');

    const restored: MovedRecords = {};
    for (const records of CASE_RECORD_TABLES)
      restored[records] = await moveRecordsBack(scope, merge!.id, records, surviving.row.id, merged.row.id);
    Object.assign(restored, await restoreSlaHistoryOnUnmerge(scope, merge!));
    await markMergeUndone(scope, merge!.id, actor.userId, now);

    await setMergedInto(scope, merged.row.id, null);
    await saveCase(merged, { status: merge!.mergedStatus, solvedAt: merge!.mergedSolvedAt, closedAt: null });
    const reassigned = await keepOwned(merged);
    const from = { caseId: surviving.row.id, reference: caseReference(surviving.row) };
    await recordCaseEvents(merged, [
      {
        kind: 'status_changed',
        data: { from: 'closed', to: merge!.mergedStatus, reason: `merge into ${from.reference} undone` },
      },
      ...reassigned,
      {
        kind: 'unmerged',
        data: {
          mergedCaseId: merged.row.id,
          survivingCaseId: surviving.row.id,
          from: from.reference,
          mergeId: merge!.id,
          restored,
        },
      },
    ]);

    surviving.eventsRecorded = merged.eventsRecorded;
    const survivingEvents: { kind: string; data: Record<string, unknown> }[] = [
      {
        kind: 'unmerged',
        data: {
          mergedCaseId: merged.row.id,
          survivingCaseId: surviving.row.id,
          reference: caseReference(merged.row),
          mergeId: merge!.id,
          restored,
        },
      },
    ];
    const carried = merge!.carriedProblemId ? await findProblem(scope, merge!.carriedProblemId) : undefined;
    if (carried && carried.status !== 'resolved' && links.get(survivingId)!.problemId === carried.id) {
      await setCaseProblem(scope, [surviving.row.id], null, now);
      survivingEvents.push({
        kind: 'unlinked_from_problem',
        data: { ...aboutProblem(carried), reason: `it came with ${caseReference(merged.row)}, whose merge was undone` },
      });
    }
    await saveCase(surviving, {});
    await recordCaseEvents(surviving, survivingEvents);

    await scheduleEffortCheck(merged);
    await checkCaseEffort(merged);
    return { case: await currentView(merged), from: await currentView(surviving), restored };
  });
}

/**
 * A reopened case must be owned again. If its owner has left meanwhile, whoever undoes the
 * merge takes it (they are staff, since they may change cases).
 */
async function keepOwned(change: CaseChange): Promise<{ kind: string; data: Record<string, unknown> }[]> {
  if (checkOwned(ownershipOf(change.row), change.org).ok) return [];
  const actorId = change.actor.userId;
  if (!actorId || !checkOwned({ ...ownershipOf(change.row), ownerId: actorId }, change.org).ok) {
    throw new AppError(
      'conflict',
      'The owner of this case has left and nobody can take it back: undo the merge as a member of staff',
      { reason: 'case_ownerless' },
    );
  }
  const previous = change.row.ownerId;
  await saveCase(change, { ownerId: actorId });
  return [
    {
      kind: 'assigned',
      data: {
        from: previous,
        to: actorId,
        teamFrom: change.row.teamId,
        teamTo: change.row.teamId,
        reason: 'the previous owner is no longer active',
      },
    },
  ];
}

/**
 * SLA HOOK — unmerge. The counterpart of moveSlaHistoryOnMerge (merge-cases.ts): rows in
 * CASE_RECORD_TABLES move back by themselves; restart the reopened case's SLA timers here and
 * move back anything moveSlaHistoryOnMerge moved by hand. Returns counts by table.
 */
export async function restoreSlaHistoryOnUnmerge(_scope: TenantScope, _merge: CaseMergeRow): Promise<MovedRecords> {
  return {};
}
