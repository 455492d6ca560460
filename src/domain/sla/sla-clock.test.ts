import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../vocabulary.ts';
import type { BusinessCalendar, OpeningHours } from './calendar.ts';
import { alertsDue, currentCycle, slaClocks, type CaseSlaFacts, type SlaClocks } from './sla-clock.ts';
import { defaultSlaPolicy, warningLeadMinutes, type SlaPolicy } from './sla-policy.ts';

// January 2026: London is on GMT, so local times equal UTC. The 7th is a Wednesday, the 9th a Friday.
const office: OpeningHours[] = [['09:00', '17:30']];
const london: BusinessCalendar = {
  timezone: 'Europe/London',
  weeklyHours: { mon: office, tue: office, wed: office, thu: office, fri: office },
  holidays: [],
};
const policy: SlaPolicy = {
  priority: 'normal',
  targets: { firstResponseMinutes: 60, nextUpdateMinutes: 120, resolutionMinutes: 480 },
  calendarId: 'office',
  warnBeforeMinutes: null,
  warnAtPercent: 80,
};
const at = (iso: string) => new Date(iso.includes('T') ? iso : `2026-01-07T${iso}:00Z`);

function facts(createdAt: string, history: { status?: [string, CaseStatus][]; replies?: string[] } = {}): CaseSlaFacts {
  return {
    createdAt: at(createdAt),
    statusChanges: (history.status ?? []).map(([when, to]) => ({ at: at(when), to })),
    agentUpdates: (history.replies ?? []).map(at),
  };
}

const clocksAt = (f: CaseSlaFacts, now: string, p: SlaPolicy = policy): SlaClocks => slaClocks(f, p, london, at(now));
const view = (clocks: SlaClocks, metric: keyof SlaClocks) => {
  const c = currentCycle(clocks, metric);
  return { status: c.status, dueAt: c.dueAt?.toISOString() ?? null, left: c.businessMinutesLeft };
};

describe('first response', () => {
  it('is due an hour of business time after opening, across the weekend, with a warning first', () => {
    const f = facts('2026-01-09T17:00:00Z');
    expect(view(clocksAt(f, '2026-01-10T12:00:00Z'), 'first_response')).toEqual({
      status: 'ok',
      dueAt: '2026-01-12T09:30:00.000Z',
      left: 30,
    });
    expect(currentCycle(clocksAt(f, '2026-01-10T12:00:00Z'), 'first_response').warnAt).toEqual(
      at('2026-01-12T09:18:00Z'),
    );
    expect(view(clocksAt(f, '2026-01-12T09:20:00Z'), 'first_response')).toMatchObject({ status: 'warning', left: 10 });
    expect(view(clocksAt(f, '2026-01-12T09:31:00Z'), 'first_response')).toMatchObject({ status: 'breached', left: -1 });
  });

  it('is kept by the first reply; a late reply leaves the breach on record', () => {
    expect(view(clocksAt(facts('09:00', { replies: ['09:40'] }), '12:00'), 'first_response')).toMatchObject({
      status: 'satisfied',
      left: 20,
    });
    const late = currentCycle(clocksAt(facts('09:00', { replies: ['10:30'] }), '12:00'), 'first_response');
    expect(late).toMatchObject({ status: 'breached', satisfiedAt: at('10:30'), businessMinutesLeft: -30 });
  });

  it('keeps running while the case waits on the customer', () => {
    expect(view(clocksAt(facts('09:00', { status: [['09:10', 'pending']] }), '10:01'), 'first_response')).toMatchObject(
      { status: 'breached' },
    );
  });

  it('warns a fixed time before the deadline when the policy says so', () => {
    const fixed = { ...policy, warnBeforeMinutes: 15, warnAtPercent: null };
    expect(warningLeadMinutes(fixed, 60)).toBe(15);
    expect(currentCycle(clocksAt(facts('09:00'), '09:00', fixed), 'first_response').warnAt).toEqual(at('09:45'));
  });
});

describe('next update', () => {
  it('restarts after each reply to the customer', () => {
    expect(view(clocksAt(facts('09:00', { replies: ['09:40'] }), '10:00'), 'next_update')).toMatchObject({
      status: 'ok',
      dueAt: '2026-01-07T11:40:00.000Z',
    });
    const clocks = clocksAt(facts('09:00', { replies: ['09:40', '11:00'] }), '11:30');
    expect(clocks.next_update.map((c) => [c.startedAt.toISOString().slice(11, 16), c.status])).toEqual([
      ['09:00', 'satisfied'],
      ['09:40', 'satisfied'],
      ['11:00', 'ok'],
    ]);
    expect(view(clocks, 'next_update').dueAt).toBe('2026-01-07T13:00:00.000Z');
  });

  it('pauses while waiting on the customer and resumes with the time it had left', () => {
    const waiting = facts('09:00', { replies: ['09:30'], status: [['10:00', 'pending']] });
    expect(view(clocksAt(waiting, '12:00'), 'next_update')).toEqual({ status: 'paused', dueAt: null, left: 90 });
    const answered = facts('09:00', {
      replies: ['09:30'],
      status: [
        ['10:00', 'pending'],
        ['14:00', 'open'],
      ],
    });
    expect(view(clocksAt(answered, '14:10'), 'next_update')).toMatchObject({
      status: 'ok',
      dueAt: '2026-01-07T15:30:00.000Z',
      left: 80,
    });
  });
});

