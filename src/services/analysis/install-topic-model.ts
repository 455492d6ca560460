import { stringifyClassifier } from '../../analytics/model-codec.ts';
import type { TextClassifier } from '../../analytics/text-classifier.ts';
import { trainTextClassifier } from '../../analytics/train-classifier.ts';
import { invalid } from '../../errors.ts';
import {
  activateAnalysisModel,
  insertAnalysisModel,
  type AnalysisModelSummary,
} from '../../store/repositories/analysis-models.ts';
import { readTopicExamples } from '../../store/repositories/analysis-labels.ts';
import { queueUnanalysedContacts } from '../../store/repositories/contact-analyses.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import { analysisVersionOf } from './topic-models.ts';

/** Activating a model re-analyses this much recent history at once; older history with `hearken analyze --since`. */
export const REANALYSE_ON_ACTIVATION_DAYS = 30;

export interface InstalledModel {
  model: AnalysisModelSummary;
  /** Recent contacts queued to be analysed by the newly active model. */
  queued: number;
}

/** Stores a trained classifier as the next version of `name`; when activated, recent contacts are queued for it. */
export function installTopicModel(
  scope: TenantScope,
  classifier: TextClassifier,
  options: { name: string; activate: boolean; now?: Date },
): Promise<InstalledModel> {
  const training = classifier.parts.training;
  return inTransaction(scope, async (tx) => {
    const model = await insertAnalysisModel(tx, {
      name: options.name,
      labels: [...classifier.labels],
      exampleCount: training.examples,
      metrics: {
        heldOutAccuracy: training.heldOutAccuracy,
        calibrationError: training.calibrationError,
        trainingSeconds: training.seconds,
        classifierVersion: classifier.version,
      },
      document: stringifyClassifier(classifier),
      activate: options.activate,
    });
    return { model, queued: options.activate ? await queueRecentFor(tx, model, options.now) : 0 };
  });
}

/** Makes a stored model version the active one (a rollback, or a trial promoted); recent contacts are queued for it. */
export function activateTopicModel(scope: TenantScope, id: string, now?: Date): Promise<InstalledModel | undefined> {
  return inTransaction(scope, async (tx) => {
    const model = await activateAnalysisModel(tx, id);
    return model && { model, queued: await queueRecentFor(tx, model, now) };
  });
}

function queueRecentFor(scope: TenantScope, model: AnalysisModelSummary, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - REANALYSE_ON_ACTIVATION_DAYS * 86_400_000);
  return queueUnanalysedContacts(scope, since, analysisVersionOf(model));
}

/** Fewer expert-labelled examples per topic than this, and training waits for more. */
export const MIN_EXAMPLES_PER_TOPIC = 3;

/**
 * Trains the organisation's topic classifier on what its experts labelled (the analyst copies
 * of the contacts, never the originals), plus any examples given, and installs it.
 */
export async function trainTopicModelFromLabels(
  scope: TenantScope,
  options: { name: string; activate: boolean; extraExamples?: readonly { text: string; label: string }[]; now?: Date },
): Promise<InstalledModel> {
  const labelled = await readTopicExamples(scope);
  const examples = [...labelled, ...(options.extraExamples ?? [])];
  const perTopic = new Map<string, number>();
  for (const example of examples) perTopic.set(example.label, (perTopic.get(example.label) ?? 0) + 1);
  const usable = [...perTopic].filter(([, n]) => n >= MIN_EXAMPLES_PER_TOPIC);
  if (usable.length < 2) {
    throw invalid(
      `Training needs at least ${MIN_EXAMPLES_PER_TOPIC} labelled contacts for each of 2 topics; there are ${labelled.length} labelled contacts ` +
        `across ${perTopic.size} topic(s)`,
      { reason: 'not_enough_labels', topics: Object.fromEntries(perTopic) },
    );
  }
  const keep = new Set(usable.map(([topic]) => topic));
  const classifier = trainTextClassifier(
    examples.filter((e) => keep.has(e.label)),
    {
      elapsed: () => performance.now() / 1000,
      ...(options.now ? { now: () => options.now! } : {}),
    },
  );
  return installTopicModel(scope, classifier, options);
}
