import { notFound } from '../../errors.ts';
import { findCase } from '../../store/repositories/cases.ts';
import type { CallbackRow } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { bookCallback } from '../cases/book-callback.ts';
import { portalCustomer } from './portal-customer.ts';

/** A callback as its customer sees it: when we promised to call, and whether we did. */
export const portalCallbackView = (row: Pick<CallbackRow, 'id' | 'windowStart' | 'windowEnd' | 'status'>) => ({
  id: row.id,
  windowStart: row.windowStart.toISOString(),
  windowEnd: row.windowEnd.toISOString(),
  status: row.status,
});

/**
 * A customer asks to be called back about one of their cases. The same promise an agent books,
 * with the same rules (a window of 5 minutes to 4 hours, not over, at most 30 days ahead); it
 * is theirs to ask only on their own case.
 */
export async function bookPortalCallback(
  actor: Actor,
  caseId: string,
  input: { windowStart: string; windowEnd: string; phone?: string | undefined },
) {
  const { customerId } = await portalCustomer(actor);
  const row = await findCase(actor.scope, caseId);
  if (!row || row.customerId !== customerId) throw notFound('Case');
  const booked = await bookCallback(actor, caseId, input);
  return {
    ...portalCallbackView({
      ...booked,
      windowStart: new Date(booked.windowStart),
      windowEnd: new Date(booked.windowEnd),
    }),
    caseId,
    phone: booked.phone,
  };
}
