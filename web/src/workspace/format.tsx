import { Tooltip } from '@mantine/core';
import { useSyncExternalStore } from 'react';

/** One clock for every relative time on screen, ticking each 30 s so "5 min ago" stays true. */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Re-renders on each tick; times are then measured against the real clock, not the last tick. */
export function useNow(): number {
  useSyncExternalStore(subscribe, () => now);
  return Date.now();
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Infinity],
];

/** "5 min ago", "in 2 hr": the largest unit that keeps the number readable. */
export function relativeTime(iso: string, nowMs: number): string {
  let value = (new Date(iso).getTime() - nowMs) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) {
      // Within a minute either way (clocks differ a little between server and browser) is now.
      if (unit === 'second' && Math.abs(value) < 45) return value < 10 ? 'just now' : 'in a moment';
      return relative.format(Math.round(value), unit);
    }
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

export function exactTime(iso: string): string {
  return exact.format(new Date(iso));
}

/** A relative time with the exact one in a tooltip (and the machine-readable one for assistive tech). */
export function RelativeTime({ iso, prefix }: { iso: string; prefix?: string }) {
  const nowMs = useNow();
  return (
    <Tooltip label={exactTime(iso)} openDelay={300} withArrow>
      <time dateTime={iso} title={exactTime(iso)}>
        {prefix ? `${prefix} ` : ''}
        {relativeTime(iso, nowMs)}
      </time>
    </Tooltip>
  );
}
