import type { Db } from '../store/database.ts';
import { caseJobHandlers } from './case-jobs.ts';
import { channelJobHandlers } from './channel-jobs.ts';
import { feedJobHandlers } from './feed-jobs.ts';
import { slaJobHandlers } from './sla-jobs.ts';
import { partnerJobHandlers } from './partner-jobs.ts';
import { problemJobHandlers } from './problem-jobs.ts';
import { JobWorker, type JobHandler, type WorkerOptions } from './worker.ts';

/**
 * Every kind of background job Hearken knows, by name. Each area keeps its handlers in its
 * own `src/jobs/<area>-jobs.ts` and adds its map here.
 */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  ...caseJobHandlers,
  ...slaJobHandlers,
  ...partnerJobHandlers,
  ...problemJobHandlers,
  ...channelJobHandlers,
  ...feedJobHandlers,
};

export function createJobWorker(db: Db, options: WorkerOptions = {}): JobWorker {
  const worker = new JobWorker(db, options);
  for (const [kind, handler] of Object.entries(JOB_HANDLERS)) worker.register(kind, handler);
  return worker;
}
