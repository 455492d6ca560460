import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_POLICY, resolveCasePolicy } from './case-policy.ts';
import { effortLedger, type EffortFacts } from './effort.ts';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 9));
const facts = (overrides: Partial<EffortFacts> = {}): EffortFacts => ({
  contacts: [{ channel: 'phone', direction: 'inbound', occurredAt: day(0) }],
  owners: ['a'],
  teams: ['t'],
  transfers: 0,
  missedCallbacks: 0,
  openedAt: day(0),
  endedAt: null,
  now: day(0),
  ...overrides,
});

describe('customer effort', () => {
  it('counts a single call solved the same day as the least effort', () => {
    expect(effortLedger(facts(), DEFAULT_CASE_POLICY)).toMatchObject({
      contacts: 1,
      repeatContacts: 0,
      daysOpen: 0,
      score: 1,
      thresholdsExceeded: [],
    });
  });

  it('tallies the laptop-and-carrier ping-pong: 14 days, 7 calls, 6 chats, transfers', () => {
    const contacts = [
      ...Array.from({ length: 7 }, (_, i) => ({
        channel: 'phone',
        direction: 'inbound' as const,
        occurredAt: day(i * 2),
      })),
      ...Array.from({ length: 6 }, (_, i) => ({
        channel: 'chat',
        direction: 'inbound' as const,
        occurredAt: day(i * 2 + 1),
      })),
      { channel: 'email', direction: 'outbound' as const, occurredAt: day(3) },
    ];
    const ledger = effortLedger(
      facts({ contacts, owners: ['a', 'b', 'c', 'a'], teams: ['t1', 't2'], transfers: 4, now: day(14) }),
      DEFAULT_CASE_POLICY,
    );
    expect(ledger).toMatchObject({
      contacts: 13,
      channels: 2,
      agents: 3,
      teams: 2,
      transfers: 4,
      repeatContacts: 12,
      daysOpen: 14,
    });
    expect(ledger.thresholdsExceeded).toEqual([
      'contacts: 13 (threshold 3)',
      'transfers: 4 (threshold 2)',
      'days open: 14 (threshold 3)',
    ]);
    expect(ledger.score).toBeGreaterThan(50);
  });

  it('stops counting days once the case is solved, and follows the tenant’s thresholds', () => {
    const ledger = effortLedger(
      facts({ endedAt: day(2), now: day(30), transfers: 1 }),
      resolveCasePolicy({ effortThresholds: { transfers: 1 } }),
    );
    expect(ledger.daysOpen).toBe(2);
    expect(ledger.thresholdsExceeded).toEqual(['transfers: 1 (threshold 1)']);
  });

  it('weighs a missed callback more than another message', () => {
    const missed = effortLedger(facts({ missedCallbacks: 1 }), DEFAULT_CASE_POLICY).score;
    const oneMore = effortLedger(
      facts({ contacts: [...facts().contacts, { channel: 'phone', direction: 'inbound', occurredAt: day(0) }] }),
      DEFAULT_CASE_POLICY,
    ).score;
    expect(missed).toBeGreaterThan(oneMore - 1);
  });
});
