import { BUILTIN_ANALYSIS_VERSION } from '../../analytics/analyze-text.ts';
import { parseClassifier } from '../../analytics/model-codec.ts';
import type { TextClassifier } from '../../analytics/text-classifier.ts';
import {
  findActiveAnalysisModel,
  readAnalysisModelDocument,
  type AnalysisModelSummary,
} from '../../store/repositories/analysis-models.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';

/** What analyses an organisation's contacts now: the built-in rules, plus its active topic classifier. */
export interface ActiveAnalysis {
  /** Stored with every analysis; a new model gives a new version, and history can be re-analysed under it. */
  version: string;
  topicModel: { summary: AnalysisModelSummary; classifier: TextClassifier } | null;
}

export const analysisVersionOf = (model: Pick<AnalysisModelSummary, 'name' | 'version'> | undefined): string =>
  model ? `${BUILTIN_ANALYSIS_VERSION}+${model.name}@${model.version}` : BUILTIN_ANALYSIS_VERSION;

// Decoded models by id. A model row never changes once stored, so entries never go stale;
// only a handful are ever active at once, and the oldest is dropped past that.
const decoded = new Map<string, TextClassifier>();
const MAX_DECODED = 8;

export async function activeAnalysis(scope: TenantScope): Promise<ActiveAnalysis> {
  const summary = await findActiveAnalysisModel(scope);
  if (!summary) return { version: analysisVersionOf(undefined), topicModel: null };
  let classifier = decoded.get(summary.id);
  if (!classifier) {
    const document = await readAnalysisModelDocument(scope, summary.id);
    if (document === undefined) return { version: analysisVersionOf(undefined), topicModel: null };
    classifier = parseClassifier(document, `topic model ${summary.name} v${summary.version}`);
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
    decoded.set(summary.id, classifier);
  }
  return { version: analysisVersionOf(summary), topicModel: { summary, classifier } };
}
