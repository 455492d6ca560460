/**
 * What bench/classifier.ts and bench/analysis.ts share: the bundled BANKING77 examples, training
 * on one side of a split and scoring on the other, and one-core throughput of a loop.
 */
import { fileURLToPath } from 'node:url';
import { expectedCalibrationError } from '../src/analytics/calibration.ts';
import { readExamplesFile } from '../src/analytics/classifier-files.ts';
import { classificationReport } from '../src/analytics/metrics.ts';
import type { Split } from '../src/analytics/split.ts';
import {
  DEFAULT_CLASSIFIER_SETTINGS,
  type ClassifierSettings,
  type TextClassifier,
} from '../src/analytics/text-classifier.ts';
import { trainTextClassifier, type LabelledText } from '../src/analytics/train-classifier.ts';

/** BANKING77 (CC BY 4.0): 77 banking intents, 10,003 examples. */
export const BANKING77_FILE = fileURLToPath(new URL('../data/banking77/train.csv', import.meta.url));
export const BANKING77_NAME = 'data/banking77/train.csv';

export async function readBanking77(): Promise<LabelledText[]> {
  return (await readExamplesFile(BANKING77_FILE, { textColumn: 'text', labelColumn: 'category' })).rows;
}

export interface HeldOutEvaluation {
  classifier: TextClassifier;
  trainExamples: number;
  test: LabelledText[];
  trainSeconds: number;
  accuracy: number;
  macroF1: number;
  expectedCalibrationError: number;
}

/** Trains on `split.train`, then scores calibrated predictions on `split.test`. */
export function trainAndEvaluate(
  rows: readonly LabelledText[],
  split: Split,
  settings: ClassifierSettings = DEFAULT_CLASSIFIER_SETTINGS,
): HeldOutEvaluation {
  const started = performance.now();
  const classifier = trainTextClassifier(
    split.train.map((i) => rows[i]!),
    { settings },
  );
  const trainSeconds = (performance.now() - started) / 1000;
  const test = split.test.map((i) => rows[i]!);
  const predictions = test.map((row) => classifier.predict(row.text, 0));
  const report = classificationReport(
    test.map((r) => r.label),
    predictions.map((p) => p.label),
  );
  return {
    classifier,
    trainExamples: split.train.length,
    test,
    trainSeconds,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    expectedCalibrationError: expectedCalibrationError(
      predictions.map((p) => p.confidence),
      predictions.map((p, i) => p.label === test[i]!.label),
    ),
  };
}

export interface Rate {
  items: number;
  seconds: number;
  perSecond: number;
  /** Items per second of this process's CPU time (steadier than wall time on a shared machine). */
  perCpuSecond: number;
}

/**
 * Runs `pass` (which returns how many items it handled) again and again on this thread until
 * `minMs` have passed, at least once: items per second of one core.
 */
export function measureRate(pass: () => number, minMs = 2000): Rate {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let items = 0;
  do items += pass();
  while (performance.now() - started < minMs);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { items, seconds, perSecond: items / seconds, perCpuSecond: cpuSeconds > 0 ? items / cpuSeconds : Number.NaN };
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}
