import type { Logger } from 'pino';
import { analyseQueuedContacts, type AnalysisBatchResult } from '../services/analysis/analyse-contacts.ts';
import type { Db } from '../store/database.ts';
import { PollingLoop } from './polling-loop.ts';

export interface AnalysisWorkerOptions {
  /** How long an idle worker waits before looking at the queue again. */
  pollMs?: number;
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
      () => this.drain(),
      options.pollMs ?? 250,
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
    for (;;) {
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
