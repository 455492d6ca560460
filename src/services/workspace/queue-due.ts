import type { SlaMetric } from '../../domain/sla/sla-policy.ts';
import type { QueueKey, QueueRow } from '../../store/repositories/workspace-queues.ts';

export type DueKind = 'sla' | 'escalation' | 'transfer' | 'callback';
export type DueState = 'ok' | 'warning' | 'breached';

/** The deadline that puts a case where it is in a queue, said the way an agent reads it. */
export interface QueueDue {
  kind: DueKind;
  at: string;
  state: DueState;
  label: string;
}

const SLA_LABELS: Record<SlaMetric, string> = {
  first_response: 'First response',
  next_update: 'Next update',
  resolution: 'Resolution',
};

/** A hand-off is in warning once less than a quarter of the time it was given is left. */
const WARNING_SHARE = 0.25;

function handoffState(from: Date, due: Date, now: Date): DueState {
  const left = due.getTime() - now.getTime();
  if (left <= 0) return 'breached';
  return left < (due.getTime() - from.getTime()) * WARNING_SHARE ? 'warning' : 'ok';
}

/** Times of day in the organisation's time zone; the day too when it is not today there. */
export function callbackWindowLabel(start: Date, end: Date, now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone });
  const prefix = day.format(start) === day.format(now) ? '' : `${day.format(start)} `;
  return `Call back between ${prefix}${time.format(start)}–${time.format(end)}`;
}

const HANDOFF_KIND: Partial<Record<QueueKey, 'transfer' | 'escalation' | 'callback'>> = {
  transfers: 'transfer',
  escalated: 'escalation',
  callbacks: 'callback',
};

/** The due of a queue item: its hand-off's deadline in the hand-off queues, else its most pressing SLA clock. */
export function queueDue(key: QueueKey, row: QueueRow, now: Date, timeZone: string): QueueDue | null {
  const handoff = HANDOFF_KIND[key];
  if (handoff && row.handoffDue && row.handoffFrom) {
    const at = row.handoffDue.toISOString();
    if (handoff === 'transfer')
      return {
        kind: 'transfer',
        at,
        state: handoffState(row.handoffFrom, row.handoffDue, now),
        label: 'Transfer offer expires',
      };
    if (handoff === 'escalation')
      return {
        kind: 'escalation',
        at,
        state: handoffState(row.handoffFrom, row.handoffDue, now),
        label: 'Accept escalation by',
      };
    // The callback queue holds windows that have opened: the call is due now, and late once the window closed.
    return {
      kind: 'callback',
      at,
      state:
        row.handoffDue.getTime() <= now.getTime()
          ? 'breached'
          : row.handoffFrom.getTime() <= now.getTime()
            ? 'warning'
            : 'ok',
      label: callbackWindowLabel(row.handoffFrom, row.handoffDue, now, timeZone),
    };
  }
  if (!row.slaMetric || !row.slaDue || !row.slaState) return null;
  const name = SLA_LABELS[row.slaMetric];
  return {
    kind: 'sla',
    at: row.slaDue.toISOString(),
    state: row.slaState,
    label: row.slaState === 'breached' ? `${name} overdue` : `${name} due`,
  };
}
