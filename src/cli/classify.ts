/**
 * `hearken classify train|eval|predict`: the trainable text classifier on files, without a
 * database. Models are JSON files that `eval` and `predict` (and later the analysis pipeline)
 * load back.
 */
import { Command } from 'commander';
import { AppError } from '../errors.ts';
import {
  readClassifierFile,
  readExamplesFile,
  writeClassifierFile,
  writeExamplesFile,
} from '../analytics/classifier-files.ts';
import { stratifiedSplit } from '../analytics/split.ts';
import { classificationReport } from '../analytics/metrics.ts';
import { expectedCalibrationError } from '../analytics/calibration.ts';
import { trainTextClassifier } from '../analytics/train-classifier.ts';

interface ColumnFlags {
  input: string;
  textColumn: string;
  labelColumn: string;
}

/** The labelled-examples file and its two columns, as train, eval and split all read them. */
const withExampleColumns = (command: Command, input = 'labelled examples (.csv or .jsonl)'): Command =>
  command
    .requiredOption('--input <file>', input)
    .option('--text-column <name>', 'column holding the text', 'text')
    .option('--label-column <name>', 'column holding the label', 'label');

export function classifyCommand(): Command {
  const classify = new Command('classify').description('train, evaluate and run text classifiers (topics, intents)');

  withExampleColumns(
    classify
      .command('train')
      .description('train a classifier from labelled examples (.csv with a header row, or .jsonl)'),
    'labelled examples',
  )
    .requiredOption('--out <file>', 'where the model (JSON) is written')
    .option('--model-version <version>', 'version recorded in the model (default: from the training time)')
    .option('--json', 'print the training summary as JSON')
    .action(trainAction);

  withExampleColumns(
    classify
      .command('eval')
      .description('measure a model on labelled examples it was not trained on')
      .requiredOption('--model <file>', 'model file written by classify train'),
  )
    .option('--json', 'print one JSON object (accuracy, macroF1, n, per-label scores)')
    .action(evalAction);

  classify
    .command('predict')
    .description('classify one or more texts')
    .requiredOption('--model <file>', 'model file written by classify train')
    .option('--alternatives <n>', 'runner-up labels to show', '2')
    .option('--json', 'print one JSON object per text')
    .argument('<text...>', 'the text(s) to classify')
    .action(predictAction);

  withExampleColumns(
    classify
      .command('split')
      .description(
        'hold out a stratified share of labelled examples, to evaluate a model on data it was not trained on',
      ),
  )
    .requiredOption('--train-out <file>', 'where the training share is written (.jsonl)')
    .requiredOption('--test-out <file>', 'where the held-out share is written (.jsonl)')
    .option('--test-fraction <share>', 'share of each label held out', '0.2')
    .option('--seed <n>', 'the same seed gives the same split', '42')
    .action(splitAction);

  return classify;
}

