import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptShare,
  choosePartner,
  endShare,
  isResponseOverdue,
  postToShare,
  startShare,
  type ShareSide,
  type ShareState,
} from './partner-share.ts';

const t0 = new Date('2024-03-01T09:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const policy = { partnerResponseMinutes: 60 };

function shared(kind: 'tenant' | 'outside' = 'tenant'): ShareState {
  const result = startShare({
    caseStatus: 'open',
    kind,
    toSelf: false,
    alreadyShared: false,
    note: 'Carrier: please check the activation code',
    now: t0,
    policy,
  });
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

function post(state: ShareState, side: ShareSide, at: number, handOff = false) {
  return postToShare({ state, side, text: handOff ? 'over to you' : 'an update', handOff, now: minutes(at), policy });
}

function accepted(): ShareState {
  const result = acceptShare(shared());
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

describe('choosing a partner', () => {
  it('takes another tenant, or an outside party with both a name and an email', () => {
    expect(choosePartner({ partnerTenant: 'laptop-maker' })).toMatchObject({ ok: true, kind: 'tenant' });
    expect(choosePartner({ partnerName: 'Laptop Co', partnerEmail: 'support@laptop.example' })).toMatchObject({
      ok: true,
      kind: 'outside',
    });
    expect(choosePartner({ partnerName: 'Laptop Co' })).toMatchObject({ ok: false, code: 'partner_required' });
    expect(choosePartner({})).toMatchObject({ ok: false, code: 'partner_required' });
    expect(choosePartner({ partnerTenant: 'x', partnerEmail: 'a@b.example' })).toMatchObject({
      ok: false,
      code: 'partner_invalid',
    });
  });
});

describe('sharing a case', () => {
  it('hands the ball to the partner, counts it as the first hand-off and starts the waiting-on-partner clock', () => {
    const state = shared();
    expect(state).toMatchObject({
      status: 'invited',
      ballWith: 'partner',
      handoffs: 1,
      waitingSince: t0,
      responseDueAt: minutes(60),
    });
    expect(shared('outside').status).toBe('active');
  });

  it('uses a day when the tenant has not set a partner response time', () => {
    const result = startShare({
      caseStatus: 'new',
      kind: 'outside',
      toSelf: false,
      alreadyShared: false,
      note: 'n',
      now: t0,
      policy: {},
    });
    expect(result.ok && result.state.responseDueAt).toEqual(minutes(24 * 60));
  });

  it('refuses a closed case, a missing note, sharing with oneself and sharing twice with one partner', () => {
    const base = {
      caseStatus: 'open' as const,
      kind: 'tenant' as const,
      toSelf: false,
      alreadyShared: false,
      note: 'n',
      now: t0,
      policy,
    };
    expect(startShare({ ...base, caseStatus: 'closed' })).toMatchObject({ ok: false, code: 'case_closed' });
    expect(startShare({ ...base, note: '   ' })).toMatchObject({ ok: false, code: 'share_note_required' });
    expect(startShare({ ...base, toSelf: true })).toMatchObject({ ok: false, code: 'partner_invalid' });
    expect(startShare({ ...base, alreadyShared: true })).toMatchObject({ ok: false, code: 'already_shared' });
  });

  it('is accepted once', () => {
    const state = accepted();
    expect(state.status).toBe('active');
    expect(acceptShare(state)).toMatchObject({ ok: false, code: 'share_not_invited' });
  });
});

describe('hand-offs', () => {
  it('only the side holding the ball can hand it over; the partner must accept before posting', () => {
    expect(post(shared(), 'partner', 1)).toMatchObject({ ok: false, code: 'share_not_accepted' });
    expect(post(accepted(), 'sharer', 1, true)).toMatchObject({ ok: false, code: 'not_your_move' });
    const sharerNote = post(shared(), 'sharer', 1);
    expect(sharerNote).toMatchObject({ ok: true, timer: { kind: 'keep' } });
  });

  it('moves the ball, stops the clock when it comes back and restarts it when it goes out again', () => {
    const back = post(accepted(), 'partner', 10, true);
    if (!back.ok) throw new Error(back.message);
    expect(back.state).toMatchObject({ ballWith: 'sharer', handoffs: 2, waitingSince: null, responseDueAt: null });
    expect(back.timer).toEqual({ kind: 'cancel' });
    expect(back.pingPong).toBe(false);
    const out = post(back.state, 'sharer', 20, true);
    if (!out.ok) throw new Error(out.message);
    expect(out.state).toMatchObject({
      ballWith: 'partner',
      handoffs: 3,
      waitingSince: minutes(20),
      responseDueAt: minutes(80),
    });
    expect(out.timer).toEqual({ kind: 'set', dueAt: minutes(80) });
  });

  it('an answer from the partner while they hold the ball restarts their clock and clears the overdue flag', () => {
    const state = { ...accepted(), overdueAt: minutes(60) };
    const answer = post(state, 'partner', 70);
    expect(answer).toMatchObject({
      ok: true,
      timer: { kind: 'set', dueAt: minutes(130) },
      state: { ballWith: 'partner', handoffs: 1, overdueAt: null },
    });
  });

  it('calls ping-pong exactly when the hand-offs first exceed two', () => {
    let state = accepted();
    const pingPongs: boolean[] = [];
    const sides: ShareSide[] = ['partner', 'sharer', 'partner', 'sharer'];
    sides.forEach((side, i) => {
      const result = post(state, side, i + 1, true);
      if (!result.ok) throw new Error(result.message);
      pingPongs.push(result.pingPong);
      state = result.state;
    });
    // Share (1), back (2), out again (3): ping-pong; later hand-offs do not call it again.
    expect(pingPongs).toEqual([false, true, false, false]);
    expect(state.handoffs).toBe(5);
  });

  it('counts every hand-off and never lets the ball be in two places (property)', () => {
    const step = fc.record({ side: fc.constantFrom<ShareSide>('sharer', 'partner'), handOff: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let state = accepted();
        let moves = 1;
        steps.forEach((s, i) => {
          const result = post(state, s.side, i + 1, s.handOff);
          if (!result.ok) {
            expect(result.code).toBe('not_your_move');
            return;
          }
          if (s.handOff) moves++;
          state = result.state;
          expect((state.ballWith === 'partner') === (state.responseDueAt !== null)).toBe(true);
        });
        expect(state.handoffs).toBe(moves);
      }),
    );
  });
});

describe('waiting on partner', () => {
  it('is overdue only at the deadline in force, while the partner still holds the ball, and once', () => {
    const state = accepted();
    expect(isResponseOverdue(state, minutes(60), minutes(59))).toBe(false);
    expect(isResponseOverdue(state, minutes(60), minutes(60))).toBe(true);
    expect(isResponseOverdue({ ...state, overdueAt: minutes(60) }, minutes(60), minutes(61))).toBe(false);
    const answered = post(state, 'partner', 30);
    if (!answered.ok) throw new Error(answered.message);
    expect(isResponseOverdue(answered.state, minutes(60), minutes(61))).toBe(false);
    const back = post(state, 'partner', 30, true);
    if (!back.ok) throw new Error(back.message);
    expect(isResponseOverdue(back.state, minutes(60), minutes(61))).toBe(false);
  });

  it('stops when the share ends, and an ended share takes no more posts', () => {
    const ended = endShare(accepted());
    if (!ended.ok) throw new Error(ended.message);
    expect(isResponseOverdue({ ...ended.state, responseDueAt: minutes(60) }, minutes(60), minutes(61))).toBe(false);
    expect(post(ended.state, 'sharer', 1)).toMatchObject({ ok: false, code: 'share_ended' });
    expect(endShare(ended.state)).toMatchObject({ ok: false, code: 'share_ended' });
    expect(acceptShare(ended.state)).toMatchObject({ ok: false, code: 'share_ended' });
  });
});
