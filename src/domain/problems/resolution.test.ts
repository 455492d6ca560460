import { describe, expect, it } from 'vitest';
import { notificationChannel, planResolution, type LinkedCase } from './resolution.ts';

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 9, minute));
const kase = (id: string, customerId: string, status: LinkedCase['status'], minute = 0): LinkedCase => ({
  id,
  customerId,
  status,
  updatedAt: at(minute),
});

describe('resolving a problem fans out to its cases', () => {
  const cases = [
    kase('c1', 'ann', 'open', 1),
    kase('c2', 'ann', 'pending', 5),
    kase('c3', 'bob', 'solved', 2),
    kase('c4', 'cat', 'closed', 3),
    kase('c5', 'dan', 'new', 4),
  ];

  it('solves the open cases, updates the solved ones and leaves closed ones alone', () => {
    const plan = planResolution(cases, { solveCases: true });
    expect(plan.solve.sort()).toEqual(['c1', 'c2', 'c5']);
    expect(plan.update).toEqual(['c3']);
  });

  it('only updates the cases when asked not to solve them', () => {
    const plan = planResolution(cases, { solveCases: false });
    expect(plan.solve).toEqual([]);
    expect(plan.update.sort()).toEqual(['c1', 'c2', 'c3', 'c5']);
  });

  it('tells every affected customer once, about their most recently active open case', () => {
    expect(planResolution(cases, { solveCases: true }).notify).toEqual([
      { customerId: 'ann', caseId: 'c2' },
      { customerId: 'bob', caseId: 'c3' },
      { customerId: 'dan', caseId: 'c5' },
    ]);
    // An open case is preferred to a more recently touched solved one.
    expect(
      planResolution([kase('s', 'eve', 'solved', 9), kase('o', 'eve', 'open', 1)], { solveCases: true }).notify,
    ).toEqual([{ customerId: 'eve', caseId: 'o' }]);
  });

  it('tells nobody when every case is closed', () => {
    expect(planResolution([kase('c4', 'cat', 'closed')], { solveCases: true })).toEqual({
      solve: [],
      update: [],
      notify: [],
    });
  });
});

describe('the customer’s own channel', () => {
  const both = { email: true, phone: true };
  it('answers where the customer last wrote from', () => {
    for (const channel of ['email', 'chat', 'sms', 'portal', 'forum', 'social'] as const)
      expect(notificationChannel(channel, both)).toBe(channel);
  });
  it('texts a caller who has a phone number, and emails one who has not', () => {
    expect(notificationChannel('phone', both)).toBe('sms');
    expect(notificationChannel('phone', { email: true, phone: false })).toBe('email');
  });
  it('falls back to email, then SMS, then the portal for a customer who never wrote in', () => {
    expect(notificationChannel(null, both)).toBe('email');
    expect(notificationChannel(null, { email: false, phone: true })).toBe('sms');
    expect(notificationChannel(null, { email: false, phone: false })).toBe('portal');
  });
});