async function trainAction(flags: ColumnFlags & { out: string; modelVersion?: string; json?: boolean }): Promise<void> {
  const file = await readExamplesFile(flags.input, { textColumn: flags.textColumn, labelColumn: flags.labelColumn });
  const started = performance.now();
  const classifier = trainTextClassifier(
    file.rows.map((row) => ({ text: row.text, label: row.label })),
    { version: flags.modelVersion, now: () => new Date(), elapsed: () => (performance.now() - started) / 1000 },
  );
  const bytes = await writeClassifierFile(flags.out, classifier);
  const { training, labels, version, temperature } = classifier.parts;
  if (flags.json) {
    const summary = {
      out: flags.out,
      bytes,
      version,
      labels: labels.length,
      skipped: file.skipped,
      temperature,
      ...training,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const calibration =
    training.calibrationError === null
      ? 'too few examples to calibrate confidences (temperature 1)'
      : `calibrated on ${training.calibrationExamples} held-out examples: accuracy ${percent(training.heldOutAccuracy!)}, expected calibration error ${training.calibrationError.toFixed(3)}`;
  process.stdout.write(
    [
      `Trained ${version} on ${training.examples} examples, ${labels.length} labels, in ${training.seconds.toFixed(1)} s`,
      file.skipped > 0 ? `  skipped ${file.skipped} rows with an empty text or label` : null,
      `  ${calibration}`,
      `  model written to ${flags.out} (${(bytes / 1e6).toFixed(1)} MB)`,
      '',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );
}

async function evalAction(flags: ColumnFlags & { model: string; json?: boolean }): Promise<void> {
  const classifier = await readClassifierFile(flags.model);
  const file = await readExamplesFile(flags.input, { textColumn: flags.textColumn, labelColumn: flags.labelColumn });
  const started = performance.now();
  const predictions = file.rows.map((row) => classifier.predict(row.text, 0));
  const seconds = (performance.now() - started) / 1000;
  const actual = file.rows.map((row) => row.label);
  const report = classificationReport(
    actual,
    predictions.map((p) => p.label),
  );
  const calibrationError = expectedCalibrationError(
    predictions.map((p) => p.confidence),
    predictions.map((p, i) => p.label === actual[i]),
  );
  const unknownLabels = [...new Set(actual)].filter((label) => !classifier.labels.includes(label));
  const result = {
    model: classifier.version,
    n: report.n,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    expectedCalibrationError: calibrationError,
    predictionsPerSecond: seconds > 0 ? Math.round(report.n / seconds) : null,
    skipped: file.skipped,
    unknownLabels,
    labels: report.labels,
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const worst = [...report.labels].sort((a, b) => a.f1 - b.f1).slice(0, 5);
  process.stdout.write(
    [
      `${classifier.version} on ${report.n} examples of ${flags.input}`,
      `  accuracy  ${percent(report.accuracy)}`,
      `  macro F1   ${percent(report.macroF1)}`,
      `  expected calibration error ${calibrationError.toFixed(3)}`,
      unknownLabels.length > 0 ? `  labels the model does not know: ${unknownLabels.join(', ')}` : null,
      `  weakest labels: ${worst.map((l) => `${l.label} (F1 ${percent(l.f1)})`).join(', ')}`,
      '',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );
}

async function predictAction(
  texts: string[],
  flags: { model: string; alternatives: string; json?: boolean },
): Promise<void> {
  const alternatives = Number(flags.alternatives);
  if (!Number.isInteger(alternatives) || alternatives < 0)
    throw new AppError('bad_request', '--alternatives must be a whole number of at least 0');
  const classifier = await readClassifierFile(flags.model);
  for (const text of texts) {
    const prediction = classifier.predict(text, Math.min(alternatives, classifier.labels.length - 1));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ text, ...prediction })}\n`);
      continue;
    }
    const others = prediction.alternatives.map((a) => `${a.label} ${a.confidence.toFixed(2)}`).join(', ');
    process.stdout.write(
      `${prediction.label}\t${prediction.confidence.toFixed(2)}${others ? `\t(then: ${others})` : ''}\n`,
    );
  }
}

async function splitAction(
  flags: ColumnFlags & { trainOut: string; testOut: string; testFraction: string; seed: string },
): Promise<void> {
  const testFraction = Number(flags.testFraction);
  if (!(testFraction > 0 && testFraction < 1))
    throw new AppError('bad_request', '--test-fraction must be a number between 0 and 1');
  const seed = Number(flags.seed);
  if (!Number.isInteger(seed)) throw new AppError('bad_request', '--seed must be a whole number');
  const columns = { textColumn: flags.textColumn, labelColumn: flags.labelColumn };
  const { rows } = await readExamplesFile(flags.input, columns);
  const split = stratifiedSplit(
    rows.map((row) => row.label),
    testFraction,
    seed,
  );
  await writeExamplesFile(
    flags.trainOut,
    split.train.map((i) => rows[i]!),
    columns,
  );
  await writeExamplesFile(
    flags.testOut,
    split.test.map((i) => rows[i]!),
    columns,
  );
  process.stdout.write(
    `${split.train.length} examples written to ${flags.trainOut}, ${split.test.length} held out in ${flags.testOut}\n`,
  );
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
