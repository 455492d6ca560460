/**
 * Training: hold out a stratified slice to fit the confidence temperature, then train the
 * final model on every example with the same settings.
 */
import { AppError } from '../errors.ts';
import { expectedCalibrationError, fitTemperature, softmax } from './calibration.ts';
import { scoresOf, trainOneVsRest, type LinearWeights } from './linear-svm.ts';
import { seededRandom } from './random.ts';
import { trainSoftmax } from './softmax-regression.ts';
import { stratifiedSplit } from './split.ts';
import { DEFAULT_CLASSIFIER_SETTINGS, TextClassifier, type ClassifierSettings } from './text-classifier.ts';
import { Vectorizer } from './vectorizer.ts';

export interface LabelledText {
  text: string;
  label: string;
}

export interface TrainOptions {
  settings?: ClassifierSettings;
  /** Stored with the model; defaults to one derived from `now`. */
  version?: string;
  /** The clock (default: the system's), injected so that tests get reproducible models. */
  now?: () => Date;
  /** Wall time in seconds, for the training summary. */
  elapsed?: () => number;
}

/** Fewer examples than this left for calibration, and the temperature stays 1. */
const MIN_CALIBRATION_EXAMPLES = 20;

export function trainTextClassifier(examples: readonly LabelledText[], options: TrainOptions = {}): TextClassifier {
  const settings = options.settings ?? DEFAULT_CLASSIFIER_SETTINGS;
  const started = options.elapsed?.() ?? 0;
  const usable = examples.filter((e) => e.text.trim() !== '' && e.label.trim() !== '');
  const labels = [...new Set(usable.map((e) => e.label))].sort();
  if (labels.length < 2) {
    throw new AppError(
      'validation_failed',
      `Training needs examples of at least 2 labels; found ${labels.length} among ${usable.length} examples`,
    );
  }
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const texts = usable.map((e) => e.text);
  const truth = Int32Array.from(usable, (e) => labelIndex.get(e.label)!);

  const split = stratifiedSplit(
    usable.map((e) => e.label),
    settings.calibrationFraction,
    settings.seed,
  );
  let temperature = 1;
  let calibrationError: number | null = null;
  let heldOutAccuracy: number | null = null;
  let calibrationExamples = 0;
  if (split.test.length >= MIN_CALIBRATION_EXAMPLES) {
    const { vectorizer, linear } = fit(
      split.train.map((i) => texts[i]!),
      Int32Array.from(split.train, (i) => truth[i]!),
      labels.length,
      settings,
    );
    const heldScores = split.test.map((i) =>
      Float64Array.from(scoresOf(linear, vectorizer.transform(texts[i]!), new Float64Array(labels.length))),
    );
    const heldTruth = Int32Array.from(split.test, (i) => truth[i]!);
    temperature = fitTemperature(heldScores, heldTruth);
    const probabilities = new Float64Array(labels.length);
    const confidences: number[] = [];
    const correct: boolean[] = [];
    heldScores.forEach((scores, k) => {
      softmax(scores, temperature, probabilities);
      const best = argmax(probabilities);
      confidences.push(probabilities[best]!);
      correct.push(best === heldTruth[k]);
    });
    calibrationError = expectedCalibrationError(confidences, correct);
    heldOutAccuracy = correct.filter(Boolean).length / correct.length;
    calibrationExamples = split.test.length;
  }

  const { vectorizer, linear } = fit(texts, truth, labels.length, settings);
  const trainedAt = (options.now?.() ?? new Date()).toISOString();
  return new TextClassifier({
    version: options.version ?? `text-classifier-${trainedAt}`,
    trainedAt,
    labels,
    settings,
    vocabulary: vectorizer.vocabulary,
    linear,
    temperature,
    training: {
      examples: usable.length,
      calibrationExamples,
      calibrationError,
      heldOutAccuracy,
      seconds: (options.elapsed?.() ?? 0) - started,
    },
  });
}

function fit(
  texts: readonly string[],
  truth: Int32Array,
  classes: number,
  settings: ClassifierSettings,
): { vectorizer: Vectorizer; linear: LinearWeights } {
  const vectorizer = Vectorizer.fit(texts, settings.vectorizer);
  const vectors = texts.map((text) => vectorizer.transform(text));
  const svm = trainOneVsRest(vectors, truth, classes, vectorizer.dimension, settings.svm, seededRandom(settings.seed));
  const softmax = trainSoftmax(
    vectors,
    truth,
    classes,
    vectorizer.dimension,
    settings.softmax,
    seededRandom(settings.seed),
  );
  return { vectorizer, linear: sumOfScores(svm, settings.svmWeight, softmax) };
}

/** One linear model whose scores are weight * a's plus b's. */
function sumOfScores(a: LinearWeights, weight: number, b: LinearWeights): LinearWeights {
  const weights = new Float32Array(a.weights.length);
  for (let k = 0; k < weights.length; k++) weights[k] = weight * a.weights[k]! + b.weights[k]!;
  const bias = new Float32Array(a.bias.length);
  for (let c = 0; c < bias.length; c++) bias[c] = weight * a.bias[c]! + b.bias[c]!;
  return { weights, bias, classes: a.classes, dimension: a.dimension };
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if (values[c]! > values[best]!) best = c;
  return best;
}
