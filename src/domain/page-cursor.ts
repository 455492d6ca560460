/**
 * A page cursor is the position of a page's last row, as a JSON array in base64url: opaque to
 * clients, and read back only into the exact shape the list gave out.
 */
export function encodeCursorParts(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The cursor's parts when it is an array of exactly `length` items; undefined for anything else. */
export function decodeCursorParts(cursor: string, length: number): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) && parsed.length === length ? (parsed as unknown[]) : undefined;
  } catch {
    return undefined;
  }
}

export const isUuid = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value);
