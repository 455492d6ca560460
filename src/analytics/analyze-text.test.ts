import { describe, expect, it } from 'vitest';
import { analyzeText, BUILTIN_ANALYSIS_VERSION } from './analyze-text.ts';

describe('analyzeText', () => {
  it('returns sentiment, cues with their words, the redacted copy and where personal data was', () => {
    const text =
      'Third time I call! On hold again for 30 minutes. Cancel my contract and refund card 4539 1488 0343 6467, call me on 07700 900123.';
    const result = analyzeText(text);
    expect(result).toMatchObject({
      sentiment: 'negative',
      cues: [
        { kind: 'churn_intent', words: ['cancel my contract'] },
        { kind: 'repeated_contact', words: ['third time i call'] },
      ],
      redacted:
        'Third time I call! On hold again for 30 minutes. Cancel my contract and refund card [CARD], call me on [PHONE].',
      personalData: [
        { kind: 'card', start: 84, end: 103 },
        { kind: 'phone', start: 116, end: 128 },
      ],
      modelVersion: BUILTIN_ANALYSIS_VERSION,
    });
    expect(result.sentimentScore).toBeLessThanOrEqual(-0.5);
    expect(BUILTIN_ANALYSIS_VERSION).toMatch(/^builtin-\d+$/);
  });

  it('is deterministic', () => {
    const text = 'thanks, that fixed it, great service';
    expect(analyzeText(text)).toEqual(analyzeText(text));
  });
});
