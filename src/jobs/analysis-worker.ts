import type { Logger } from 'pino';
import { analyseQueuedContacts, type AnalysisBatchResult } from '../services/analysis/analyse-contacts.ts';
import type { Db } from '../store/database.ts';

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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Set by stop(): a drain in progress finishes its batch and returns. */
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly options: AnalysisWorkerOptions = {},
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .catch((error: unknown) => this.options.logger?.error({ err: error }, 'contact analysis failed'))
        .then(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 250);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
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
      if (result.claimed === 0 || this.stopping) return analysed;
    }
  }
}
