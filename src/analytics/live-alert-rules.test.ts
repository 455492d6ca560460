import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.ts';
import { liveAlertReasons } from './live-alert-rules.ts';

const reasons = (text: string) => liveAlertReasons(analyzeText(text));

describe('live alert rules', () => {
  it('alerts on churn intent and on a conversation turning clearly negative', () => {
    expect(reasons('On hold for 30 minutes and nobody helps, I want to cancel my contract').sort()).toEqual([
      'churn_intent',
      'negative',
    ]);
    expect(reasons('I am switching provider next month')).toContain('churn_intent');
    expect(reasons('This is useless, absolutely terrible service, nobody ever helps')).toContain('negative');
    expect(reasons('I want to make a formal complaint to the ombudsman')).toContain('escalation_demand');
  });

  it('stays quiet on ordinary and negated messages', () => {
    expect(reasons('Hi, can you tell me when my bill is due?')).toEqual([]);
    expect(reasons("I don't want to cancel, I just want to change my plan")).toEqual([]);
    expect(reasons('Thanks, that fixed it!')).toEqual([]);
  });
});
