import type { ComponentType } from 'react';

/**
 * A screen's code, fetched once and known at once after that. React's lazy() would do the
 * fetching, but it suspends on every first render, and React keeps a suspended screen's fallback
 * up for at least 300 ms: a screen whose code had long arrived still waited that long.
 */
export interface ScreenCode {
  /** Fetches the code (once; a failed fetch may be tried again). */
  load(): Promise<ComponentType>;
  /** The screen, when its code has arrived. */
  loaded(): ComponentType | undefined;
}

export function screenCode(fetchCode: () => Promise<ComponentType>): ScreenCode {
  let screen: ComponentType | undefined;
  let pending: Promise<ComponentType> | undefined;
  return {
    load: () =>
      (pending ??= fetchCode().then(
        (arrived) => (screen = arrived),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      )),
    loaded: () => screen,
  };
}
