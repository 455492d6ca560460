/**
 * A timeline page ends at an item; the next page starts strictly after it in
 * (occurredAt, id) order. The timestamp stays in the database's own text form so that
 * microseconds survive the round trip.
 */
export interface TimelinePosition {
  occurredAt: string;
  id: string;
}

export function encodeCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): TimelinePosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [occurredAt, id] = parsed as unknown[];
    if (typeof occurredAt !== 'string' || typeof id !== 'string') return undefined;
    if (Number.isNaN(Date.parse(occurredAt)) || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    return { occurredAt, id };
  } catch {
    return undefined;
  }
}
