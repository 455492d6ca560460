import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, fitTemperature, negativeLogLikelihood, softmax } from './calibration.ts';
import { seededRandom } from './random.ts';

describe('softmax', () => {
  it('gives probabilities in [0, 1] that sum to 1, in the order of the scores, even for huge scores', () => {
    const p = softmax([1000, 999, -1000], 1, new Float64Array(3));
    expect(p.every((x) => x >= 0 && x <= 1)).toBe(true);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1);
    expect(p[0]).toBeGreaterThan(p[1]!);
    expect(p[1]).toBeGreaterThan(p[2]!);
  });

  it('is less sure at a higher temperature without changing the winner', () => {
    const cold = softmax([2, 1, 0], 0.5, new Float64Array(3));
    const hot = softmax([2, 1, 0], 4, new Float64Array(3));
    expect(hot[0]).toBeLessThan(cold[0]!);
    expect(hot[0]).toBeGreaterThan(hot[1]!);
  });
});

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels', () => {
    const random = seededRandom(3);
    const scores: Float64Array[] = [];
    const truth: number[] = [];
    const trueTemperature = 0.25;
    const p = new Float64Array(4);
    for (let i = 0; i < 4000; i++) {
      const s = Float64Array.from({ length: 4 }, () => random() * 2);
      softmax(s, trueTemperature, p);
      let u = random();
      let label = 0;
      while (label < 3 && u > p[label]!) u -= p[label++]!;
      scores.push(s);
      truth.push(label);
    }
    const fitted = fitTemperature(scores, Int32Array.from(truth));
    expect(fitted).toBeGreaterThan(0.2);
    expect(fitted).toBeLessThan(0.3);
    const nll = (t: number) => negativeLogLikelihood(scores, Int32Array.from(truth), t);
    expect(nll(fitted)).toBeLessThan(nll(1));
    expect(nll(fitted)).toBeLessThan(nll(0.1));
  });

  it('stays at 1 without examples', () => {
    expect(fitTemperature([], new Int32Array(0))).toBe(1);
  });
});

describe('expectedCalibrationError', () => {
  it('is 0 when confidence matches accuracy and the gap when it does not', () => {
    // Confidence 0.75 and 3 of 4 right: calibrated.
    expect(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, false, true])).toBeCloseTo(0);
    // Claims 0.95 but is right half the time: off by 0.45.
    expect(expectedCalibrationError([0.95, 0.95], [true, false])).toBeCloseTo(0.45);
    expect(expectedCalibrationError([], [])).toBe(0);
  });
});
