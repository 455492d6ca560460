import { AppError, invalid } from '../../errors.ts';
import { findUser } from '../../store/repositories/people.ts';
import {
  countQueues,
  listQueue,
  QUEUE_KEYS,
  type QueueKey,
  type QueueViewer,
} from '../../store/repositories/workspace-queues.ts';
import type { Actor } from '../actor.ts';
import { loadSlaRules } from '../sla/sla-rules.ts';
import { decodeQueueCursor, encodeQueueCursor } from './queue-cursor.ts';
import { queueDue } from './queue-due.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

/** What the workspace shows in its queue list, in this order. */
const QUEUE_LABELS: Record<QueueKey, string> = {
  mine: 'Mine',
  team: 'My team',
  unassigned: 'Unassigned',
  transfers: 'Transfers to me',
  escalated: 'Escalated to me',
  callbacks: 'Callbacks due',
  'sla-at-risk': 'SLA at risk',
};

export const isQueueKey = (key: string): key is QueueKey => (QUEUE_KEYS as readonly string[]).includes(key);

/** The actor as a queue viewer: their user and team; an API token without a user sees the organisation. */
async function viewerOf(actor: Actor): Promise<QueueViewer> {
  if (!actor.userId) return { userId: null, teamId: null };
  const user = await findUser(actor.scope, actor.userId);
  return { userId: actor.userId, teamId: user?.teamId ?? null };
}

/** Every queue with how many cases wait in it. */
export async function queueSummaries(actor: Actor, now = new Date()) {
  const counts = await countQueues(actor.scope, await viewerOf(actor), now);
  return { queues: QUEUE_KEYS.map((key) => ({ key, label: QUEUE_LABELS[key], count: counts[key] })) };
}

/**
 * Where the organisation's clock shows callback windows: the time zone of its business
 * calendar for normal cases (UTC when it has none).
 */
async function organisationTimeZone(actor: Actor): Promise<string> {
  return (await loadSlaRules(actor.scope, 'normal')).calendar.timezone;
}

/** One page of a queue, most urgent first. */
export async function queuePage(
  actor: Actor,
  key: string,
  options: { limit: number; cursor?: string | undefined },
  now = new Date(),
) {
  if (!isQueueKey(key))
    throw new AppError('not_found', `There is no queue "${key}"; the queues are ${QUEUE_KEYS.join(', ')}`);
  const after = options.cursor === undefined || options.cursor === '' ? undefined : decodeQueueCursor(options.cursor);
  if (options.cursor && !after) throw invalid('cursor is not one this server gave out', { field: 'cursor' });
  // One more than asked for tells whether there is a next page.
  const rows = await listQueue(actor.scope, key, await viewerOf(actor), { limit: options.limit + 1, after }, now);
  const page = rows.slice(0, options.limit);
  const timeZone = key === 'callbacks' && page.length > 0 ? await organisationTimeZone(actor) : 'UTC';
  return {
    items: page.map((row) => ({
      caseId: row.caseId,
      reference: formatCaseReference(row.number),
      subject: row.subject,
      status: row.status,
      priority: row.priority,
      customerId: row.customerId,
      customerName: row.customerName,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      teamId: row.teamId,
      teamName: row.teamName,
      escalationLevel: row.escalationLevel,
      updatedAt: row.updatedAt.toISOString(),
      lastChannel: row.lastChannel,
      due: queueDue(key, row, now, timeZone),
      note: row.note,
    })),
    nextCursor: rows.length > options.limit ? encodeQueueCursor(page[page.length - 1]!.position) : null,
  };
}
