/** Seeded randomness, so that training, splits and benchmarks are reproducible. */

export type Random = () => number;

/** mulberry32: small, fast, and good enough for shuffling and sampling. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates over the first `length` items. */
export function shuffleInPlace<T extends { [index: number]: unknown; length: number }>(
  items: T,
  random: Random,
  length = items.length,
): T {
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = items[i];
    items[i] = items[j]!;
    items[j] = held;
  }
  return items;
}
