import { useEffect, useRef } from 'react';

/**
 * Loads the next page when a sentinel element scrolls into view. The caller also renders a
 * button doing the same, for keyboards and for browsers that do not observe.
 */
export function useLoadMoreSentinel<T extends Element>(canLoad: boolean, load: () => void) {
  const ref = useRef<T | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const element = ref.current;
    if (!element || !canLoad || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) loadRef.current();
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [canLoad]);

  return ref;
}
