import { describe, expect, it } from 'vitest';
import { canChangeStatus, isOpenStatus } from './status.ts';

describe('case status changes', () => {
  it('lets a solved case reopen when the customer comes back', () => {
    expect(canChangeStatus('solved', 'open')).toEqual({ ok: true });
  });

  it('keeps a closed case closed', () => {
    const result = canChangeStatus('closed', 'open');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('case_closed');
  });

  it('does not send an open case back to new', () => {
    const result = canChangeStatus('open', 'new');
    expect(result).toMatchObject({ ok: false, code: 'case_status_transition' });
  });

  it('treats setting the same status as no change', () => {
    expect(canChangeStatus('pending', 'pending')).toEqual({ ok: true });
  });

  it('counts new, open and pending as open work', () => {
    expect(['new', 'open', 'pending', 'solved', 'closed'].filter((s) => isOpenStatus(s as never))).toEqual([
      'new',
      'open',
      'pending',
    ]);
  });
});
