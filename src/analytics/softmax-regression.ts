/**
 * Multinomial logistic regression trained by stochastic gradient descent with AdaGrad step
 * sizes, on sparse vectors. Unlike one-vs-rest, the labels compete inside one softmax, which
 * suits many similar intents.
 */
import type { LinearWeights } from './linear-svm.ts';
import { shuffleInPlace, type Random } from './random.ts';
import type { SparseVector } from './vectorizer.ts';

export interface SoftmaxSettings {
  passes: number;
  learningRate: number;
  /** L2 penalty, applied to the weights of the features an example touches. */
  l2: number;
}

export function trainSoftmax(
  vectors: readonly SparseVector[],
  labels: Int32Array,
  classes: number,
  dimension: number,
  settings: SoftmaxSettings,
  random: Random,
): LinearWeights {
  const weights = new Float32Array(dimension * classes);
  const squaredGradients = new Float32Array(dimension * classes).fill(1e-8);
  const bias = new Float32Array(classes);
  const biasSquared = new Float64Array(classes).fill(1e-8);
  const scores = new Float64Array(classes);
  const order = Int32Array.from({ length: vectors.length }, (_, i) => i);
  const { learningRate, l2 } = settings;
  for (let pass = 0; pass < settings.passes; pass++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = vectors[i]!;
      for (let c = 0; c < classes; c++) scores[c] = bias[c]!;
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * classes;
        const v = x.values[k]!;
        for (let c = 0; c < classes; c++) scores[c]! += weights[base + c]! * v;
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) if (scores[c]! > max) max = scores[c]!;
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += scores[c] = Math.exp(scores[c]! - max);
      const y = labels[i]!;
      // scores now holds the gradient of the loss with respect to each class score.
      for (let c = 0; c < classes; c++) scores[c] = scores[c]! / sum - (c === y ? 1 : 0);
      for (let c = 0; c < classes; c++) {
        const g = scores[c]!;
        biasSquared[c]! += g * g;
        bias[c]! -= (learningRate * g) / Math.sqrt(biasSquared[c]!);
      }
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * classes;
        const v = x.values[k]!;
        for (let c = 0; c < classes; c++) {
          const at = base + c;
          const g = scores[c]! * v + l2 * weights[at]!;
          const acc = (squaredGradients[at]! += g * g);
          weights[at]! -= (learningRate * g) / Math.sqrt(acc);
        }
      }
    }
  }
  return { weights, bias, classes, dimension };
}
