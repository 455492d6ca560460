import { Type } from 'typebox';
import { Nullable } from './schemas.ts';

export const SentimentLabel = Type.Enum(['negative', 'neutral', 'positive']);
export const CueKind = Type.Enum([
  'churn_intent',
  'escalation_demand',
  'repeated_contact',
  'do_not_contact',
  'vulnerability',
]);

export const ContactAnalysis = Type.Object(
  {
    modelVersion: Type.String({
      description: 'The built-in rules version, plus the topic model (name@version) when one is active',
    }),
    analysedAt: Type.String({ format: 'date-time' }),
    sentiment: SentimentLabel,
    sentimentScore: Type.Number({ minimum: -1, maximum: 1 }),
    cues: Type.Array(
      Type.Object({
        kind: CueKind,
        words: Type.Array(Type.String(), { description: 'The words that triggered the cue' }),
      }),
    ),
    topic: Nullable(Type.String({ description: "The organisation's topic classifier's answer; null without one" })),
    topicConfidence: Nullable(
      Type.Number({ minimum: 0, maximum: 1, description: 'Calibrated probability that the topic is right' }),
    ),
    insightScore: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'How much an expert would learn from reading this contact',
    }),
    insightReasons: Type.Array(Type.String()),
    personalDataFound: Type.Array(Type.Enum(['card', 'iban', 'phone', 'email', 'address']), {
      description: 'Kinds of personal data redacted in the analyst copy',
    }),
  },
  { description: "The analysis pipeline's reading of a contact" },
);
