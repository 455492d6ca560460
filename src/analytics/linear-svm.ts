/**
 * One-vs-rest linear support vector machines (L2-regularised, squared hinge loss) trained by
 * dual coordinate descent with shrinking (Hsieh et al. 2008, as in LIBLINEAR). On sparse text
 * vectors it converges in a few passes and needs no learning rate. A constant bias feature
 * (value 1) is appended, and regularised like the other weights.
 */
import type { SparseVector } from './vectorizer.ts';
import { shuffleInPlace, type Random } from './random.ts';

export interface SvmSettings {
  /** Inverse regularisation strength. */
  c: number;
  /** Stop once the projected gradient spread falls below this. */
  tolerance: number;
  maxPasses: number;
}

export const DEFAULT_SVM_SETTINGS: SvmSettings = { c: 0.5, tolerance: 0.1, maxPasses: 200 };

export interface LinearWeights {
  /** Feature-major: the weights of feature f for every class are at f * classes .. f * classes + classes - 1. */
  weights: Float32Array;
  bias: Float32Array;
  classes: number;
  dimension: number;
}

/** `labels[i]` is the class index (0..classes-1) of `vectors[i]`. */
export function trainOneVsRest(
  vectors: readonly SparseVector[],
  labels: Int32Array,
  classes: number,
  dimension: number,
  settings: SvmSettings,
  random: Random,
): LinearWeights {
  const weights = new Float32Array(dimension * classes);
  const bias = new Float32Array(classes);
  const squaredNorms = Float64Array.from(vectors, (x) => {
    let s = 1; // the bias feature
    for (const v of x.values) s += v * v;
    return s;
  });
  for (let c = 0; c < classes; c++) {
    const w = new Float64Array(dimension + 1);
    trainBinary(vectors, labels, c, squaredNorms, w, settings, random);
    for (let f = 0; f < dimension; f++) weights[f * classes + c] = w[f]!;
    bias[c] = w[dimension]!;
  }
  return { weights, bias, classes, dimension };
}

function trainBinary(
  vectors: readonly SparseVector[],
  labels: Int32Array,
  positive: number,
  squaredNorms: Float64Array,
  w: Float64Array,
  settings: SvmSettings,
  random: Random,
): void {
  const n = vectors.length;
  const biasIndex = w.length - 1;
  // Squared hinge loss: a diagonal term instead of an upper bound on alpha (which the plain
  // hinge needs; it measured 0.3-1 point less accurate here).
  const diagonal = 1 / (2 * settings.c);
  const alpha = new Float64Array(n);
  const active = Int32Array.from({ length: n }, (_, i) => i);
  let activeSize = n;
  let maxOld = Infinity;

  for (let pass = 0; pass < settings.maxPasses; pass++) {
    let maxNew = -Infinity;
    let minNew = Infinity;
    shuffleInPlace(active, random, activeSize);
    for (let s = 0; s < activeSize; s++) {
      const i = active[s]!;
      const x = vectors[i]!;
      const y = labels[i] === positive ? 1 : -1;
      let margin = w[biasIndex]!;
      for (let k = 0; k < x.indices.length; k++) margin += w[x.indices[k]!]! * x.values[k]!;
      const gradient = y * margin - 1 + diagonal * alpha[i]!;

      let projected = gradient;
      if (alpha[i] === 0) {
        if (gradient > maxOld) {
          // Shrink: comfortably outside the margin, unlikely to become a support vector.
          activeSize--;
          active[s] = active[activeSize]!;
          active[activeSize] = i;
          s--;
          continue;
        }
        if (gradient > 0) projected = 0;
      }
      if (projected > maxNew) maxNew = projected;
      if (projected < minNew) minNew = projected;
      if (Math.abs(projected) > 1e-12) {
        const old = alpha[i]!;
        const updated = Math.max(old - gradient / (squaredNorms[i]! + diagonal), 0);
        alpha[i] = updated;
        const step = (updated - old) * y;
        for (let k = 0; k < x.indices.length; k++) w[x.indices[k]!]! += step * x.values[k]!;
        w[biasIndex]! += step;
      }
    }
    if (maxNew - minNew <= settings.tolerance) {
      if (activeSize === n) return;
      // Converged on the shrunk set: check once more against everything.
      activeSize = n;
      maxOld = Infinity;
      continue;
    }
    maxOld = maxNew <= 0 ? Infinity : maxNew;
  }
}

/** Class scores (margins) of one vector, written into `out`. */
export function scoresOf(model: LinearWeights, x: SparseVector, out: Float64Array): Float64Array {
  const { weights, classes } = model;
  for (let c = 0; c < classes; c++) out[c] = model.bias[c]!;
  for (let k = 0; k < x.indices.length; k++) {
    const base = x.indices[k]! * classes;
    const value = x.values[k]!;
    for (let c = 0; c < classes; c++) out[c]! += weights[base + c]! * value;
  }
  return out;
}
