/** What a round found: more work already waiting, some work (all done now), or nothing. */
export type RoundResult = 'more' | 'worked' | 'idle';

export interface PollingLoopOptions {
  /** The wait after a round that found nothing to do (and after a failing round). */
  pollMs: number;
  /**
   * When set, each further round in a row that finds nothing doubles the wait, up to this, so an
   * idle server barely polls; a round that finds work brings the wait back to `pollMs`.
   */
  idleMaxMs?: number;
}

/**
 * Runs `work` again and again until stopped. A round that says `more` is waiting starts the next
 * as soon as the event loop has let waiting I/O through (requests get in between rounds);
 * otherwise the loop waits before looking again. A failing round is reported
 * and the loop goes on; stopping waits for the round in progress.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private idleRounds = 0;
  private readonly options: PollingLoopOptions;

  constructor(
    private readonly work: () => Promise<RoundResult>,
    options: number | PollingLoopOptions,
    private readonly onError: (error: unknown) => void,
  ) {
    this.options = typeof options === 'number' ? { pollMs: options } : options;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.idleRounds = 0;
    this.tick();
  }

  /** Looks for work now instead of at the end of the current wait (no effect while a round runs). */
  wake(): void {
    if (this.stopped || !this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.idleRounds = 0;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    await this.running;
  }

  private tick = (): void => {
    this.immediate = undefined;
    if (this.stopped) return;
    this.running = this.work()
      .then(
        (result) => result,
        (error: unknown): RoundResult => {
          this.onError(error);
          return 'idle';
        },
      )
      .then((result) => {
        if (this.stopped) return;
        if (result !== 'idle') this.idleRounds = 0;
        if (result === 'more') {
          this.immediate = setImmediate(this.tick);
          return;
        }
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.tick();
        }, this.nextWait());
      });
  };

  private nextWait(): number {
    const { pollMs, idleMaxMs } = this.options;
    if (idleMaxMs === undefined) return pollMs;
    const wait = Math.min(idleMaxMs, pollMs * 2 ** this.idleRounds);
    this.idleRounds = Math.min(this.idleRounds + 1, 30);
    return wait;
  }
}
