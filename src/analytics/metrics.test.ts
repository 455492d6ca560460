import { describe, expect, it } from 'vitest';
import { classificationReport } from './metrics.ts';

describe('classificationReport', () => {
  it('computes accuracy, per-label precision/recall/F1 and macro F1 from a hand-made confusion', () => {
    // Truth: 4 refund, 2 card, 1 fee. The model answers refund 5 times, card twice, never fee.
    const actual = ['refund', 'refund', 'refund', 'refund', 'card', 'card', 'fee'];
    const predicted = ['refund', 'refund', 'refund', 'card', 'card', 'refund', 'refund'];
    const report = classificationReport(actual, predicted);
    expect(report.n).toBe(7);
    expect(report.accuracy).toBeCloseTo(4 / 7);
    const byLabel = Object.fromEntries(report.labels.map((l) => [l.label, l]));
    expect(byLabel.refund).toMatchObject({ precision: 3 / 5, recall: 3 / 4, support: 4 });
    expect(byLabel.refund!.f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35);
    expect(byLabel.card).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(byLabel.fee).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.macroF1).toBeCloseTo(((2 * 0.6 * 0.75) / 1.35 + 0.5 + 0) / 3);
  });

  it('counts a label that is only ever predicted, with F1 0', () => {
    const report = classificationReport(['a', 'a'], ['a', 'b']);
    expect(report.labels.map((l) => l.label)).toEqual(['a', 'b']);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0) / 2);
  });

  it('is perfect on perfect predictions and refuses mismatched lengths', () => {
    expect(classificationReport(['x', 'y'], ['x', 'y'])).toMatchObject({ accuracy: 1, macroF1: 1 });
    expect(() => classificationReport(['x'], [])).toThrow(RangeError);
  });
});
