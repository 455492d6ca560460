import { AppError, notFound } from '../../errors.ts';
import { canMergeCases, type MergeableCase } from '../../domain/cases/merge.ts';
import {
  decideTransfer,
  findOfferedTransfer,
  findPendingEscalation,
  updateEscalation,
} from '../../store/repositories/case-handoffs.ts';
import {
  CASE_RECORD_TABLES,
  insertMerge,
  moveCaseRecords,
  recordMergeMoves,
  setMergedInto,
  type CaseMergeRow,
} from '../../store/repositories/case-merges.ts';
import { cancelJob } from '../../store/repositories/jobs.ts';
import { findCaseLinks, findProblem, setCaseProblem, type CaseLinkRow } from '../../store/repositories/problems.ts';
import type { CaseRow } from '../../store/schema.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { aboutProblem, caseReference } from '../problems/problem-view.ts';
import { endSharesOfCase } from '../partners/share-thread.ts';
import {
  checkMayManage,
  openCaseForChange,
  recordCaseEvents,
  refusalError,
  saveCase,
  type CaseChange,
} from './case-change.ts';
import { checkCaseEffort } from './case-effort.ts';
import { caseView } from './case-view.ts';
import { escalationClimbKey, raiseEscalation } from './escalate-case.ts';
import { transferExpiryKey } from './transfer-case.ts';

/** Counts of what moved (or moved back), by kind of record. */
export type MovedRecords = Record<string, number>;

/** A case as merge callers see it: where it points, and the problem it belongs to. */
export const mergeableView = (row: CaseRow, link: Pick<CaseLinkRow, 'mergedIntoId' | 'problemId'>) => ({
  ...caseView(row),
  mergedIntoId: link.mergedIntoId,
  problemId: link.problemId,
});

/** The case of a change as it is now, with its merge and problem links. */
export async function currentView(change: CaseChange) {
  const [link] = await findCaseLinks(change.scope, [change.row.id]);
  return mergeableView(change.row, link!);
}

export const asMergeable = (row: CaseRow, link: CaseLinkRow): MergeableCase => ({
  id: row.id,
  reference: caseReference(row),
  customerId: row.customerId,
  status: row.status,
  mergedIntoId: link.mergedIntoId,
  problemId: link.problemId,
});

/**
 * Locks two cases for a change that touches both, in id order so that two people merging the
 * same pair in opposite directions wait for each other instead of deadlocking. A problem the
 * change will touch is locked first, as problem resolution does.
 */
export async function openCasePair(
  scope: TenantScope,
  actor: Actor,
  firstId: string,
  secondId: string,
  now: Date,
  problemId?: string | null,
) {
  if (problemId) await findProblem(scope, problemId, { forUpdate: true });
  const changes = new Map<string, CaseChange>();
  for (const id of [...new Set([firstId, secondId])].sort())
    changes.set(id, await openCaseForChange(scope, actor, id, now));
  const links = new Map((await findCaseLinks(scope, [...changes.keys()])).map((l) => [l.id, l]));
  return { first: changes.get(firstId)!, second: changes.get(secondId)!, links };
}

/**
 * Merges a duplicate case into the case that survives it. Everything that belonged to the
 * duplicate — contacts, events, transfers, escalations, callbacks, SLA history — moves to the
 * surviving case, so its effort counts them; the duplicate is closed and points to it. The
 * merge records exactly what moved, so that it can be undone.
 */
