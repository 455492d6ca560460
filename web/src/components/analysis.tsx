import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconMoodHappy, IconMoodNeutral, IconMoodSad } from '@tabler/icons-react';
import type { CueKind, SentimentLabel } from '../api/types';
import { DARK_GREEN } from './readable';

/**
 * How the contact analysis is said on screen, wherever it appears (the review queue, the case
 * timeline): cues and insight reasons in plain words, sentiment as a badge that names its label.
 */
export const CUE_KINDS: readonly CueKind[] = [
  'churn_intent',
  'escalation_demand',
  'repeated_contact',
  'do_not_contact',
  'vulnerability',
];

const CUE_WORDS: Record<CueKind, string> = {
  churn_intent: 'Churn intent',
  escalation_demand: 'Escalation demand',
  repeated_contact: 'Repeated contact',
  do_not_contact: 'Do-not-contact request',
  vulnerability: 'Vulnerability',
};

const REASON_WORDS: Record<string, string> = {
  ...CUE_WORDS,
  strong_negative: 'Strongly negative',
  negative: 'Negative',
  churn_long_standing_customer: 'Long-standing customer may leave',
  rare_topic: 'Rare topic',
  new_topic: 'First of a new topic',
  cues_disagree_with_sentiment: 'Cues contradict the sentiment',
  topic_uncertain: 'Topic uncertain',
};

/** An unknown code still reads as words ("some_new_reason" → "Some new reason"). */
function humanise(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const cueLabel = (kind: string): string => CUE_WORDS[kind as CueKind] ?? humanise(kind);
export const reasonLabel = (reason: string): string => REASON_WORDS[reason] ?? humanise(reason);
/** Topics are the organisation's own labels; slugs read better as words. */
export const topicLabel = (topic: string): string =>
  /[_-]/.test(topic) && !/\s/.test(topic) ? humanise(topic) : topic;

export const SENTIMENTS: readonly { value: SentimentLabel; label: string }[] = [
  { value: 'negative', label: 'Negative' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'positive', label: 'Positive' },
];

// Text colours that pass WCAG AA on each light badge (the theme's green does not on small badges).
const SENTIMENT_LOOK: Record<SentimentLabel, { color: string; text?: string; icon: typeof IconMoodSad }> = {
  negative: { color: 'red', icon: IconMoodSad },
  neutral: { color: 'gray', icon: IconMoodNeutral },
  positive: { color: 'green', text: DARK_GREEN, icon: IconMoodHappy },
};

export const sentimentLabel = (sentiment: string): string =>
  SENTIMENTS.find((s) => s.value === sentiment)?.label ?? humanise(sentiment);

/** −0.64 with a real minus sign, +0.30 with a plus: the sign carries the meaning. */
export function formatScore(score: number): string {
  const fixed = Math.abs(score).toFixed(2);
  return score < -0.005 ? `−${fixed}` : score > 0.005 ? `+${fixed}` : fixed;
}

/** Sentiment said in words and coloured by its label; the score follows when known. */
export function SentimentBadge({
  sentiment,
  score,
  size = 'sm',
}: {
  sentiment: SentimentLabel;
  score?: number | null;
  size?: 'xs' | 'sm';
}) {
  const look = SENTIMENT_LOOK[sentiment] ?? SENTIMENT_LOOK.neutral;
  const Icon = look.icon;
  return (
    <Badge
      size={size}
      variant="light"
      color={look.color}
      c={look.text}
      tt="none"
      leftSection={<Icon size={size === 'xs' ? 11 : 13} aria-hidden />}
    >
      {sentimentLabel(sentiment)}
      {typeof score === 'number' ? ` ${formatScore(score)}` : ''}
    </Badge>
  );
}

/** A cue by name; the words that raised it show on hover and are read out by screen readers. */
export function CueBadge({
  kind,
  words = [],
  size = 'sm',
}: {
  kind: string;
  words?: readonly string[];
  size?: 'xs' | 'sm';
}) {
  const said = words.length > 0 ? `“${words.join('”, “')}”` : null;
  const badge = (
    <Badge size={size} variant="light" color="orange" tt="none">
      {cueLabel(kind)}
      {said ? <VisuallyHidden>: {said}</VisuallyHidden> : null}
    </Badge>
  );
  return said ? (
    <Tooltip label={`Triggered by ${said}`} withArrow openDelay={200} multiline maw={320}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
