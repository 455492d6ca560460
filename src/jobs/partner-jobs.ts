import { scopeTo } from '../store/tenant-scope.ts';
import { flagPartnerResponseOverdue } from '../services/partners/partner-response.ts';
import { PARTNER_RESPONSE_JOB } from '../services/partners/share-change.ts';
import type { JobHandler } from './worker.ts';

/** Timers of cases shared with partner organisations: the "waiting on partner" deadline. */
export const partnerJobHandlers: Record<string, JobHandler> = {
  [PARTNER_RESPONSE_JOB]: (job, tx) =>
    flagPartnerResponseOverdue(
      scopeTo(tx, job.tenantId!),
      job.payload as { shareId: string; dueAt: string },
      job.runAt,
    ),
};
