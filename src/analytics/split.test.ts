import { describe, expect, it } from 'vitest';
import { stratifiedFolds, stratifiedSplit } from './split.ts';

const labels = [...Array(50).fill('common'), ...Array(10).fill('rare'), 'single'];

describe('stratifiedSplit', () => {
  it('holds out the same share of every label, and is reproducible with its seed', () => {
    const split = stratifiedSplit(labels, 0.2, 7);
    const held = (label: string) => split.test.filter((i) => labels[i] === label).length;
    expect(held('common')).toBe(10);
    expect(held('rare')).toBe(2);
    expect(held('single')).toBe(0); // a label seen once must stay in training
    expect([...split.train, ...split.test].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(stratifiedSplit(labels, 0.2, 7)).toEqual(split);
    expect(stratifiedSplit(labels, 0.2, 8).test).not.toEqual(split.test);
  });
});

describe('stratifiedFolds', () => {
  it('puts every example in exactly one test fold, each fold with its share of each label', () => {
    const folds = stratifiedFolds(labels, 5, 1);
    const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(tested).toEqual(labels.map((_, i) => i));
    for (const fold of folds) {
      expect(fold.test.filter((i) => labels[i] === 'common')).toHaveLength(10);
      expect(fold.test.filter((i) => labels[i] === 'rare')).toHaveLength(2);
      expect(fold.train.length + fold.test.length).toBe(labels.length);
    }
  });
});
