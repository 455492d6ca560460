import { startTransition, useEffect, useState } from 'react';

/**
 * False on the first render, true once the browser has painted it. Parts below the fold, or
 * costly to draw (charts), wait for it, so a screen shows its data first and the rest follows a
 * frame later, in a transition that typing and clicks can interrupt.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => afterPaint(() => startTransition(() => setPainted(true))), []);
  return painted;
}

/** Runs `work` once the next frame has been painted; the returned function cancels it. */
export function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A frame callback runs just before the paint; the timeout after it runs once it is done.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * A long list drawn in two goes: what fits on the first screen at once, the rest after that has
 * been painted. `complete` says whether the whole list is drawn (until then, a "load more"
 * footer would be in view and load the next page too early).
 */
export function useTopDrawnFirst<T>(items: readonly T[], first: number): { drawn: readonly T[]; complete: boolean } {
  const painted = useAfterFirstPaint();
  return { drawn: painted ? items : items.slice(0, first), complete: painted || items.length <= first };
}
