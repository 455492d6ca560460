import { refuse, type Outcome } from './ownership.ts';

export type CallbackRefusal = 'callback_window_invalid' | 'case_closed';

const MIN_WINDOW_MS = 5 * 60_000;
const MAX_WINDOW_MS = 4 * 3600_000;
const MAX_AHEAD_MS = 30 * 86_400_000;

/** A callback is a promise with a window: long enough to keep, short enough to mean something. */
export function checkCallbackWindow(windowStart: Date, windowEnd: Date, now: Date): Outcome<object, CallbackRefusal> {
  const length = windowEnd.getTime() - windowStart.getTime();
  if (length < MIN_WINDOW_MS)
    return refuse('callback_window_invalid', 'The callback window must end at least 5 minutes after it starts');
  if (length > MAX_WINDOW_MS) return refuse('callback_window_invalid', 'A callback window may be at most 4 hours long');
  if (windowEnd.getTime() <= now.getTime())
    return refuse('callback_window_invalid', 'The callback window is already over');
  if (windowStart.getTime() - now.getTime() > MAX_AHEAD_MS)
    return refuse('callback_window_invalid', 'A callback can be booked at most 30 days ahead');
  return { ok: true };
}

/** When a queue is long, offer to call back instead of keeping the customer on hold. */
export function queueWait(input: {
  waiting: number;
  agentsAvailable: number;
  averageHandlingMinutes: number;
  offerAboveMinutes: number;
}) {
  const agents = Math.max(1, input.agentsAvailable);
  const estimatedWaitMinutes = Math.ceil((input.waiting * input.averageHandlingMinutes) / agents);
  return {
    waiting: input.waiting,
    estimatedWaitMinutes,
    offerCallback: estimatedWaitMinutes > input.offerAboveMinutes,
  };
}
