import { scopeTo } from '../store/tenant-scope.ts';
import { CALLBACK_MISSED_JOB, markCallbackMissed } from '../services/cases/book-callback.ts';
import { EFFORT_CHECK_JOB, runEffortCheck } from '../services/cases/case-effort.ts';
import { climbCaseEscalation, ESCALATION_CLIMB_JOB } from '../services/cases/escalate-case.ts';
import { expireCaseTransfer, TRANSFER_EXPIRY_JOB } from '../services/cases/transfer-case.ts';
import type { JobHandler } from './worker.ts';

type Payload = { caseId: string } & Record<string, string>;

/** Timers that keep cases owned: offers that lapse, escalations that climb, promises that break. */
export const caseJobHandlers: Record<string, JobHandler> = {
  [TRANSFER_EXPIRY_JOB]: (job, tx) =>
    expireCaseTransfer(scopeTo(tx, job.tenantId!), job.payload as { transferId: string; caseId: string }, job.runAt),
  [ESCALATION_CLIMB_JOB]: (job, tx) =>
    climbCaseEscalation(scopeTo(tx, job.tenantId!), job.payload as { escalationId: string; caseId: string }, job.runAt),
  [CALLBACK_MISSED_JOB]: (job, tx) =>
    markCallbackMissed(scopeTo(tx, job.tenantId!), job.payload as { callbackId: string; caseId: string }, job.runAt),
  [EFFORT_CHECK_JOB]: (job, tx) => runEffortCheck(scopeTo(tx, job.tenantId!), job.payload as Payload, job.runAt),
};
