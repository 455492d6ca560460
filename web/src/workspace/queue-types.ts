import type { QueueKey, Success } from '../api/types';

export type { CustomerIdentity, QueueDue, QueueItem, QueueKey, QueuePage, QueueSummary } from '../api/types';
export type QueuesResponse = Success<'/api/v1/workspace/queues'>;

/** Every queue, in the order the workspace lists them. */
export const QUEUE_KEYS: readonly QueueKey[] = [
  'mine',
  'team',
  'unassigned',
  'transfers',
  'escalated',
  'callbacks',
  'sla-at-risk',
];

export function isQueueKey(value: string | null): value is QueueKey {
  return value !== null && (QUEUE_KEYS as readonly string[]).includes(value);
}
