/**
 * The trainable text classifier on BANKING77 (data/banking77, 77 intents, 10,003 examples):
 * a reproducible stratified split (fixed seed), training time, held-out accuracy, macro-F1,
 * expected calibration error, predictions per second on one core, and the model size.
 *
 *   npx tsx bench/classifier.ts                 # 80/20 hold-out
 *   npx tsx bench/classifier.ts --folds 5       # 5-fold cross-validation (5 trainings)
 *   npx tsx bench/classifier.ts --c 0.5 --seed 7
 *
 * Targets (issue 5): ≥ 90% held-out accuracy, training on 10,000 examples < 60 s,
 * ≥ 10,000 predictions/s on one core.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { expectedCalibrationError } from '../src/analytics/calibration.ts';
import { readExamplesFile } from '../src/analytics/classifier-files.ts';
import { classificationReport } from '../src/analytics/metrics.ts';
import { stringifyClassifier } from '../src/analytics/model-codec.ts';
import { stratifiedFolds, stratifiedSplit, type Split } from '../src/analytics/split.ts';
import { DEFAULT_CLASSIFIER_SETTINGS, type ClassifierSettings } from '../src/analytics/text-classifier.ts';
import { trainTextClassifier } from '../src/analytics/train-classifier.ts';

const DATA = fileURLToPath(new URL('../data/banking77/train.csv', import.meta.url));

const { values } = parseArgs({
  options: {
    folds: { type: 'string' },
    'test-fraction': { type: 'string', default: '0.2' },
    seed: { type: 'string', default: '42' },
    c: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const seed = Number(values.seed);
const settings: ClassifierSettings = {
  ...DEFAULT_CLASSIFIER_SETTINGS,
  svm: { ...DEFAULT_CLASSIFIER_SETTINGS.svm, ...(values.c ? { c: Number(values.c) } : {}) },
};

const { rows } = await readExamplesFile(DATA, { textColumn: 'text', labelColumn: 'category' });
const labels = rows.map((r) => r.label);
const splits: Split[] = values.folds ? stratifiedFolds(labels, Number(values.folds), seed) : [stratifiedSplit(labels, Number(values['test-fraction']), seed)];

interface FoldResult {
  trainExamples: number;
  testExamples: number;
  trainSeconds: number;
  accuracy: number;
  macroF1: number;
  expectedCalibrationError: number;
  predictionsPerSecond: number;
  modelMegabytes: number;
}

const results: FoldResult[] = [];
for (const [k, split] of splits.entries()) {
  const started = performance.now();
  const classifier = trainTextClassifier(split.train.map((i) => rows[i]!), { settings });
  const trainSeconds = (performance.now() - started) / 1000;
  const test = split.test.map((i) => rows[i]!);
  const predictions = test.map((row) => classifier.predict(row.text, 0));
  const report = classificationReport(test.map((r) => r.label), predictions.map((p) => p.label));
  const ece = expectedCalibrationError(predictions.map((p) => p.confidence), predictions.map((p, i) => p.label === test[i]!.label));

  // Throughput: full calibrated predictions (features, scores, softmax) for at least 2 s, one thread.
  let predicted = 0;
  const throughputStart = performance.now();
  while (performance.now() - throughputStart < 2000) {
    for (const row of test) classifier.predict(row.text);
    predicted += test.length;
  }
  const predictionsPerSecond = predicted / ((performance.now() - throughputStart) / 1000);
  const result: FoldResult = {
    trainExamples: split.train.length,
    testExamples: test.length,
    trainSeconds,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    expectedCalibrationError: ece,
    predictionsPerSecond,
    modelMegabytes: stringifyClassifier(classifier).length / 1e6,
  };
  results.push(result);
  process.stderr.write(
    `${splits.length > 1 ? `fold ${k + 1}/${splits.length}: ` : ''}trained on ${result.trainExamples} in ${trainSeconds.toFixed(1)} s; ` +
      `held-out ${result.testExamples}: accuracy ${pct(report.accuracy)}, macro-F1 ${pct(report.macroF1)}, ECE ${ece.toFixed(3)}, ` +
      `${Math.round(predictionsPerSecond).toLocaleString('en-US')} predictions/s, model ${result.modelMegabytes.toFixed(1)} MB\n`,
  );
}

const mean = (pick: (r: FoldResult) => number) => results.reduce((s, r) => s + pick(r), 0) / results.length;
const spread = (pick: (r: FoldResult) => number) => Math.sqrt(results.reduce((s, r) => s + (pick(r) - mean(pick)) ** 2, 0) / results.length);
const summary = {
  data: 'data/banking77/train.csv',
  split: values.folds ? `${values.folds}-fold stratified` : `stratified hold-out ${values['test-fraction']}`,
  seed,
  settings,
  trainSeconds: mean((r) => r.trainSeconds),
  accuracy: mean((r) => r.accuracy),
  accuracyStdDev: spread((r) => r.accuracy),
  macroF1: mean((r) => r.macroF1),
  expectedCalibrationError: mean((r) => r.expectedCalibrationError),
  predictionsPerSecond: Math.round(mean((r) => r.predictionsPerSecond)),
  modelMegabytes: mean((r) => r.modelMegabytes),
  folds: results,
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  process.stdout.write(
    [
      `BANKING77, ${summary.split} (seed ${seed}), ${rows.length} examples, ${new Set(labels).size} labels`,
      `  train time            ${summary.trainSeconds.toFixed(1)} s   (target < 60 s)`,
      `  accuracy              ${pct(summary.accuracy)}${results.length > 1 ? ` ± ${pct(summary.accuracyStdDev)}` : ''}   (floor 90%)`,
      `  macro-F1              ${pct(summary.macroF1)}`,
      `  calibration error     ${summary.expectedCalibrationError.toFixed(3)} (ECE, 15 bins)`,
      `  predictions/s, 1 core ${summary.predictionsPerSecond.toLocaleString('en-US')}   (target ≥ 10,000)`,
      `  model size            ${summary.modelMegabytes.toFixed(1)} MB (JSON)`,
      '',
    ].join('\n'),
  );
}

function pct(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}
