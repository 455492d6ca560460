import { deliverOutbound } from '../services/channels/outbound/deliver-outbound.ts';
import { DELIVER_OUTBOUND_JOB } from '../services/channels/outbound/reply-to-case.ts';
import { scopeTo } from '../store/tenant-scope.ts';
import type { JobHandler } from './worker.ts';

/** Replies on their way to customers. */
export const channelJobHandlers: Record<string, JobHandler> = {
  [DELIVER_OUTBOUND_JOB]: (job, tx, context) =>
    deliverOutbound(scopeTo(tx, job.tenantId!), (job.payload as { outboundId: string }).outboundId, context.channels, {
      number: job.attempts + 1,
      last: job.attempts + 1 >= job.maxAttempts,
      now: new Date(),
    }),
};
