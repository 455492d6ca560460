import { AppError } from '../../errors.ts';
import { findPendingEscalation } from '../../store/repositories/case-handoffs.ts';
import { findCase } from '../../store/repositories/cases.ts';
import { listIdentities } from '../../store/repositories/customers.ts';
import { bookCallback } from '../cases/book-callback.ts';
import { escalateCase } from '../cases/escalate-case.ts';
import { minutesAfter } from './demo-time.ts';
import type { LiveContext } from './live-cases.ts';

const REASONS = [
  'Customer asked to speak to a manager about the refund',
  'Third time of asking: needs a decision on waiving the fee today',
  'Customer says they will cancel this week unless someone senior calls',
  'Customer mentioned a disability: the fix needs a supervisor to approve a home visit',
];

/** How many of today's open cases are waiting for a supervisor, and how many customers expect a call. */
const LIVE_ESCALATIONS = 4;
const CALLBACKS = 4;

/**
 * What is going on at the desk right now: a few escalations raised in the last hour or so that
 * are waiting to be accepted (their deadlines minutes to hours ahead), and callbacks promised for
 * today, some of whose windows are open now. All through the same services, at today's times.
 */
export async function openTodaysWork(context: LiveContext, caseIds: string[]): Promise<void> {
  const { scope, staff, random, now } = context;
  let escalations = 0;
  let callbacks = 0;
  // The newest first: what an agent touched last is what comes up today.
  for (const caseId of [...caseIds].reverse()) {
    if (escalations >= LIVE_ESCALATIONS && callbacks >= CALLBACKS) break;
    const row = await findCase(scope, caseId);
    if (!row?.ownerId || (row.status !== 'open' && row.status !== 'new' && row.status !== 'pending')) continue;
    const owner = staff.actorById(row.ownerId);
    if (owner.role !== 'agent') continue;
    // Callbacks and escalations take turns, so that a small demo has some of each.
    const phone = (await listIdentities(scope, row.customerId)).find((i) => i.kind === 'phone');
    const callbackTurn = phone !== undefined && callbacks < CALLBACKS && callbacks < escalations;
    if (!callbackTurn && escalations < LIVE_ESCALATIONS && !(await findPendingEscalation(scope, caseId))) {
      const raisedAt = minutesAfter(now, -random.int(5, 100));
      // A case already escalated to the top has nobody left above it: it is passed over.
      const raised = await escalateCase(owner, caseId, { reason: REASONS[escalations % REASONS.length]! }, raisedAt)
        .then(() => true)
        .catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'conflict') return false;
          throw error;
        });
      if (raised) {
        escalations++;
        continue;
      }
    }
    if (callbacks < CALLBACKS && phone) {
      // Half of them are due now (their window has opened), the others later today.
      const start =
        callbacks % 2 === 0 ? minutesAfter(now, -random.int(5, 40)) : minutesAfter(now, random.int(90, 240));
      await bookCallback(
        owner,
        caseId,
        { windowStart: start.toISOString(), windowEnd: minutesAfter(start, 60).toISOString() },
        minutesAfter(now, -random.int(60, 180)),
      );
      callbacks++;
    }
  }
}
