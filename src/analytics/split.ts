/** Stratified splits: every label keeps its share on both sides, so rare intents are still measured. */
import { seededRandom, shuffleInPlace } from './random.ts';

export interface Split {
  train: number[];
  test: number[];
}

/**
 * Holds out `testFraction` of each label's examples (at least one when a label has two or
 * more). Returns indices into `labels`, each side in ascending order.
 */
export function stratifiedSplit(labels: readonly string[], testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError('testFraction must be between 0 and 1');
  const random = seededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of groupByLabel(labels)) {
    shuffleInPlace(members, random);
    const held = members.length < 2 ? 0 : Math.max(1, Math.round(members.length * testFraction));
    test.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** `folds` stratified folds: each example is in exactly one test side. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed: number): Split[] {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError('folds must be a whole number of at least 2');
  const random = seededRandom(seed);
  const foldOf = new Int32Array(labels.length);
  let offset = 0;
  for (const members of groupByLabel(labels)) {
    shuffleInPlace(members, random);
    // Continue the round-robin across labels so that small labels do not all land in fold 0.
    members.forEach((index, k) => (foldOf[index] = (offset + k) % folds));
    offset += members.length;
  }
  return Array.from({ length: folds }, (_, fold) => {
    const split: Split = { train: [], test: [] };
    foldOf.forEach((f, index) => (f === fold ? split.test : split.train).push(index));
    return split;
  });
}

function groupByLabel(labels: readonly string[]): number[][] {
  const groups = new Map<string, number[]>();
  labels.forEach((label, index) => {
    const group = groups.get(label);
    if (group) group.push(index);
    else groups.set(label, [index]);
  });
  return [...groups.keys()].sort().map((label) => groups.get(label)!);
}
