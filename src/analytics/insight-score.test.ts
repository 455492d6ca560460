import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.ts';
import { scoreInsight } from './insight-score.ts';

const insightOf = (text: string, extra: Partial<Parameters<typeof scoreInsight>[0]> = {}) => {
  const analysis = analyzeText(text);
  return scoreInsight({ sentimentScore: analysis.sentimentScore, cues: analysis.cues.map((c) => c.kind), ...extra });
};

describe('insight score', () => {
  it('ranks an angry customer about to leave above a routine question', () => {
    const angry = insightOf('On hold for 30 minutes and nobody helps, I want to cancel my contract');
    const routine = insightOf('Could you tell me when my next bill is due?');
    expect(angry.score).toBeGreaterThan(0.6);
    expect(angry.reasons).toEqual(expect.arrayContaining(['strong_negative', 'churn_intent']));
    expect(routine.score).toBe(0);
    expect(routine.reasons).toEqual([]);
  });

  it('weighs churn from a long-standing customer more', () => {
    const text = 'I am thinking of switching provider';
    const newcomer = insightOf(text);
    const loyal = insightOf(text, { longStandingCustomer: true });
    expect(loyal.score).toBeGreaterThan(newcomer.score);
    expect(loyal.reasons).toContain('churn_long_standing_customer');
  });

  it('flags cues that contradict a positive reading', () => {
    const insight = scoreInsight({ sentimentScore: 0.6, cues: ['churn_intent'] });
    expect(insight.reasons).toContain('cues_disagree_with_sentiment');
  });

  it('rewards rare and new topics, and uncertain classifications', () => {
    const common = scoreInsight({
      sentimentScore: 0,
      cues: [],
      topic: { label: 'billing', confidence: 0.9 },
      topicShare: 0.3,
    });
    const rare = scoreInsight({
      sentimentScore: 0,
      cues: [],
      topic: { label: 'fraud', confidence: 0.9 },
      topicShare: 0.001,
    });
    const first = scoreInsight({
      sentimentScore: 0,
      cues: [],
      topic: { label: 'new', confidence: 0.9 },
      topicShare: 0,
      firstOfTopic: true,
    });
    const unsure = scoreInsight({
      sentimentScore: 0,
      cues: [],
      topic: { label: 'billing', confidence: 0.2 },
      topicShare: 0.3,
    });
    expect(common.score).toBe(0);
    expect(rare.reasons).toEqual(['rare_topic']);
    expect(first.reasons).toEqual(['new_topic']);
    expect(unsure.reasons).toEqual(['topic_uncertain']);
  });

  it('never passes 1 however many signals pile up', () => {
    const all = scoreInsight({
      sentimentScore: -1,
      cues: ['churn_intent', 'escalation_demand', 'vulnerability', 'do_not_contact', 'repeated_contact'],
      topic: { label: 'x', confidence: 0.1 },
      firstOfTopic: true,
    });
    expect(all.score).toBeLessThanOrEqual(1);
    expect(all.score).toBeGreaterThan(0.95);
    expect(all.reasons[0]).toBe('strong_negative');
  });
});
