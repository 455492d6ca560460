import { describe, expect, it } from 'vitest';
import { scoresOf, trainOneVsRest, type LinearWeights } from './linear-svm.ts';
import { seededRandom } from './random.ts';
import { trainSoftmax } from './softmax-regression.ts';
import type { SparseVector } from './vectorizer.ts';

/** Three classes, each with two features of its own plus shared noise features. */
function toyProblem(count: number, seed: number): { vectors: SparseVector[]; labels: Int32Array } {
  const random = seededRandom(seed);
  const vectors: SparseVector[] = [];
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 3;
    labels[i] = label;
    const own = 2 * label + Math.floor(random() * 2);
    const noise = 6 + Math.floor(random() * 4);
    vectors.push({ indices: Int32Array.of(own, noise), values: Float32Array.of(0.8, 0.6) });
  }
  return { vectors, labels };
}

const accuracy = (model: LinearWeights, vectors: SparseVector[], labels: Int32Array) => {
  const out = new Float64Array(model.classes);
  let correct = 0;
  vectors.forEach((x, i) => {
    scoresOf(model, x, out);
    if (out.indexOf(Math.max(...out)) === labels[i]) correct++;
  });
  return correct / vectors.length;
};

describe('linear models', () => {
  const train = toyProblem(90, 1);
  const test = toyProblem(60, 2);

  it('one-vs-rest SVM separates the classes, and gives the own features positive weight', () => {
    const model = trainOneVsRest(
      train.vectors,
      train.labels,
      3,
      10,
      { c: 1, tolerance: 0.01, maxPasses: 100 },
      seededRandom(3),
    );
    expect(accuracy(model, test.vectors, test.labels)).toBe(1);
    expect(model.weights[2 * 3 + 1]).toBeGreaterThan(0); // feature 2 belongs to class 1
    expect(model.weights[2 * 3 + 0]).toBeLessThan(0);
  });

  it('softmax regression separates the classes', () => {
    const model = trainSoftmax(
      train.vectors,
      train.labels,
      3,
      10,
      { passes: 10, learningRate: 0.3, l2: 0 },
      seededRandom(3),
    );
    expect(accuracy(model, test.vectors, test.labels)).toBe(1);
  });

  it('is deterministic for a seed', () => {
    const settings = { c: 1, tolerance: 0.01, maxPasses: 100 };
    const a = trainOneVsRest(train.vectors, train.labels, 3, 10, settings, seededRandom(3));
    const b = trainOneVsRest(train.vectors, train.labels, 3, 10, settings, seededRandom(3));
    expect(b.weights).toEqual(a.weights);
  });
});
