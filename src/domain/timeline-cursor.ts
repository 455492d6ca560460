/**
 * A timeline page ends at an item; the next page starts strictly after it in
 * (occurredAt, id) order. The timestamp stays in the database's own text form so that
 * microseconds survive the round trip.
 */
import { decodeCursorParts, encodeCursorParts, isUuid } from './page-cursor.ts';

export interface TimelinePosition {
  occurredAt: string;
  id: string;
}

export function encodeCursor(position: TimelinePosition): string {
  return encodeCursorParts([position.occurredAt, position.id]);
}

export function decodeCursor(cursor: string): TimelinePosition | undefined {
  const parts = decodeCursorParts(cursor, 2);
  if (!parts) return undefined;
  const [occurredAt, id] = parts;
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt)) || !isUuid(id)) return undefined;
  return { occurredAt, id };
}
