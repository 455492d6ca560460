/**
 * Confidences from class scores: softmax with a temperature fitted on examples the model did
 * not train on (temperature scaling, Guo et al. 2017). One parameter cannot change which
 * label wins, only how sure the model claims to be, so accuracy is untouched.
 */

/** Softmax of `scores / temperature`, written into `out` (stable for large scores). */
export function softmax(scores: ArrayLike<number>, temperature: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) if (scores[c]! > max) max = scores[c]!;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c]! - max) / temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) out[c]! /= sum;
  return out;
}

/** Mean negative log-likelihood of the true classes at a temperature. */
export function negativeLogLikelihood(scores: readonly Float64Array[], truth: Int32Array, temperature: number): number {
  if (scores.length === 0) return 0;
  const probabilities = new Float64Array(scores[0]!.length);
  let total = 0;
  scores.forEach((s, i) => {
    softmax(s, temperature, probabilities);
    total -= Math.log(Math.max(probabilities[truth[i]!]!, 1e-300));
  });
  return total / scores.length;
}

/**
 * The temperature that minimises held-out negative log-likelihood, by golden-section search
 * over log(temperature) (the likelihood is unimodal in it). Returns 1 without examples.
 */
export function fitTemperature(scores: readonly Float64Array[], truth: Int32Array): number {
  if (scores.length === 0) return 1;
  const loss = (logT: number) => negativeLogLikelihood(scores, truth, Math.exp(logT));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(1e-3);
  let high = Math.log(1e2);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let step = 0; step < 60 && high - low > 1e-4; step++) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/**
 * Expected calibration error: predictions binned by confidence; the gap between each bin's
 * mean confidence and its accuracy, weighted by the bin's share of predictions. 0 is perfect.
 */
export function expectedCalibrationError(
  confidences: readonly number[],
  correct: readonly boolean[],
  bins = 15,
): number {
  if (confidences.length === 0) return 0;
  const count = new Float64Array(bins);
  const confidenceSum = new Float64Array(bins);
  const correctSum = new Float64Array(bins);
  confidences.forEach((confidence, i) => {
    const bin = Math.min(bins - 1, Math.floor(confidence * bins));
    count[bin]!++;
    confidenceSum[bin]! += confidence;
    if (correct[i]) correctSum[bin]!++;
  });
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    if (count[bin] === 0) continue;
    error += Math.abs(confidenceSum[bin]! - correctSum[bin]!) / confidences.length;
  }
  return error;
}
