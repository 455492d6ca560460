import { scopeTo } from '../store/tenant-scope.ts';
import {
  notifyCustomerOfResolution,
  PROBLEM_NOTIFY_JOB,
  type ProblemNotice,
} from '../services/problems/notify-customer.ts';
import type { JobHandler } from './worker.ts';

/** Work that follows a problem's resolution: telling each affected customer, once. */
export const problemJobHandlers: Record<string, JobHandler> = {
  // The notice is dated when it goes out, which is never before the resolution that queued it.
  [PROBLEM_NOTIFY_JOB]: (job, tx, context) =>
    notifyCustomerOfResolution(
      scopeTo(tx, job.tenantId!),
      job.payload as unknown as ProblemNotice,
      new Date(Math.max(Date.now(), job.runAt.getTime() + 1)),
      context.channels,
    ),
};
