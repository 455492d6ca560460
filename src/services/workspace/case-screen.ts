import type { Actor } from '../actor.ts';
import { contactReader } from '../analysis/analyst-copy.ts';
import { caseEffort } from '../cases/case-effort.ts';
import { findCases, getCase } from '../cases/find-cases.ts';
import { customerDetail } from '../customers/customer-detail.ts';
import { customerTimeline } from '../customers/customer-timeline.ts';
import { getCaseSla } from '../sla/case-sla.ts';
import { listOutboundOfCase } from '../../store/repositories/outbound-messages.ts';

/**
 * Everything the agent's case screen shows on opening, in one answer: the case, its customer with
 * their other open cases and the newest page of their timeline, the SLA clocks, the effort ledger
 * and the replies sent. Asked for separately these were eleven requests queueing on one store.
 */
export async function caseScreen(actor: Actor, caseId: string, options: { timelineLimit: number }) {
  const detail = await getCase(actor.scope, caseId);
  const [customer, timeline, openCases, sla, effort, outbound] = await Promise.all([
    customerDetail(actor, detail.customerId),
    customerTimeline(actor.scope, detail.customerId, {
      limit: options.timelineLimit,
      reader: contactReader(actor.role),
    }),
    findCases(actor.scope, { customerId: detail.customerId, status: ['new', 'open', 'pending'], limit: 50 }),
    getCaseSla(actor.scope, caseId),
    caseEffort(actor, caseId),
    listOutboundOfCase(actor.scope, caseId),
  ]);
  return { case: detail, customer, timeline, openCases: openCases.items, sla, effort, outbound };
}
