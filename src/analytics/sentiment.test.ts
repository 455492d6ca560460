import { describe, expect, it } from 'vitest';
import { detectCues } from './cues.ts';
import { scoreSentiment, type SentimentLabel } from './sentiment.ts';

const sentimentOf = (text: string) => scoreSentiment(text, detectCues(text));

describe('sentiment on service conversations', () => {
  it('reads the hold-and-cancel complaint as strongly negative, where a general lexicon sees nothing', () => {
    const result = sentimentOf('on hold for 30 minutes and nobody helps, I want to cancel my contract');
    expect(result.label).toBe('negative');
    expect(result.score).toBeLessThanOrEqual(-0.5);
  });

  const LABELLED: [string, SentimentLabel][] = [
    ['thanks, that fixed it, great service', 'positive'],
    ['my bill is due on the 5th', 'neutral'],
    ['Can you tell me when my contract ends?', 'neutral'],
    ['I am not happy with this', 'negative'],
    ['not bad at all', 'positive'],
    ['The internet is still not working after the engineer visit', 'negative'],
    ['What a waste of time', 'negative'],
    ['This is ridiculous, your app is useless', 'negative'],
    ['This is the third time I call about it', 'negative'],
    ['I was cut off twice and there is no signal at home', 'negative'],
    ['Really helpful agent, sorted it in minutes, thank you', 'positive'],
    ['Absolutely brilliant, works perfectly now', 'positive'],
    ['Thanks for nothing', 'negative'],
    ['Your engineer did not turn up again', 'negative'],
    ['Sorry to bother you, how do I top up?', 'neutral'],
    ['I want to speak to a manager', 'negative'],
    ['The agent was polite but the problem is still not fixed and I am fed up', 'negative'],
    ['It was a nightmare at first, but you sorted it and I am very happy now', 'positive'],
  ];
  it.each(LABELLED)('%s → %s', (text, label) => {
    expect(sentimentOf(text).label).toBe(label);
  });

  it('scales with intensifiers and keeps scores in [-1, 1]', () => {
    expect(sentimentOf('the service was very bad').score).toBeLessThan(sentimentOf('the service was bad').score);
    expect(sentimentOf('really really great').score).toBeGreaterThan(sentimentOf('great').score);
    const extreme = sentimentOf(
      'terrible awful useless appalling disgraceful, I will cancel my contract and complain to the ombudsman',
    );
    expect(extreme.score).toBe(-1);
  });

  it('weighs the last sentence, where the customer gives the verdict, more than the first', () => {
    const endsWell = sentimentOf('It was terrible. It is fine now. Thank you, great help!').score;
    const endsBadly = sentimentOf('Thank you, great help! It is fine now. It was terrible.').score;
    expect(endsWell).toBeGreaterThan(endsBadly);
  });

  it('is neutral with a score of 0 for text without sentiment', () => {
    expect(scoreSentiment('')).toEqual({ score: 0, label: 'neutral' });
    expect(scoreSentiment('My account number is 1234')).toEqual({ score: 0, label: 'neutral' });
  });
});
