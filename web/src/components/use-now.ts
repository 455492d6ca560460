import { useSyncExternalStore } from 'react';

/**
 * One ticking clock per interval, shared by every component that asks for that interval: a
 * screen full of countdowns runs one timer, not one per row, and they all show the same second.
 */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
  subscribe: (listener: () => void) => () => void;
  read: () => number;
}

const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const clock: Clock = {
    now: Date.now(),
    listeners: new Set(),
    timer: undefined,
    subscribe: (listener) => {
      clock.listeners.add(listener);
      if (clock.timer === undefined) {
        // A clock that stood still while nobody watched starts from the right time.
        clock.now = Date.now();
        clock.timer = setInterval(() => {
          clock.now = Date.now();
          for (const notify of clock.listeners) notify();
        }, intervalMs);
      }
      return () => {
        clock.listeners.delete(listener);
        if (clock.listeners.size === 0 && clock.timer !== undefined) {
          clearInterval(clock.timer);
          clock.timer = undefined;
        }
      };
    },
    read: () => clock.now,
  };
  clocks.set(intervalMs, clock);
  return clock;
}

/**
 * The current time in milliseconds, ticking every `intervalMs`, so countdowns and "5 minutes
 * ago" stay true without refetching: 1 s for countdowns a supervisor watches, a minute for
 * "updated 5 min ago".
 */
export function useNow(intervalMs = 1_000): number {
  const clock = clockFor(intervalMs);
  return useSyncExternalStore(clock.subscribe, clock.read);
}
