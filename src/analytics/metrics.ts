/** Classification quality: accuracy, per-label precision/recall/F1 and their macro average. */

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many examples truly have this label. */
  support: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  /** Unweighted mean of the per-label F1: every intent counts the same, however rare. */
  macroF1: number;
  labels: LabelScore[];
}

export function classificationReport(actual: readonly string[], predicted: readonly string[]): ClassificationReport {
  if (actual.length !== predicted.length) throw new RangeError('actual and predicted differ in length');
  const truePositive = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const actualCount = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let correct = 0;
  actual.forEach((label, i) => {
    const guess = predicted[i]!;
    bump(actualCount, label);
    bump(predictedCount, guess);
    if (guess === label) {
      correct++;
      bump(truePositive, label);
    }
  });
  // Labels never seen in the truth but predicted still count: they have F1 0 and pull the macro average down.
  const labels = [...new Set([...actualCount.keys(), ...predictedCount.keys()])].sort().map((label): LabelScore => {
    const tp = truePositive.get(label) ?? 0;
    const precision = ratio(tp, predictedCount.get(label) ?? 0);
    const recall = ratio(tp, actualCount.get(label) ?? 0);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support: actualCount.get(label) ?? 0 };
  });
  return {
    n: actual.length,
    accuracy: ratio(correct, actual.length),
    macroF1: labels.length === 0 ? 0 : labels.reduce((sum, l) => sum + l.f1, 0) / labels.length,
    labels,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
