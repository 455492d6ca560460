import type { StoredAnalysis } from '../../store/repositories/contact-analyses.ts';

/** A contact's analysis as the API shows it: never the personal data itself, only its kinds. */
export function analysisView(analysis: StoredAnalysis & { analysedAt: Date }) {
  return {
    modelVersion: analysis.modelVersion,
    analysedAt: analysis.analysedAt.toISOString(),
    sentiment: analysis.sentiment,
    sentimentScore: round(analysis.sentimentScore),
    cues: analysis.cues,
    topic: analysis.topic,
    topicConfidence: analysis.topicConfidence === null ? null : round(analysis.topicConfidence),
    insightScore: round(analysis.insightScore),
    insightReasons: analysis.insightReasons,
    personalDataFound: [...new Set(analysis.personalData.map((p) => p.kind))],
  };
}

export type AnalysisView = ReturnType<typeof analysisView>;

// real columns come back as 0.30000001; three places are all anyone reads.
const round = (value: number) => Math.round(value * 1000) / 1000;
