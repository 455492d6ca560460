import { useCallback, useState } from 'react';

/**
 * Text being written, kept per case in this tab: moving to another case and back (J/K) or a
 * failed send never loses what the agent typed.
 */
export function useDraft(key: string): [string, (value: string) => void, () => void] {
  const storageKey = `hearken:draft:${key}`;
  const [state, setState] = useState<{ key: string; value: string }>(() => ({
    key: storageKey,
    value: read(storageKey),
  }));
  // A new case: pick up its own draft.
  const value = state.key === storageKey ? state.value : read(storageKey);
  if (state.key !== storageKey) setState({ key: storageKey, value });

  const set = useCallback(
    (next: string) => {
      setState({ key: storageKey, value: next });
      try {
        if (next === '') sessionStorage.removeItem(storageKey);
        else sessionStorage.setItem(storageKey, next);
      } catch {
        // Storage full or blocked: the draft still lives in memory.
      }
    },
    [storageKey],
  );
  const clear = useCallback(() => set(''), [set]);
  return [value, set, clear];
}

function read(key: string): string {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}
