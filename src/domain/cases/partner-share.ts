import { minutesLater, type CasePolicy } from './case-policy.ts';
import { refuse, type Outcome } from './ownership.ts';
import type { CaseStatus } from '../vocabulary.ts';

/**
 * A case shared with a partner organisation (F9: a customer bounced for 14 days between a
 * laptop maker and a carrier). Two sides read one thread: the sharer — the organisation whose
 * case it is — and the partner. The "ball" says which side must act next; moving it to the
 * other side is a hand-off, and hand-offs are counted so that ping-pong is caught.
 */
export type ShareSide = 'sharer' | 'partner';
export type ShareStatus = 'invited' | 'active' | 'ended';
export type PartnerKind = 'tenant' | 'outside';

/** More hand-offs than this between the two organisations is ping-pong: both sides escalate. */
export const PING_PONG_HANDOFFS = 2;
/** How long the partner has to answer when the tenant's case policy says nothing. */
export const DEFAULT_PARTNER_RESPONSE_MINUTES = 24 * 60;

export interface ShareState {
  status: ShareStatus;
  ballWith: ShareSide;
  handoffs: number;
  /** Since when the ball has been with the partner; null while it is with the sharer. */
  waitingSince: Date | null;
  /** When the partner owes an answer ("waiting on partner" SLA); null while the ball is with the sharer. */
  responseDueAt: Date | null;
  /** Set once the current deadline passed unanswered; cleared when a new one is set. */
  overdueAt: Date | null;
}

export type ShareRefusal =
  | 'case_closed'
  | 'share_note_required'
  | 'partner_required'
  | 'partner_invalid'
  | 'already_shared'
  | 'share_not_invited'
  | 'share_not_accepted'
  | 'share_ended'
  | 'message_text_required'
  | 'not_your_move';

export const otherSide = (side: ShareSide): ShareSide => (side === 'sharer' ? 'partner' : 'sharer');

export const partnerResponseDeadline = (from: Date, policy: Pick<CasePolicy, 'partnerResponseMinutes'>): Date =>
  minutesLater(from, policy.partnerResponseMinutes ?? DEFAULT_PARTNER_RESPONSE_MINUTES);

export const isPingPong = (handoffs: number): boolean => handoffs > PING_PONG_HANDOFFS;

export interface PartnerChoice {
  /** Another tenant of this Hearken, by slug… */
  partnerTenant?: string | undefined;
  /** …or an outside party reached by a link sent to this address. */
  partnerName?: string | undefined;
  partnerEmail?: string | undefined;
}

/** Exactly one kind of partner: another tenant, or an outside party with a name and an email. */
export function choosePartner(
  input: PartnerChoice,
): Outcome<{ kind: PartnerKind }, 'partner_required' | 'partner_invalid'> {
  const tenant = input.partnerTenant?.trim();
  const name = input.partnerName?.trim();
  const email = input.partnerEmail?.trim();
  if (tenant && (name || email))
    return refuse(
      'partner_invalid',
      'Name either a partner organisation on this Hearken (partnerTenant) or an outside party (partnerName and partnerEmail), not both',
    );
  if (tenant) return { ok: true, kind: 'tenant' };
  if (name && email) return { ok: true, kind: 'outside' };
  if (name || email)
    return refuse(
      'partner_required',
      'An outside partner needs both a name (partnerName) and an email address (partnerEmail) to send the link to',
    );
  return refuse('partner_required', 'Say who to share the case with: partnerTenant, or partnerName and partnerEmail');
}

/**
 * Sharing hands the case's next step to the partner: the ball starts with them (the first
 * hand-off) and the "waiting on partner" clock starts. Another tenant must accept first; an
 * outside party acts through its link at once.
 */