describe('resolution', () => {
  it('pauses while pending and is due in business time', () => {
    const waiting = facts('09:00', { replies: ['09:30'], status: [['10:00', 'pending']] });
    expect(view(clocksAt(waiting, '12:00'), 'resolution')).toEqual({ status: 'paused', dueAt: null, left: 420 });
    const f = facts('09:00', {
      replies: ['09:30'],
      status: [
        ['10:00', 'pending'],
        ['14:00', 'open'],
      ],
    });
    // 420 minutes from 14:00: 210 on Wednesday, 210 from Thursday 09:00.
    expect(view(clocksAt(f, '14:00'), 'resolution')).toMatchObject({ status: 'ok', dueAt: '2026-01-08T12:30:00.000Z' });
  });

  it('is kept by solving the case, which ends every open promise; closing later changes nothing', () => {
    const f = facts('09:00', {
      status: [
        ['10:00', 'solved'],
        ['11:00', 'closed'],
      ],
    });
    const clocks = clocksAt(f, '12:00');
    for (const metric of ['first_response', 'next_update', 'resolution'] as const) {
      expect(currentCycle(clocks, metric)).toMatchObject({ status: 'satisfied', satisfiedAt: at('10:00') });
    }
  });

  it('resumes when a solved case reopens, and a new next-update promise starts', () => {
    const f = facts('09:00', {
      replies: ['09:30'],
      status: [
        ['10:00', 'solved'],
        ['11:00', 'open'],
      ],
    });
    const clocks = clocksAt(f, '11:00');
    // 60 minutes used before solving; 420 left from 11:00 (390 on Wednesday, 30 on Thursday).
    expect(view(clocks, 'resolution')).toEqual({ status: 'ok', dueAt: '2026-01-08T09:30:00.000Z', left: 420 });
    expect(view(clocks, 'next_update')).toMatchObject({ status: 'ok', dueAt: '2026-01-07T13:00:00.000Z' });
    expect(clocks.next_update).toHaveLength(3);
  });
});

describe('warnings and breaches to record', () => {
  const f = facts('09:00');
  const firstResponse = (now: string) => clocksAt(f, now).first_response;
  const tracked = { startedAt: at('09:00'), satisfiedAt: null, warnedAt: null, breachedAt: null };

  it('warns, then breaches, each once', () => {
    expect(alertsDue(firstResponse('09:30'), tracked, at('09:30'))).toEqual([]);
    expect(alertsDue(firstResponse('09:50'), tracked, at('09:50'))).toEqual([
      { kind: 'warning', metric: 'first_response', cycleStartedAt: at('09:00'), dueAt: at('10:00'), at: at('09:48') },
    ]);
    const warned = { ...tracked, warnedAt: at('09:48') };
    expect(alertsDue(firstResponse('10:05'), warned, at('10:05'))).toEqual([
      { kind: 'breach', metric: 'first_response', cycleStartedAt: at('09:00'), dueAt: at('10:00'), at: at('10:00') },
    ]);
    expect(alertsDue(firstResponse('11:00'), { ...warned, breachedAt: at('10:00') }, at('11:00'))).toEqual([]);
  });

  it('gives no warning once the deadline has passed: the breach says it all', () => {
    expect(alertsDue(firstResponse('10:05'), tracked, at('10:05')).map((a) => a.kind)).toEqual(['breach']);
  });

  it('records a breach of a next-update cycle that a late reply has already ended', () => {
    const cycles = clocksAt(facts('09:00', { replies: ['09:30', '12:00'] }), '12:00').next_update;
    const alerts = alertsDue(
      cycles,
      { startedAt: at('09:30'), satisfiedAt: null, warnedAt: at('11:06'), breachedAt: null },
      at('12:00'),
    );
    expect(alerts).toEqual([
      { kind: 'breach', metric: 'next_update', cycleStartedAt: at('09:30'), dueAt: at('11:30'), at: at('11:30') },
    ]);
  });

  it('does not rewrite history when the case becomes urgent: kept and finished cycles keep their verdict', () => {
    const urgent = { ...policy, targets: { firstResponseMinutes: 10, nextUpdateMinutes: 20, resolutionMinutes: 480 } };
    const clocks = clocksAt(facts('09:00', { replies: ['09:30', '10:00'] }), '10:05', urgent);
    expect(currentCycle(clocks, 'first_response').status).toBe('breached');
    expect(
      alertsDue(
        clocks.first_response,
        { startedAt: at('09:00'), satisfiedAt: at('09:30'), warnedAt: null, breachedAt: null },
        at('10:05'),
      ),
    ).toEqual([]);
    expect(
      alertsDue(
        clocks.next_update,
        { startedAt: at('10:00'), satisfiedAt: null, warnedAt: null, breachedAt: null },
        at('10:05'),
      ),
    ).toEqual([]);
    // The running cycle is judged on the new target straight away.
    expect(
      alertsDue(
        clocks.next_update,
        { startedAt: at('10:00'), satisfiedAt: null, warnedAt: null, breachedAt: null },
        at('10:25'),
      ).map((a) => a.kind),
    ).toEqual(['breach']);
  });

  it('judges only the current cycle of a case never tracked before', () => {
    const cycles = clocksAt(facts('09:00', { replies: ['12:00'] }), '12:30').next_update;
    expect(alertsDue(cycles, undefined, at('12:30'))).toEqual([]);
  });
});

describe('default policy', () => {
  it('promises an urgent case a first response within an hour and warns at 80%', () => {
    const urgent = defaultSlaPolicy('urgent');
    expect(urgent.targets).toEqual({ firstResponseMinutes: 60, nextUpdateMinutes: 240, resolutionMinutes: 480 });
    expect(warningLeadMinutes(urgent, 60)).toBe(12);
  });
});
