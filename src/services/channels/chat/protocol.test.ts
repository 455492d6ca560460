import { describe, expect, it } from 'vitest';
import { FrameRateLimit, MAX_FRAME_BYTES, parseVisitorFrame } from './protocol.ts';

const parse = (value: unknown) => parseVisitorFrame(typeof value === 'string' ? value : JSON.stringify(value), false);
const code = (value: unknown) => {
  const parsed = parse(value);
  return parsed.ok ? 'ok' : parsed.error.code;
};

describe('chat frames', () => {
  it('reads the four frame types', () => {
    expect(parse({ type: 'hello', customer: { name: ' Mia ', email: 'mia@example.com' } })).toEqual({
      ok: true,
      frame: { type: 'hello', token: null, customer: { name: 'Mia', email: 'mia@example.com', phone: null } },
    });
    expect(parse({ type: 'message', clientId: 'a-1', text: '  hi \u0000 ' })).toEqual({
      ok: true,
      frame: { type: 'message', clientId: 'a-1', text: 'hi' },
    });
    expect(code({ type: 'end' })).toBe('ok');
    expect(code({ type: 'ping' })).toBe('ok');
  });

  it('turns anything else into an error, never an exception', () => {
    expect(code('{')).toBe('malformed_frame');
    expect(code('null')).toBe('malformed_frame');
    expect(code('"hello"')).toBe('malformed_frame');
    expect(code({ type: { nested: true } })).toBe('unknown_type');
    expect(code({ type: 'hello', customer: 'me' })).toBe('invalid_field');
    expect(code({ type: 'hello', customer: { name: 'Mia' } })).toBe('customer_required');
    expect(code({ type: 'hello', customer: { email: 'x'.repeat(400) } })).toBe('invalid_field');
    expect(code({ type: 'hello', token: 'hk_not-a-visitor-token' })).toBe('unknown_session');
    expect(code({ type: 'message', clientId: '', text: 'hi' })).toBe('invalid_field');
    expect(code({ type: 'message', clientId: 'a', text: 42 })).toBe('invalid_field');
    expect(code({ type: 'message', clientId: 'a', text: 'x'.repeat(8001) })).toBe('text_too_long');
    expect(code('x'.repeat(MAX_FRAME_BYTES + 1))).toBe('frame_too_large');
    const binary = parseVisitorFrame(Buffer.from('{"type":"ping"}'), true);
    expect(binary.ok).toBe(false);
  });

  it('refuses frames over the rate and closes a flood', () => {
    const limit = new FrameRateLimit(3, 6);
    expect([0, 1, 2, 3, 4, 5].map((i) => limit.check(1000 + i))).toEqual([
      'ok',
      'ok',
      'ok',
      'refuse',
      'refuse',
      'close',
    ]);
    expect(limit.check(2001)).toBe('ok');
  });
});
