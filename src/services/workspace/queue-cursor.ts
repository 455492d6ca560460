import { decodeCursorParts, encodeCursorParts, isUuid } from '../../domain/page-cursor.ts';
import type { QueuePosition } from '../../store/repositories/workspace-queues.ts';

/**
 * A queue page ends at a case; the next page starts strictly after it in the queue's order.
 * Timestamps stay in the database's own text form so that microseconds survive the round trip.
 */
export function encodeQueueCursor(position: QueuePosition): string {
  return encodeCursorParts([position.dueAt, position.updatedAt, position.id]);
}

/** Only the shape PostgreSQL writes a timestamptz in: anything else could not be cast back. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/;
const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));

export function decodeQueueCursor(cursor: string): QueuePosition | undefined {
  const parts = decodeCursorParts(cursor, 3);
  if (!parts) return undefined;
  const [dueAt, updatedAt, id] = parts;
  if (dueAt !== null && !isTimestamp(dueAt)) return undefined;
  if (!isTimestamp(updatedAt) || !isUuid(id)) return undefined;
  return { dueAt, updatedAt, id };
}
