/**
 * How much an expert would learn from reading a contact, in [0, 1], with the reasons. Experts
 * cannot read everything (seed 001 asks for "filtering & classifying ... based on potential
 * insight"), so the review queue reads contacts in this order.
 */
import type { CueKind } from './cues.ts';

export type InsightReason =
  | 'strong_negative'
  | 'negative'
  | 'churn_intent'
  | 'churn_long_standing_customer'
  | 'escalation_demand'
  | 'vulnerability'
  | 'do_not_contact'
  | 'repeated_contact'
  | 'rare_topic'
  | 'new_topic'
  | 'cues_disagree_with_sentiment'
  | 'topic_uncertain';

export interface InsightInput {
  sentimentScore: number;
  cues: readonly CueKind[];
  /** The topic classifier's answer, when the organisation has one. */
  topic?: { label: string; confidence: number } | null;
  /** The share of this organisation's analysed contacts with the same topic, before this one. */
  topicShare?: number | null;
  /** No earlier contact of the organisation had this topic: the first of a new cluster. */
  firstOfTopic?: boolean;
  /** The customer has been with the organisation for a long time: losing them costs most. */
  longStandingCustomer?: boolean;
}

export interface Insight {
  score: number;
  reasons: InsightReason[];
}

/** Below this share of contacts a topic counts as rare. */
export const RARE_TOPIC_SHARE = 0.02;
/** A topic answer below this confidence is a guess worth a human look. */
export const UNCERTAIN_TOPIC_CONFIDENCE = 0.35;

const CUE_WEIGHTS: Record<CueKind, number> = {
  churn_intent: 0.3,
  escalation_demand: 0.25,
  vulnerability: 0.35,
  do_not_contact: 0.3,
  repeated_contact: 0.2,
};
const DISTRESS_CUES: ReadonlySet<CueKind> = new Set([
  'churn_intent',
  'escalation_demand',
  'do_not_contact',
  'vulnerability',
]);

/**
 * Each signal is an independent chance that the contact teaches something; they combine as
 * 1 − Π(1 − wᵢ), so more signals always rank higher yet the score never passes 1.
 */
export function scoreInsight(input: InsightInput): Insight {
  const signals: [InsightReason, number][] = [];
  const { sentimentScore: s } = input;
  if (s <= -0.5) signals.push(['strong_negative', 0.35 + 0.25 * Math.min(1, (-s - 0.5) / 0.5)]);
  else if (s <= -0.15) signals.push(['negative', 0.15]);

  const cues = new Set(input.cues);
  for (const cue of cues) {
    if (cue === 'churn_intent' && input.longStandingCustomer) signals.push(['churn_long_standing_customer', 0.5]);
    else signals.push([cue, CUE_WEIGHTS[cue]]);
  }
  if (s >= 0.15 && [...cues].some((cue) => DISTRESS_CUES.has(cue)))
    signals.push(['cues_disagree_with_sentiment', 0.25]);

  const topic = input.topic;
  if (topic) {
    if (input.firstOfTopic) signals.push(['new_topic', 0.25]);
    else if (input.topicShare != null && input.topicShare < RARE_TOPIC_SHARE) {
      signals.push(['rare_topic', 0.2 * (1 - input.topicShare / RARE_TOPIC_SHARE)]);
    }
    if (topic.confidence < UNCERTAIN_TOPIC_CONFIDENCE) signals.push(['topic_uncertain', 0.15]);
  }

  let unlikely = 1;
  for (const [, weight] of signals) unlikely *= 1 - weight;
  const ranked = signals.sort((a, b) => b[1] - a[1]).map(([reason]) => reason);
  return { score: Math.round((1 - unlikely) * 1000) / 1000, reasons: ranked };
}
