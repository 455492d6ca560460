/**
 * The out-of-the-box analysis of one contact's text: no training, no I/O. What the analysis
 * pipeline stores per contact and `hearken analyze-file` writes per row.
 */
import { detectCues, type CueKind } from './cues.ts';
import { redactPersonalData, type PersonalDataSpan } from './redaction.ts';
import { scoreSentiment, type SentimentLabel } from './sentiment.ts';

/**
 * Bump when a rule, lexicon or pattern changes what the analysis returns: stored results are
 * keyed by it, so history can be re-analysed with the new rules.
 */
export const BUILTIN_ANALYSIS_VERSION = 'builtin-1';

export interface TextAnalysis {
  sentiment: SentimentLabel;
  sentimentScore: number;
  cues: { kind: CueKind; words: string[] }[];
  /** The analyst copy: personal data replaced by [CARD], [IBAN], [PHONE], [EMAIL], [ADDRESS]. */
  redacted: string;
  /** Where personal data was found in the original text (never the values). */
  personalData: PersonalDataSpan[];
  modelVersion: string;
}

export function analyzeText(text: string): TextAnalysis {
  const cues = detectCues(text);
  const sentiment = scoreSentiment(text, cues);
  const { redacted, personalData } = redactPersonalData(text);
  return {
    sentiment: sentiment.label,
    sentimentScore: sentiment.score,
    cues: cues.map((cue) => ({ kind: cue.kind, words: cue.words })),
    redacted,
    personalData,
    modelVersion: BUILTIN_ANALYSIS_VERSION,
  };
}
