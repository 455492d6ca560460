import { identitiesOf } from '../../../domain/identity.ts';

/**
 * The web chat's wire protocol, checked without I/O: JSON text frames with a `type`. What
 * each frame means is documented in src/http/routes/chat.ts and docs/chat-widget.md.
 */

/** Largest frame read at all; a bigger one is answered with an error and dropped. */
export const MAX_FRAME_BYTES = 48 * 1024;
/** Longest message a visitor or an agent may send in one go. */
export const MAX_TEXT_CHARS = 8000;
/** Messages one chat session may hold (visitor, agents and notices together). */
export const MAX_SESSION_MESSAGES = 2000;

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const TOKEN = /^hkv_[A-Za-z0-9_-]{20,100}$/;

export type ChatErrorCode =
  | 'malformed_frame'
  | 'frame_too_large'
  | 'unknown_type'
  | 'invalid_field'
  | 'text_too_long'
  | 'rate_limited'
  | 'hello_first'
  | 'already_started'
  | 'customer_required'
  | 'unknown_session'
  | 'session_ended'
  | 'session_full'
  | 'unknown_organisation'
  | 'internal';

export interface ChatError {
  code: ChatErrorCode | string;
  message: string;
  clientId?: string;
}

/** Who the visitor says they are: a name and an email or a phone number to recognise them by. */
export interface VisitorDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export type VisitorFrame =
  | { type: 'hello'; token: string | null; customer: VisitorDetails | null }
  | { type: 'message'; clientId: string; text: string }
  | { type: 'end' }
  | { type: 'ping' };

/** One message of a conversation as both sides see it. */
export interface ChatMessageView {
  seq: number;
  from: 'customer' | 'agent' | 'system';
  name: string | null;
  text: string;
  at: string;
  /** The visitor's own id for a message they sent, so a reconnecting widget knows it arrived. */
  clientId?: string;
}

export type ServerFrame =
  | { type: 'welcome'; token: string; sessionId: string; resumed: boolean; history: ChatMessageView[] }
  | { type: 'ack'; clientId: string; seq: number; duplicate: boolean }
  | ({ type: 'message' } & ChatMessageView)
  | ({ type: 'error' } & ChatError)
  | { type: 'ended'; reason: string }
  | { type: 'pong' };

export type Parsed = { ok: true; frame: VisitorFrame } | { ok: false; error: ChatError };

const refuse = (code: ChatErrorCode, message: string, clientId?: string): Parsed => ({
  ok: false,
  error: clientId === undefined ? { code, message } : { code, message, clientId },
});

/** Reads one frame from a visitor; anything unexpected becomes an error to send back, never an exception. */
export function parseVisitorFrame(data: Buffer | string, isBinary: boolean): Parsed {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size > MAX_FRAME_BYTES) return refuse('frame_too_large', `A frame may hold at most ${MAX_FRAME_BYTES} bytes`);
  if (isBinary) return refuse('malformed_frame', 'Send text frames holding JSON');
  let value: unknown;
  try {
    value = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    return refuse('malformed_frame', 'The frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse('malformed_frame', 'A frame is a JSON object with a "type"');
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'hello':
      return parseHello(frame);
    case 'message':
      return parseMessage(frame);
    case 'end':
      return { ok: true, frame: { type: 'end' } };
    case 'ping':
      return { ok: true, frame: { type: 'ping' } };
    default:
      return refuse(
        'unknown_type',
        `Unknown frame type ${JSON.stringify(String(frame.type ?? '')).slice(0, 60)}: use hello, message, end or ping`,
      );
  }
}

function parseHello(frame: Record<string, unknown>): Parsed {
  let token: string | null = null;
  if (frame.token !== undefined && frame.token !== null) {
    if (typeof frame.token !== 'string' || !TOKEN.test(frame.token))
      return refuse('unknown_session', 'This conversation cannot be found; start a new one');
    token = frame.token;
  }
  let customer: VisitorDetails | null = null;
  if (frame.customer !== undefined && frame.customer !== null) {
    const c = frame.customer as Record<string, unknown>;
    if (typeof c !== 'object' || Array.isArray(c))
      return refuse('invalid_field', 'customer must be an object {name, email | phone}');
    const field = (key: string, max: number): string | null | undefined => {
      const v = c[key];
      if (v === undefined || v === null) return null;
      if (typeof v !== 'string' || v.length > max) return undefined;
      const trimmed = v.replaceAll('\u0000', '').trim();
      return trimmed === '' ? null : trimmed;
    };
    const [name, email, phone] = [field('name', 200), field('email', 320), field('phone', 40)];
    if (name === undefined || email === undefined || phone === undefined)
      return refuse('invalid_field', 'customer.name, email and phone must be short strings');
    const { identities, problems } = identitiesOf({ email: email ?? undefined, phone: phone ?? undefined });
    if (problems.length > 0) return refuse('invalid_field', problems.join('; '));
    if (identities.length === 0)
      return refuse('customer_required', 'Give an email address or a phone number so we can reach you');
    customer = { name, email, phone };
  }
  if (token === null && customer === null)
    return refuse('customer_required', 'Start with your name and an email address or phone number');
  return { ok: true, frame: { type: 'hello', token, customer } };
}

function parseMessage(frame: Record<string, unknown>): Parsed {
  const clientId = typeof frame.clientId === 'string' && CLIENT_ID.test(frame.clientId) ? frame.clientId : undefined;
  if (clientId === undefined) return refuse('invalid_field', 'clientId must be 1-64 letters, digits or ._:-');
  if (typeof frame.text !== 'string') return refuse('invalid_field', 'text must be a string', clientId);
  const text = frame.text.replaceAll('\u0000', '').trim();
  if (text === '') return refuse('invalid_field', 'The message is empty', clientId);
  if (text.length > MAX_TEXT_CHARS)
    return refuse('text_too_long', `A message may hold at most ${MAX_TEXT_CHARS} characters`, clientId);
  return { ok: true, frame: { type: 'message', clientId, text } };
}

/**
 * Frames per second one connection may send: above `perSecond` a frame is refused with an
 * error; at `closeAt` within the same second the connection is closed (WebSocket code 1008).
 */
export class FrameRateLimit {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly perSecond = 10,
    private readonly closeAt = 40,
  ) {}

  check(nowMs: number): 'ok' | 'refuse' | 'close' {
    if (nowMs - this.windowStart >= 1000) {
      this.windowStart = nowMs;
      this.count = 0;
    }
    this.count++;
    if (this.count >= this.closeAt) return 'close';
    return this.count > this.perSecond ? 'refuse' : 'ok';
  }
}