export function startShare(input: {
  caseStatus: CaseStatus;
  kind: PartnerKind;
  /** The partner is the sharing organisation itself. */
  toSelf: boolean;
  /** The same partner already has a share of this case that has not ended. */
  alreadyShared: boolean;
  note: string;
  now: Date;
  policy: Pick<CasePolicy, 'partnerResponseMinutes'>;
}): Outcome<{ state: ShareState; note: string }, ShareRefusal> {
  if (input.caseStatus === 'closed') return refuse('case_closed', 'A closed case cannot be shared');
  if (input.toSelf)
    return refuse('partner_invalid', 'A case cannot be shared with its own organisation; transfer it instead');
  const note = input.note.trim();
  if (note === '')
    return refuse(
      'share_note_required',
      'Sharing needs a note: what the partner must know and do, so the customer never has to repeat themselves',
    );
  if (input.alreadyShared) return refuse('already_shared', 'This case is already shared with that partner');
  return {
    ok: true,
    note,
    state: {
      status: input.kind === 'tenant' ? 'invited' : 'active',
      ballWith: 'partner',
      handoffs: 1,
      waitingSince: input.now,
      responseDueAt: partnerResponseDeadline(input.now, input.policy),
      overdueAt: null,
    },
  };
}

export function acceptShare(state: ShareState): Outcome<{ state: ShareState }, ShareRefusal> {
  if (state.status === 'ended') return refuse('share_ended', 'This share has ended');
  if (state.status !== 'invited') return refuse('share_not_invited', 'This share has already been accepted');
  return { ok: true, state: { ...state, status: 'active' } };
}

/** What the "waiting on partner" timer must do after a post. */
export type TimerChange = { kind: 'set'; dueAt: Date } | { kind: 'cancel' } | { kind: 'keep' };

/**
 * A post to the thread. With `handOff` the ball moves to the other side — only the side that
 * holds it can hand it over. While the partner holds the ball, any answer of theirs restarts
 * the clock (the next answer is owed a full period later); handing the ball back stops it.
 */
export function postToShare(input: {
  state: ShareState;
  side: ShareSide;
  text: string;
  handOff: boolean;
  now: Date;
  policy: Pick<CasePolicy, 'partnerResponseMinutes'>;
}): Outcome<{ state: ShareState; text: string; timer: TimerChange; pingPong: boolean }, ShareRefusal> {
  const { state, side, now } = input;
  if (state.status === 'ended') return refuse('share_ended', 'This share has ended; nothing more can be posted');
  if (side === 'partner' && state.status === 'invited')
    return refuse('share_not_accepted', 'Accept the shared case before posting to it');
  const text = input.text.trim();
  if (text === '') return refuse('message_text_required', 'A message needs some text');
  if (input.handOff) {
    if (state.ballWith !== side)
      return refuse(
        'not_your_move',
        'The ball is with the other organisation: only the side that holds it can hand it over',
      );
    const handoffs = state.handoffs + 1;
    const toPartner = side === 'sharer';
    const dueAt = toPartner ? partnerResponseDeadline(now, input.policy) : null;
    return {
      ok: true,
      text,
      pingPong: isPingPong(handoffs) && !isPingPong(state.handoffs),
      timer: dueAt ? { kind: 'set', dueAt } : { kind: 'cancel' },
      state: {
        ...state,
        ballWith: otherSide(side),
        handoffs,
        waitingSince: toPartner ? now : null,
        responseDueAt: dueAt,
        overdueAt: null,
      },
    };
  }
  if (side === 'partner' && state.ballWith === 'partner') {
    const dueAt = partnerResponseDeadline(now, input.policy);
    return {
      ok: true,
      text,
      pingPong: false,
      timer: { kind: 'set', dueAt },
      state: { ...state, responseDueAt: dueAt, overdueAt: null },
    };
  }
  return { ok: true, text, pingPong: false, timer: { kind: 'keep' }, state };
}

export function endShare(state: ShareState): Outcome<{ state: ShareState }, ShareRefusal> {
  if (state.status === 'ended') return refuse('share_ended', 'This share has already ended');
  return { ok: true, state: { ...state, status: 'ended', waitingSince: null, responseDueAt: null } };
}

/**
 * The timer set for `dueAt` fires: the partner is overdue only if that is still the deadline
 * in force (no answer since), the ball is still with them, and it has not been flagged yet.
 */
export function isResponseOverdue(state: ShareState, dueAt: Date, now: Date): boolean {
  return (
    state.status !== 'ended' &&
    state.ballWith === 'partner' &&
    state.overdueAt === null &&
    state.responseDueAt !== null &&
    state.responseDueAt.getTime() === dueAt.getTime() &&
    now.getTime() >= dueAt.getTime()
  );
}
