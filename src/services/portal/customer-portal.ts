import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../errors.ts';
import { listCallbacks } from '../../store/repositories/callbacks.ts';
import { findCase, listCases } from '../../store/repositories/cases.ts';
import { listCaseConversation } from '../../store/repositories/contacts.ts';
import type { CaseRow } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { intakeMessage, type IntakeOutcome } from '../channels/intake.ts';
import type { LiveFeed } from '../channels/live-feed.ts';
import { portalCallbackView } from './portal-callbacks.ts';
import { portalCustomer } from './portal-customer.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

/*
 * The portal: a signed-in customer sees their own cases and writes to us. Everything is
 * scoped to the customer their login belongs to; another customer's case does not exist here.
 */
const portalCaseView = (row: CaseRow) => ({
  id: row.id,
  reference: formatCaseReference(row.number),
  subject: row.subject,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function listPortalCases(actor: Actor) {
  const { customerId } = await portalCustomer(actor);
  const rows = await listCases(actor.scope, { customerId, limit: 100 });
  return rows.filter((r) => r.mergedIntoId === null).map(portalCaseView);
}

export async function portalCase(actor: Actor, caseId: string) {
  const { customerId } = await portalCustomer(actor);
  const row = await findCase(actor.scope, caseId);
  if (!row || row.customerId !== customerId) throw notFound('Case');
  const [conversation, callbacks] = [
    await listCaseConversation(actor.scope, caseId),
    await listCallbacks(actor.scope, { caseId }),
  ];
  return {
    ...portalCaseView(row),
    callbacks: callbacks.map(({ callback }) => portalCallbackView(callback)),
    messages: conversation
      .filter((c) => c.automated === null)
      .map((c) => ({
        id: c.id,
        from: c.direction === 'inbound' ? ('you' as const) : ('us' as const),
        channel: c.channel,
        subject: c.subject,
        text: c.body,
        at: c.occurredAt.toISOString(),
      })),
  };
}

export interface PortalMessage {
  text: string;
  subject?: string | undefined;
  caseId?: string | undefined;
  /** The form's own id for this submission: pressing send twice sends once. */
  clientId?: string | undefined;
}

export async function sendPortalMessage(actor: Actor, message: PortalMessage, feed: LiveFeed): Promise<IntakeOutcome> {
  const customer = await portalCustomer(actor);
  if (message.caseId) {
    const row = await findCase(actor.scope, message.caseId);
    if (!row || row.customerId !== customer.customerId) throw notFound('Case');
    if (row.status === 'closed')
      throw new AppError('conflict', `${formatCaseReference(row.number)} is closed; write a new message instead`, {
        reason: 'case_closed',
      });
  }
  return intakeMessage(
    actor.scope,
    {
      channel: 'portal',
      externalId: `portal:${actor.userId}:${message.clientId ?? randomUUID()}`,
      customer: { email: customer.email, name: customer.name },
      knownCustomerId: customer.customerId,
      identityProven: true,
      subject: message.subject,
      text: message.text,
      caseId: message.caseId,
    },
    { feed },
  );
}
