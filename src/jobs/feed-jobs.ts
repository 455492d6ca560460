import { POLL_FEED_JOB, runFeedPollJob } from '../services/channels/feeds/poll-feed.ts';
import { scopeTo } from '../store/tenant-scope.ts';
import type { JobHandler } from './worker.ts';

/** Polling RSS/Atom feeds (forums, public pages): each feed's job sets its own next run. */
export const feedJobHandlers: Record<string, JobHandler> = {
  [POLL_FEED_JOB]: async (job, tx) => {
    await runFeedPollJob(scopeTo(tx, job.tenantId!), String(job.payload['sourceId']));
  },
};
