import { startTransition, useEffect, useState } from 'react';

/**
 * False on the first render, true once the browser has painted it. Parts below the fold, or
 * costly to draw (charts), wait for it, so a screen shows its data first and the rest follows a
 * frame later, in a transition that typing and clicks can interrupt.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the paint; the timeout after it runs once it is done.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return painted;
}
