import type { Logger } from 'pino';
import { performance } from 'node:perf_hooks';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { channelRuntime, type ChannelRuntime } from '../services/channels/outbound/channel-runtime.ts';
import type { Db } from '../store/database.ts';
import { PollingLoop, type RoundResult } from './polling-loop.ts';
import {
  anyJobDue,
  claimDueJob,
  dropRepeatOfJob,
  dueJobTurns,
  failJob,
  finishJob,
  releaseJobKey,
  type JobRow,
  type JobTurn,
} from '../store/repositories/jobs.ts';

/** What a job may need beyond the database: how channels reach the outside world, and the time. */
export interface JobContext {
  channels: ChannelRuntime;
  /**
   * The worker's clock when it took the job, never before `job.runAt`. A job that sets a
   * follow-up timer counts from this, not from when it was due: a timer running late (after a
   * restart, behind a backlog) must not set its next one in the past and run again at once.
   */
  now: Date;
}

/** Runs one job inside the transaction that claimed it; throwing rolls its effects back. */
export type JobHandler = (job: JobRow, tx: Db, context: JobContext) => Promise<void>;

export interface WorkerOptions {
  pollMs?: number;
  /**
   * How long one round of the polling loop keeps taking jobs before it lets everything else in
   * (default 50 ms). A backlog goes on in the next round straight away, so it still drains at
   * full speed; and requests get the connection between any two jobs.
   */
  roundBudgetMs?: number;
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
 *
 * The order due work runs in is fair to fresh timers. Urgent work (priority above 0: a reply a
 * customer is waiting for) goes first, oldest first. Then the kinds take turns: each round
 * runs the oldest due job of every kind that has one, the kind served longest ago first. So
 * 3,000 overdue effort checks cost an escalation that has just come due one effort check, not
 * 3,000; within a kind, due time decides. Strictly oldest-first across kinds would be fairer
 * to the backlog's own timers, but a backlog is by then late anyway, and the timers that can
 * still be on time are the ones a person is about to miss.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly channels: ChannelRuntime;
  private readonly loop: PollingLoop;
  /** Kinds by when they were last served, longest ago first: the order of the next round. */
  private readonly turnOrder: string[] = [];

  constructor(
    private readonly db: Db,
    private readonly options: WorkerOptions = {},
  ) {
    this.channels = options.channels ?? channelRuntime();
    this.loop = new PollingLoop(
      () => this.round(),
      options.pollMs ?? 1000,
      (error) => options.logger?.error({ err: error }, 'job polling failed'),
    );
  }

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    if (!this.turnOrder.includes(kind)) this.turnOrder.push(kind);
    return this;
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Looks for due work now rather than at the end of the current wait. */
  wake(): void {
    this.loop.wake();
  }

  /**
   * Runs jobs due now, one transaction each, until none is due, `limit` have run, or `budgetMs`
   * has passed (default: no time limit); returns how many ran.
   */
  async runDue(limit = 100, options: { budgetMs?: number } = {}): Promise<number> {
    return (await this.take(limit, options.budgetMs ?? Infinity)).ran;
  }

  /** One round of the polling loop: as much as the time budget allows. */
  private async round(): Promise<RoundResult> {
    const { ran, more } = await this.take(Infinity, this.options.roundBudgetMs ?? 50);
    return more ? 'more' : ran > 0 ? 'worked' : 'idle';
  }

  private async take(limit: number, budgetMs: number): Promise<{ ran: number; more: boolean }> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return { ran: 0, more: false };
    const startedAt = performance.now();
    const outOfTime = () => ran >= limit || performance.now() - startedAt >= budgetMs;
    let ran = 0;
    // Idle, the usual case, costs one index lookup; only then is it worth asking whose turn it is.
    if (!(await anyJobDue(this.db, this.clock()))) return { ran, more: false };
    for (;;) {
      const due = await dueJobTurns(this.db, this.clock(), kinds, this.options.tenantIds);
      const turns: JobTurn[] = [
        ...(due.urgent ? [{ urgent: true as const, kinds }] : []),
        ...this.turnOrder.filter((kind) => due.kinds.includes(kind)).map((kind) => ({ kind })),
      ];
      if (turns.length === 0) return { ran, more: false };
      let tookAny = false;
      for (const turn of turns) {
        // Urgent work runs until none is left; every other kind runs one job per round.
        do {
          if (outOfTime()) return { ran, more: true };
          // Whoever is waiting for the connection (a request, on PGlite's single one) goes next.
          if (ran > 0) await eventLoopTurn();
          const kind = await this.runOne(turn);
          if (kind === null) break;
          ran++;
          tookAny = true;
          this.served(kind);
        } while (turn.urgent);
      }
      // Everything due is being run by other workers (or failed to start): look again later.
      if (!tookAny) return { ran, more: false };
    }
  }

  /** Claims and runs the job whose turn it is; returns its kind, or null when there was none. */
  private async runOne(turn: JobTurn): Promise<string | null> {
    const now = this.clock();
    return this.db
      .transaction(async (outer) => {
        const tx = outer as unknown as Db;
        const job = await claimDueJob(tx, now, turn, this.options.tenantIds);
        if (!job) return null;
        try {
          // A savepoint: a failing handler's writes are undone, the claim and the failure record stay.
          await outer.transaction(async (inner) => {
            // The running job gives up its key, so its handler may set the same timer again
            // (otherwise that would move this very row, which is then marked done).
            await releaseJobKey(inner as unknown as Db, job.id);
            const context = { channels: this.channels, now: now < job.runAt ? job.runAt : now };
            await this.handlers.get(job.kind)!(job, inner as unknown as Db, context);
            if (await dropRepeatOfJob(inner as unknown as Db, job))
              this.options.logger?.warn(
                { job: job.id, kind: job.kind, key: job.key },
                'job set itself again unchanged',
              );
          });
          await finishJob(tx, job.id);
        } catch (error) {
          await this.recordFailure(tx, job, error, now);
        }
        return job.kind;
      })
      .catch((error: unknown) => {
        this.options.logger?.error({ err: error }, 'job transaction failed');
        return null;
      });
  }

  private served(kind: string): void {
    const at = this.turnOrder.indexOf(kind);
    if (at >= 0) this.turnOrder.splice(at, 1);
    this.turnOrder.push(kind);
  }

  private clock(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async recordFailure(tx: Db, job: JobRow, error: unknown, now: Date): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.options.logger?.warn({ job: job.id, kind: job.kind, attempt: job.attempts + 1, err: error }, 'job failed');
    await failJob(tx, job.id, message, new Date(now.getTime() + backoffMs(job.attempts)));
  }
}