export function mergeCases(
  actor: Actor,
  caseId: string,
  input: { intoCaseId: string; reason?: string | undefined },
  now = new Date(),
) {
  return inTransaction(actor.scope, async (scope) => {
    const [peek] = await findCaseLinks(scope, [caseId]);
    if (!peek) throw notFound('Case');
    const {
      first: duplicate,
      second: surviving,
      links,
    } = await openCasePair(scope, actor, caseId, input.intoCaseId, now, peek.problemId);
    const duplicateLink = links.get(caseId)!;
    if (duplicateLink.problemId !== peek.problemId)
      throw new AppError('conflict', 'The case changed while it was being merged; try again', {
        reason: 'case_changed',
      });
    const check = canMergeCases(
      asMergeable(duplicate.row, duplicateLink),
      asMergeable(surviving.row, links.get(input.intoCaseId)!),
    );
    if (!check.ok) throw refusalError(check);
    checkMayManage(duplicate, 'merge it into another case');
    const reason = input.reason?.trim() || null;

    const handoffs = await withdrawHandoffs(duplicate);
    const merge = await insertMerge(scope, {
      mergedCaseId: duplicate.row.id,
      survivingCaseId: surviving.row.id,
      reason,
      mergedStatus: duplicate.row.status as CaseMergeRow['mergedStatus'],
      mergedSolvedAt: duplicate.row.solvedAt,
      carriedProblemId: check.plan.carryProblem ? duplicateLink.problemId : null,
      survivingReopened: check.plan.reopenSurviving,
      mergedBy: actor.userId,
      mergedAt: now,
    });
    const moved: MovedRecords = {};
    for (const records of CASE_RECORD_TABLES) {
      const ids = await moveCaseRecords(scope, records, duplicate.row.id, surviving.row.id);
      await recordMergeMoves(scope, merge.id, records, ids);
      moved[records] = ids.length;
    }
    Object.assign(moved, await moveSlaHistoryOnMerge(scope, merge));

    const from = duplicate.row.status;
    await saveCase(duplicate, { status: 'closed', closedAt: now, escalationLevel: 0 });
    await endSharesOfCase(duplicate, `the case was merged into ${caseReference(surviving.row)}`);
    await setMergedInto(scope, duplicate.row.id, surviving.row.id);
    const into = { caseId: surviving.row.id, reference: caseReference(surviving.row) };
    await recordCaseEvents(duplicate, [
      ...handoffs.events,
      { kind: 'status_changed', data: { from, to: 'closed', reason: `merged into ${into.reference}` } },
      { kind: 'merged_into', data: { ...into, mergeId: merge.id, reason, moved } },
    ]);

    surviving.eventsRecorded = duplicate.eventsRecorded;
    const survivingEvents: { kind: string; data: Record<string, unknown> }[] = [
      {
        kind: 'merged_from',
        data: { caseId: duplicate.row.id, reference: caseReference(duplicate.row), mergeId: merge.id, reason, moved },
      },
    ];
    if (check.plan.carryProblem) {
      const problem = (await findProblem(scope, duplicateLink.problemId!))!;
      await setCaseProblem(scope, [surviving.row.id], problem.id, now);
      survivingEvents.push({
        kind: 'linked_to_problem',
        data: { ...aboutProblem(problem), reason: `taken over from ${caseReference(duplicate.row)}` },
      });
    }
    if (check.plan.reopenSurviving) {
      await saveCase(surviving, { status: 'open', solvedAt: null });
      survivingEvents.push({
        kind: 'status_changed',
        data: { from: 'solved', to: 'open', reason: `${caseReference(duplicate.row)}, still open, was merged into it` },
      });
    } else {
      await saveCase(surviving, {});
    }
    await recordCaseEvents(surviving, survivingEvents);
    if (handoffs.escalationReason) {
      // The obligation stays: the surviving case is escalated for the same reason, unless it already is.
      const reason = `${handoffs.escalationReason} (carried over from ${caseReference(duplicate.row)} when it was merged)`;
      await raiseEscalation(surviving, { reason }, { quietIfPending: true });
    }
    await checkCaseEffort(surviving);

    return { mergeId: merge.id, merged: await currentView(duplicate), into: await currentView(surviving), moved };
  });
}

/**
 * A duplicate that is about to close needs no transfer offer or escalation of its own: they
 * are withdrawn, on the record; a waiting escalation's reason is returned so that the surviving
 * case can take it up. (Booked callbacks are promises to the customer: they move with the case.)
 */
async function withdrawHandoffs(
  change: CaseChange,
): Promise<{ events: { kind: string; data: Record<string, unknown> }[]; escalationReason: string | null }> {
  const { scope, now, actor } = change;
  const events: { kind: string; data: Record<string, unknown> }[] = [];
  const transfer = await findOfferedTransfer(scope, change.row.id);
  if (transfer) {
    await decideTransfer(scope, transfer.id, { status: 'withdrawn', decidedAt: now, decidedBy: actor.userId });
    await cancelJob(scope.db, transferExpiryKey(transfer.id));
    events.push({ kind: 'transfer_withdrawn', data: { transferId: transfer.id, reason: 'case merged' } });
  }
  const escalation = await findPendingEscalation(scope, change.row.id);
  if (escalation) {
    await updateEscalation(scope, escalation.id, { status: 'withdrawn', decidedAt: now, decidedBy: actor.userId });
    await cancelJob(scope.db, escalationClimbKey(escalation.id));
    events.push({ kind: 'escalation_withdrawn', data: { escalationId: escalation.id, reason: 'case merged' } });
  }
  return { events, escalationReason: escalation?.reason ?? null };
}

/**
 * SLA HOOK — merge. The SLA tables (migration 0004, another engineer) are not wired in yet.
 * Rows with (tenant_id, id, case_id) can simply join CASE_RECORD_TABLES in
 * store/repositories/case-merges.ts. Anything else — cancelling the duplicate's running SLA
 * timers, re-planning the surviving case's — belongs here: move what must move, record the
 * moved ids with recordMergeMoves(scope, merge.id, '<table>', ids), and return counts by table.
 */
export async function moveSlaHistoryOnMerge(_scope: TenantScope, _merge: CaseMergeRow): Promise<MovedRecords> {
  return {};
}
