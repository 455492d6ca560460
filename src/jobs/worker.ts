import type { Logger } from 'pino';
import { channelRuntime, type ChannelRuntime } from '../services/channels/outbound/channel-runtime.ts';
import type { Db } from '../store/database.ts';
import { PollingLoop } from './polling-loop.ts';
import { claimDueJob, failJob, finishJob, releaseJobKey, type JobRow } from '../store/repositories/jobs.ts';

/** What a job may need beyond the database: how channels reach the outside world. */
export interface JobContext {
  channels: ChannelRuntime;
}

/** Runs one job inside the transaction that claimed it; throwing rolls its effects back. */
export type JobHandler = (job: JobRow, tx: Db, context: JobContext) => Promise<void>;

export interface WorkerOptions {
  pollMs?: number;
  /** The clock jobs are judged due by; tests move it. */
  now?: () => Date;
  logger?: Pick<Logger, 'error' | 'warn' | 'info'>;
  /** Run only these tenants' jobs (a dedicated worker; tests that move the clock). Default: all. */
  tenantIds?: string[];
  /** The channel runtime of the server this worker runs in (the same one its routes use). */
  channels?: ChannelRuntime;
}

const backoffMs = (attempt: number) => Math.min(60_000 * 2 ** attempt, 3_600_000);

/**
 * Polls the jobs table and runs due jobs. Any number of workers, in any number of processes,
 * may poll one database: a job is claimed with SKIP LOCKED in the same transaction that runs
 * it and marks it done, so its effects land once; a crash rolls back and frees the job.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly context: JobContext;
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: Db,
    private readonly options: WorkerOptions = {},
  ) {
    this.context = { channels: options.channels ?? channelRuntime() };
    this.loop = new PollingLoop(
      () => this.runDue(),
      options.pollMs ?? 1000,
      (error) => options.logger?.error({ err: error }, 'job polling failed'),
    );
  }

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Runs every job due now, one transaction each; returns how many ran. */
  async runDue(limit = 100): Promise<number> {
    let ran = 0;
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return 0;
    while (ran < limit) {
      const now = this.options.now?.() ?? new Date();
      const claimed = await this.db
        .transaction(async (outer) => {
          const tx = outer as unknown as Db;
          const job = await claimDueJob(tx, now, kinds, this.options.tenantIds);
          if (!job) return false;
          try {
            // A savepoint: a failing handler's writes are undone, the claim and the failure record stay.
            await outer.transaction(async (inner) => {
              // The running job gives up its key, so its handler may set the same timer again
              // (otherwise that would move this very row, which is then marked done).
              await releaseJobKey(inner as unknown as Db, job.id);
              await this.handlers.get(job.kind)!(job, inner as unknown as Db, this.context);
            });
            await finishJob(tx, job.id);
          } catch (error) {
            await this.recordFailure(tx, job, error, now);
          }
          return true;
        })
        .catch((error: unknown) => {
          this.options.logger?.error({ err: error }, 'job transaction failed');
          return false;
        });
      if (!claimed) break;
      ran++;
    }
    return ran;
  }

  private async recordFailure(tx: Db, job: JobRow, error: unknown, now: Date): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.options.logger?.warn({ job: job.id, kind: job.kind, attempt: job.attempts + 1, err: error }, 'job failed');
    await failJob(tx, job.id, message, new Date(now.getTime() + backoffMs(job.attempts)));
  }
}
