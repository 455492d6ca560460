import type { Logger } from 'pino';
import { analyseQueuedContacts, type AnalysisBatchResult } from '../services/analysis/analyse-contacts.ts';
import type { Db } from '../store/database.ts';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { PollingLoop, type RoundResult } from './polling-loop.ts';

export interface AnalysisWorkerOptions {
  /** How long a worker that has just emptied the queue waits before looking at it again. */
  pollMs?: number;
  /** Each idle look doubles the wait, up to this (default 2 s): an idle server barely polls. */
  idleMaxMs?: number;
  batchSize?: number;
  logger?: Pick<Logger, 'error' | 'warn' | 'info'>;
  tenantIds?: string[];
  /** Told after each batch commits (progress bars, tests). */
  onBatch?: (result: AnalysisBatchResult) => void;
}

/**
 * Analyses queued contacts in batches until the queue is empty, then polls. Any number of
 * these may run, in any number of processes, on one database (see analyseQueuedContacts).
 */
export class AnalysisWorker {
  private readonly loop: PollingLoop;
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly options: AnalysisWorkerOptions = {},
  ) {
    this.loop = new PollingLoop(
      async (): Promise<RoundResult> => ((await this.drain()) > 0 ? 'worked' : 'idle'),
      { pollMs: options.pollMs ?? 250, idleMaxMs: options.idleMaxMs ?? 2000 },
      (error) => options.logger?.error({ err: error }, 'contact analysis failed'),
    );
  }

  start(): void {
    this.started = true;
    this.loop.start();
  }

  /** Stops polling; a drain in progress finishes its batch and returns. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Analyses batches until none is left (or the worker is stopped); returns how many contacts were analysed. */
  async drain(): Promise<number> {
    let analysed = 0;
    for (let batch = 0; ; batch++) {
      // Between batches whoever waits for the connection (a request, on PGlite's single one) goes first.
      if (batch > 0) await eventLoopTurn();
      const result = await analyseQueuedContacts(this.db, {
        limit: this.options.batchSize ?? 200,
        ...(this.options.tenantIds ? { tenantIds: this.options.tenantIds } : {}),
      });
      analysed += result.analysed.length;
      if (result.claimed > 0) this.options.onBatch?.(result);
      if (result.claimed === 0 || this.stopRequested()) return analysed;
    }
  }

  /** Only a started worker can be stopped; a drain called directly runs until the queue is empty. */
  private stopRequested(): boolean {
    return this.started && this.loop.isStopped;
  }
}
