import type { QueuePosition } from '../../store/repositories/workspace-queues.ts';

/**
 * A queue page ends at a case; the next page starts strictly after it in the queue's order.
 * Timestamps stay in the database's own text form so that microseconds survive the round trip.
 */
export function encodeQueueCursor(position: QueuePosition): string {
  return Buffer.from(JSON.stringify([position.dueAt, position.updatedAt, position.id]), 'utf8').toString('base64url');
}

/** Only the shape PostgreSQL writes a timestamptz in: anything else could not be cast back. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/;
const isTimestamp = (value: unknown): value is string => typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));

export function decodeQueueCursor(cursor: string): QueuePosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [dueAt, updatedAt, id] = parsed as unknown[];
    if (dueAt !== null && !isTimestamp(dueAt)) return undefined;
    if (!isTimestamp(updatedAt) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    return { dueAt, updatedAt, id };
  } catch {
    return undefined;
  }
}
