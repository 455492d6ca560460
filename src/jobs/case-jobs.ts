import { scopeTo } from '../store/tenant-scope.ts';
import { CALLBACK_MISSED_JOB, markCallbackMissed } from '../services/cases/book-callback.ts';
import { EFFORT_CHECK_JOB, runEffortCheck } from '../services/cases/case-effort.ts';
import { climbCaseEscalation, ESCALATION_CLIMB_JOB } from '../services/cases/escalate-case.ts';
import { expireCaseTransfer, TRANSFER_EXPIRY_JOB } from '../services/cases/transfer-case.ts';
import type { JobHandler } from './worker.ts';

type Payload = { caseId: string } & Record<string, string>;

/**
 * Timers that keep cases owned: offers that lapse, escalations that climb, promises that break.
 * The ones that raise or move an escalation act at the worker's time (`context.now`), not at the
 * time they were due: an escalation raised or climbed late gets a deadline from now, instead of
 * one already past that would climb again at once, level after level and reminder after reminder.
 */
export const caseJobHandlers: Record<string, JobHandler> = {
  [TRANSFER_EXPIRY_JOB]: (job, tx) =>
    expireCaseTransfer(scopeTo(tx, job.tenantId!), job.payload as { transferId: string; caseId: string }, job.runAt),
  [ESCALATION_CLIMB_JOB]: (job, tx, context) =>
    climbCaseEscalation(
      scopeTo(tx, job.tenantId!),
      job.payload as { escalationId: string; caseId: string },
      context.now,
    ),
  [CALLBACK_MISSED_JOB]: (job, tx, context) =>
    markCallbackMissed(scopeTo(tx, job.tenantId!), job.payload as { callbackId: string; caseId: string }, context.now),
  [EFFORT_CHECK_JOB]: (job, tx, context) =>
    runEffortCheck(scopeTo(tx, job.tenantId!), job.payload as Payload, context.now),
};
