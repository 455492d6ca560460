import { scheduleJob, type JobRow } from '../../store/repositories/jobs.ts';
import { listUnsolvedCaseIds } from '../../store/repositories/sla.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { trackCaseSla } from './track-case-sla.ts';

export const SLA_RETRACK_JOB = 'sla.retrack';
const retrackKey = (tenantId: string) => `sla-retrack:${tenantId}`;
const BATCH = 50;

/**
 * After a policy or calendar changes, every unsolved case of the tenant is tracked again in the
 * background, so deadlines and timers follow the new rules. Changing again restarts the sweep.
 */
export async function scheduleSlaRetrack(scope: TenantScope, now: Date): Promise<void> {
  // scheduleJob, not setTimers: if a sweep is running, this waits for it and starts a fresh one after.
  await scheduleJob(scope.db, {
    tenantId: scope.tenantId,
    kind: SLA_RETRACK_JOB,
    key: retrackKey(scope.tenantId),
    runAt: now,
    payload: { afterCaseId: null },
  });
}

/** Timer: one batch of the sweep; the next batch is a job of its own. */
export async function retrackUnsolvedCases(
  scope: TenantScope,
  job: Pick<JobRow, 'id' | 'runAt' | 'payload'>,
): Promise<void> {
  const { afterCaseId } = job.payload as { afterCaseId: string | null };
  const caseIds = await listUnsolvedCaseIds(scope, afterCaseId, BATCH);
  for (const caseId of caseIds) await trackCaseSla(scope, caseId, job.runAt);
  if (caseIds.length === BATCH) {
    await scheduleJob(scope.db, {
      tenantId: scope.tenantId,
      kind: SLA_RETRACK_JOB,
      key: retrackKey(scope.tenantId),
      runAt: job.runAt,
      payload: { afterCaseId: caseIds[BATCH - 1]! },
    });
  }
}
