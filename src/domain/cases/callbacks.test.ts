import { describe, expect, it } from 'vitest';
import { checkCallbackWindow, queueWait } from './callbacks.ts';

const now = new Date('2026-11-25T10:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('callback windows', () => {
  it('accepts a window in the next hours', () => {
    expect(checkCallbackWindow(at(30), at(60), now)).toEqual({ ok: true });
    expect(checkCallbackWindow(at(-10), at(20), now)).toEqual({ ok: true });
  });

  it.each([
    [at(30), at(32), 'at least 5 minutes'],
    [at(30), at(30 + 5 * 60), 'at most 4 hours'],
    [at(-60), at(-1), 'already over'],
    [at(60 * 24 * 40), at(60 * 24 * 40 + 30), '30 days ahead'],
  ])('refuses %s – %s', (start, end, message) => {
    const result = checkCallbackWindow(start, end, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('queue wait', () => {
  it('offers a callback when the honest wait is long', () => {
    expect(queueWait({ waiting: 12, agentsAvailable: 3, averageHandlingMinutes: 10, offerAboveMinutes: 10 })).toEqual({
      waiting: 12,
      estimatedWaitMinutes: 40,
      offerCallback: true,
    });
    expect(
      queueWait({ waiting: 1, agentsAvailable: 0, averageHandlingMinutes: 5, offerAboveMinutes: 10 }).offerCallback,
    ).toBe(false);
  });
});
