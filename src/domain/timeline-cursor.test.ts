import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './timeline-cursor.ts';

describe('timeline cursor', () => {
  it('round-trips a position with microseconds', () => {
    const position = { occurredAt: '2026-11-25 10:15:30.123456+00', id: '0b7a3c2e-1d4f-4a8b-9c6d-5e4f3a2b1c0d' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('rejects a cursor that was tampered with', () => {
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
    expect(decodeCursor(Buffer.from('["yesterday","x"]').toString('base64url'))).toBeUndefined();
  });
});
