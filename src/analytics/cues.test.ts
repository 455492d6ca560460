import { describe, expect, it } from 'vitest';
import { detectCues, findCueMatches, type CueKind } from './cues.ts';

const cuesOf = (text: string) =>
  Object.fromEntries(detectCues(text).map((c) => [c.kind, c.words])) as Partial<Record<CueKind, string[]>>;

describe('churn intent', () => {
  it.each([
    ['On hold for 30 minutes, I want to CANCEL my contract!', ['cancel my contract']],
    ["I'm leaving you for a better deal", ["i'm leaving"]],
    ['Thinking about switching provider', ['switching provider']],
    ['I will switch to Vodafone and port my number', ['switch to vodafone', 'port my number']],
    ['Just send me my PAC code', ['pac code']],
  ])('%s', (text, words) => {
    expect(cuesOf(text).churn_intent).toEqual(words);
  });

  it('is cancelled by a plain negation before it, but not by one about something else', () => {
    expect(cuesOf("I don't want to cancel my contract, just change the plan")).toEqual({});
    expect(cuesOf("I'm not going to leave, don't worry")).toEqual({});
    expect(cuesOf("If you don't fix it I'll cancel my contract").churn_intent).toEqual(['cancel my contract']);
  });

  it('does not mistake other uses of the words', () => {
    expect(cuesOf('Can I leave a message for the engineer? I want to cancel my order')).toEqual({});
  });
});

describe('escalation, repeated contact, do-not-contact, vulnerability', () => {
  it('names the words that triggered each cue', () => {
    expect(cuesOf('Put me through to your manager or I will complain to Ofcom and my solicitor')).toEqual({
      escalation_demand: ['manager', 'complain', 'ofcom', 'solicitor'],
    });
    expect(
      cuesOf(
        'This is the third time I call. I already told you, every time I call it is the same. I have called 5 times',
      ),
    ).toEqual({
      repeated_contact: ['third time i call', 'i already told', 'every time i call', 'called 5 times'],
    });
    expect(cuesOf('Stop calling me. Remove my number and do not contact me again; unsubscribe.')).toEqual({
      do_not_contact: ['stop calling me', 'remove my number', 'do not contact me again', 'unsubscribe'],
    });
    expect(
      cuesOf('My mum passed away last month, I am her carer and I can’t afford this bill since I lost my job'),
    ).toEqual({
      vulnerability: ['passed away', 'carer', "can't afford", 'lost my job'],
    });
  });

  it('does not raise escalation for a negated demand', () => {
    expect(cuesOf("I don't need a manager, thanks")).toEqual({});
    expect(cuesOf('I have no complaint about the agent')).toEqual({});
  });

  it('is not fooled by everyday uses of the same words', () => {
    expect(cuesOf('Thanks again for your help')).toEqual({});
    expect(cuesOf('How many times can I top up each time I travel? I have already sent the money.')).toEqual({});
    expect(cuesOf("The card terminal failed and I can't afford to lose this money")).toEqual({});
    expect(cuesOf('How many times do I have to call you?')).toEqual({ repeated_contact: ['how many times do i'] });
    expect(cuesOf('I went to pay a second time and my transfers keep getting declined every time I try')).toEqual({});
    expect(cuesOf("I'm calling for the third time. Second time this week!")).toEqual({
      repeated_contact: ['calling for the third time', 'second time this week'],
    });
  });
});

describe('positions', () => {
  it('gives the exact span of the words in the original text', () => {
    const text = 'Hello. I want to Cancel My Plan.';
    const [match] = findCueMatches(text);
    expect(match).toEqual({ kind: 'churn_intent', text: 'Cancel My Plan', start: 17, end: 31 });
    expect(text.slice(match!.start, match!.end)).toBe('Cancel My Plan');
  });
});
