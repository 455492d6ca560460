import { describe, expect, it } from 'vitest';
import { applyCallEvent, asCallFacts, callSummary, type CallEvent, type CallFacts } from './call-facts.ts';

const call = { callId: 'c1', from: '+447700900123', to: '+441000000000' };
const events: CallEvent[] = [
  { event: 'offered', at: '2030-01-01T10:00:00Z' },
  { event: 'queued', at: '2030-01-01T10:00:05Z', queue: 'billing' },
  { event: 'answered', at: '2030-01-01T10:01:10Z', agent: 'ana' },
  { event: 'transferred', at: '2030-01-01T10:04:00Z', transferTo: 'roaming' },
  { event: 'ended', at: '2030-01-01T10:06:10Z', recordingUrl: 'https://rec.example/c1.mp3' },
];

function replay(list: CallEvent[]): CallFacts {
  let facts: CallFacts | null = null;
  for (const e of list) facts = applyCallEvent(facts, call, e).facts;
  return facts!;
}

describe('call facts', () => {
  it('adds the events up: wait, talk, queues, transfers, recording', () => {
    const facts = replay(events);
    expect(facts).toMatchObject({
      offeredAt: '2030-01-01T10:00:00.000Z',
      answeredAt: '2030-01-01T10:01:10.000Z',
      endedAt: '2030-01-01T10:06:10.000Z',
      waitSeconds: 70,
      talkSeconds: 300,
      abandoned: false,
      queues: ['billing'],
      agents: ['ana'],
      transfers: [{ at: '2030-01-01T10:04:00.000Z', to: 'roaming' }],
      recording: 'https://rec.example/c1.mp3',
    });
    expect(callSummary(facts)).toBe(
      'Call from +447700900123 — ended; waited 1 min 10 s, talked 5 min, transferred once, queue billing',
    );
  });

  it('gives the same facts whatever order the events arrive in, and ignores an event sent twice', () => {
    const reversed = replay([...events].reverse());
    expect(reversed).toEqual(replay(events));
    const once = replay(events);
    const again = applyCallEvent(once, call, events[2]!);
    expect(again.changed).toBe(false);
    expect(again.facts).toEqual(once);
  });

  it('counts a call that ended unanswered as abandoned, its wait up to the end', () => {
    const facts = replay([events[0]!, { event: 'ended', at: '2030-01-01T10:02:00Z' }]);
    expect(facts).toMatchObject({ waitSeconds: 120, talkSeconds: null, abandoned: true });
    expect(callSummary(facts)).toBe('Call from +447700900123 — not answered; waited 2 min');
    expect(callSummary(replay([events[0]!]))).toBe('Call from +447700900123 — in progress');
  });

  it('reads only call facts back', () => {
    expect(asCallFacts({ kind: 'mail' })).toBeNull();
    expect(asCallFacts(null)).toBeNull();
    expect(asCallFacts(replay(events))?.callId).toBe('c1');
  });
});
