import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { notificationChannel } from '../../domain/problems/resolution.ts';
import { findContactsByExternalIds, insertContacts, linkContactsToCase } from '../../store/repositories/contacts.ts';
import { findCase } from '../../store/repositories/cases.ts';
import { listIdentities } from '../../store/repositories/customers.ts';
import { findCaseLinks, findProblem } from '../../store/repositories/problems.ts';
import { contacts } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { openCaseForChange, recordCaseEvents, systemActor } from '../cases/case-change.ts';
import type { ChannelRuntime } from '../channels/outbound/channel-runtime.ts';
import { sendNotice } from '../channels/outbound/send-notice.ts';
import { problemReference } from './problem-view.ts';

export const PROBLEM_NOTIFY_JOB = 'problem.notify-customer';
export const problemNotifyKey = (problemId: string, customerId: string) => `problem-notify:${problemId}:${customerId}`;
/** The notice's external id: one per problem and case, so recording it again is a no-op. */
export const problemNoticeExternalId = (problemId: string, caseId: string) => `problem:${problemId}:case:${caseId}`;

export interface ProblemNotice {
  problemId: string;
  customerId: string;
  caseId: string;
}

/**
 * Job: tells one customer that the problem behind their case is resolved, on the channel they
 * last wrote from. The notice is recorded as an outbound contact on their timeline, on the
 * case (or the case it has since been merged into).
 *
 * It is then sent on that channel like a reply (email threads onto their last mail; SMS goes to
 * their number); where the channel cannot carry it, the portal and the case still show it.
 */
export async function notifyCustomerOfResolution(
  scope: TenantScope,
  notice: ProblemNotice,
  now: Date,
  runtime: ChannelRuntime,
): Promise<void> {
  const problem = await findProblem(scope, notice.problemId);
  if (!problem || problem.status !== 'resolved') return;
  const externalId = problemNoticeExternalId(notice.problemId, notice.caseId);
  if ((await findContactsByExternalIds(scope, [externalId])).length > 0) return;

  const caseId = await survivingCaseOf(scope, notice.caseId);
  const kase = await findCase(scope, caseId);
  // The case's customer now: the one in the job may have been merged into another since.
  const customerId = kase?.customerId ?? notice.customerId;
  const [lastInbound] = await scope.db
    .select({ channel: contacts.channel })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, scope.tenantId),
        eq(contacts.customerId, customerId),
        eq(contacts.direction, 'inbound'),
      ),
    )
    .orderBy(desc(contacts.occurredAt), desc(contacts.id))
    .limit(1);
  const identities = await listIdentities(scope, customerId);
  const channel = notificationChannel(lastInbound?.channel ?? null, {
    email: identities.some((i) => i.kind === 'email'),
    phone: identities.some((i) => i.kind === 'phone'),
  });
  const id = randomUUID();
  const inserted = await insertContacts(scope, [
    {
      id,
      customerId,
      channel,
      direction: 'outbound',
      occurredAt: now,
      subject: `Resolved: ${problem.title}${kase ? ` (your case C-${kase.number})` : ''}`,
      body: problem.resolution!,
      externalId,
    },
  ]);
  if (!inserted.has(id)) return;
  await linkContactsToCase(scope, [id], caseId);
  const change = await openCaseForChange(scope, systemActor(scope), caseId, now);
  const sent = await sendNotice(
    scope,
    { kase: change.row, contactId: id, channel, text: problem.resolution!, now },
    runtime,
  );
  await recordCaseEvents(change, [
    {
      kind: 'customer_notified',
      data: {
        problemId: problem.id,
        problem: problemReference(problem),
        contactId: id,
        channel,
        sent,
        reason: 'problem resolved',
      },
    },
  ]);
}

/** Follows merges: a notice for a merged case goes to the case that survived it. */
async function survivingCaseOf(scope: TenantScope, caseId: string): Promise<string> {
  let current = caseId;
  for (let hops = 0; hops < 50; hops++) {
    const [link] = await findCaseLinks(scope, [current]);
    if (!link?.mergedIntoId) return current;
    current = link.mergedIntoId;
  }
  return current;
}
