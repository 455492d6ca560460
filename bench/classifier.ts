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
import { parseArgs } from 'node:util';
import { stringifyClassifier } from '../src/analytics/model-codec.ts';
import { stratifiedFolds, stratifiedSplit, type Split } from '../src/analytics/split.ts';
import { DEFAULT_CLASSIFIER_SETTINGS, type ClassifierSettings } from '../src/analytics/text-classifier.ts';
import { BANKING77_NAME, measureRate, percent as pct, readBanking77, trainAndEvaluate } from './classifier-eval.ts';

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

const rows = await readBanking77();
const labels = rows.map((r) => r.label);
const splits: Split[] = values.folds
  ? stratifiedFolds(labels, Number(values.folds), seed)
  : [stratifiedSplit(labels, Number(values['test-fraction']), seed)];

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
  const evaluation = trainAndEvaluate(rows, split, settings);
  const { classifier, test, trainSeconds } = evaluation;
  // Throughput: full calibrated predictions (features, scores, softmax) for at least 2 s, one thread.
  const { perSecond: predictionsPerSecond } = measureRate(() => {
    for (const row of test) classifier.predict(row.text);
    return test.length;
  });
  const result: FoldResult = {
    trainExamples: split.train.length,
    testExamples: test.length,
    trainSeconds,
    accuracy: evaluation.accuracy,
    macroF1: evaluation.macroF1,
    expectedCalibrationError: evaluation.expectedCalibrationError,
    predictionsPerSecond,
    modelMegabytes: stringifyClassifier(classifier).length / 1e6,
  };
  results.push(result);
  process.stderr.write(
    `${splits.length > 1 ? `fold ${k + 1}/${splits.length}: ` : ''}trained on ${result.trainExamples} in ${trainSeconds.toFixed(1)} s; ` +
      `held-out ${result.testExamples}: accuracy ${pct(result.accuracy)}, macro-F1 ${pct(result.macroF1)}, ECE ${result.expectedCalibrationError.toFixed(3)}, ` +
      `${Math.round(predictionsPerSecond).toLocaleString('en-US')} predictions/s, model ${result.modelMegabytes.toFixed(1)} MB\n`,
  );
}

const mean = (pick: (r: FoldResult) => number) => results.reduce((s, r) => s + pick(r), 0) / results.length;
const spread = (pick: (r: FoldResult) => number) =>
  Math.sqrt(results.reduce((s, r) => s + (pick(r) - mean(pick)) ** 2, 0) / results.length);
const summary = {
  data: BANKING77_NAME,
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
