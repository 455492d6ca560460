/**
 * Runs `round` after `firstAfterMs`, then again `everyMs` after each round ends (never two at
 * once), off the way of shutdown: the timer does not keep the process alive, and the stop it
 * returns waits for a round under way.
 */
export function repeatInBackground(
  round: () => Promise<unknown>,
  options: { firstAfterMs: number; everyMs: number; onError: (error: unknown) => void },
): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round()
        .catch(options.onError)
        .finally(() => schedule(options.everyMs));
    }, ms);
    timer.unref();
  };
  schedule(options.firstAfterMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
