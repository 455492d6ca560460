/**
 * When a live conversation (chat, SMS) needs a supervisor now: the customer's message turned
 * clearly negative, or they say they will leave or want it taken higher. Pure rules on one
 * message's analysis; each reason is raised once per conversation by the caller.
 */
import type { TextAnalysis } from './analyze-text.ts';

export type LiveAlertReason = 'negative' | 'churn_intent' | 'escalation_demand';

/** Milder than this and a supervisor would be called for every sigh. */
export const LIVE_NEGATIVE_THRESHOLD = -0.4;

export function liveAlertReasons(analysis: Pick<TextAnalysis, 'sentimentScore' | 'cues'>): LiveAlertReason[] {
  const reasons: LiveAlertReason[] = [];
  if (analysis.cues.some((c) => c.kind === 'churn_intent')) reasons.push('churn_intent');
  if (analysis.cues.some((c) => c.kind === 'escalation_demand')) reasons.push('escalation_demand');
  if (analysis.sentimentScore <= LIVE_NEGATIVE_THRESHOLD) reasons.push('negative');
  return reasons;
}

const WORDS: Record<LiveAlertReason, string> = {
  negative: 'The conversation turned negative',
  churn_intent: 'The customer talks about leaving',
  escalation_demand: 'The customer wants it taken higher',
};

export const describeLiveAlert = (reason: LiveAlertReason): string => WORDS[reason];
