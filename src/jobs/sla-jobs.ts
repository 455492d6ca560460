import { retrackUnsolvedCases, SLA_RETRACK_JOB } from '../services/sla/retrack-sla.ts';
import { runSlaTimer, SLA_BREACH_JOB, SLA_WARNING_JOB } from '../services/sla/track-case-sla.ts';
import { scopeTo } from '../store/tenant-scope.ts';
import type { JobHandler } from './worker.ts';

/** SLA timers: a warning or a breach coming due re-checks the case and records what is due, once. */
export const slaJobHandlers: Record<string, JobHandler> = {
  [SLA_WARNING_JOB]: (job, tx) => runSlaTimer(scopeTo(tx, job.tenantId!), job),
  [SLA_BREACH_JOB]: (job, tx) => runSlaTimer(scopeTo(tx, job.tenantId!), job),
  [SLA_RETRACK_JOB]: (job, tx) => retrackUnsolvedCases(scopeTo(tx, job.tenantId!), job),
};
