import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures on webhooks, both ways (channel providers posting to Hearken with a shared secret,
 * Hearken posting events to integrations). It lives in services, not src/domain, only because the
 * domain may not import node:crypto; it does no I/O.
 *
 *   X-Hearken-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=…]
 *
 * Several v1= values may be sent while a secret is rotated. Replay protection needs state: the
 * caller stores the returned `signature` (unique per timestamp and body) and refuses it twice
 * within the tolerance window.
 */

export const WEBHOOK_SIGNATURE_HEADER = 'X-Hearken-Signature';
export const DEFAULT_WEBHOOK_TOLERANCE_SEC = 300;
const MAX_HEADER_LENGTH = 4096;
const MAX_SIGNATURES = 8;

/** The scheme in words, for the OpenAPI document. */
export const WEBHOOK_SIGNATURE_SCHEME =
  `Every webhook request carries a \`${WEBHOOK_SIGNATURE_HEADER}\` header of the form ` +
  '`t=<timestamp>,v1=<signature>`: `t` is the time of sending in Unix seconds, `v1` the lower-case hex ' +
  'HMAC-SHA256 of the string `<t>.<raw request body>` keyed with the shared webhook secret. While a ' +
  'secret is being rotated the header carries one `v1=` value per secret; a request is genuine if any ' +
  `of them matches. Requests whose timestamp is more than ${DEFAULT_WEBHOOK_TOLERANCE_SEC} seconds away ` +
  "from the receiver's clock are refused, and a signature already seen is refused as a replay. Compute " +
  'the HMAC over the exact bytes received, before any JSON parsing, and compare in constant time.';

export type RawBody = string | Uint8Array;

const bodyBytes = (body: RawBody) =>
  typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);

function hmac(secret: string, timestampSec: number, rawBody: RawBody): Buffer {
  return createHmac('sha256', secret).update(`${timestampSec}.`, 'utf8').update(bodyBytes(rawBody)).digest();
}

/** The header value for a body sent at `timestampSec`, with one v1= per secret (to rotate, pass the new and the old). */
export function signWebhook(secret: string | readonly string[], rawBody: RawBody, timestampSec: number): string {
  const secrets = (typeof secret === 'string' ? [secret] : secret).filter((s) => s.length > 0);
  if (secrets.length === 0) throw new Error('signWebhook needs a non-empty secret');
  if (!Number.isSafeInteger(timestampSec) || timestampSec < 0)
    throw new Error('signWebhook needs a timestamp in whole Unix seconds');
  return [`t=${timestampSec}`, ...secrets.map((s) => `v1=${hmac(s, timestampSec, rawBody).toString('hex')}`)].join(',');
}

export type WebhookVerification =
  | { ok: true; timestamp: number; signature: string }
  | {
      ok: false;
      reason:
        | 'missing_header'
        | 'malformed_header'
        | 'timestamp_too_old'
        | 'timestamp_in_future'
        | 'no_matching_signature'
        | 'no_secrets';
      message: string;
    };

type Failure = Extract<WebhookVerification, { ok: false }>;
const fail = (reason: Failure['reason'], message: string): Failure => ({ ok: false, reason, message });

function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } | Failure {
  const malformed = (why: string) => fail('malformed_header', `${WEBHOOK_SIGNATURE_HEADER} is malformed: ${why}`);
  if (header.length > MAX_HEADER_LENGTH) return malformed('it is too long');
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return malformed(`"${part.trim().slice(0, 40)}" is not a key=value pair`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== null) return malformed('t= appears twice');
      if (/^\d{13,}$/.test(value)) return malformed('t= looks like milliseconds; send whole seconds');
      if (!/^\d{1,12}$/.test(value)) return malformed('t= must be a Unix time in whole seconds');
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return malformed('v1= must be 64 hex digits (HMAC-SHA256)');
      signatures.push(Buffer.from(value, 'hex'));
    } // other schemes (v0=, v2=) are ignored, so new ones can be added alongside
  }
  if (timestamp === null) return malformed('t= is missing');
  if (signatures.length === 0) return malformed('no v1= signature');
  if (signatures.length > MAX_SIGNATURES) return malformed(`more than ${MAX_SIGNATURES} v1= signatures`);
  return { timestamp, signatures };
}

/**
 * Checks a webhook's signature header against the raw body and the current secrets. On success
 * returns the signed timestamp and the matching signature (lower-case hex), the replay key.
 */
export function verifyWebhookSignature(input: {
  header: string | readonly string[] | null | undefined;
  rawBody: RawBody;
  secrets: readonly string[];
  nowSec: number;
  toleranceSec?: number;
}): WebhookVerification {
  const { rawBody, nowSec, toleranceSec = DEFAULT_WEBHOOK_TOLERANCE_SEC } = input;
  const header = typeof input.header === 'string' ? input.header : input.header?.join(',');
  if (!header || !header.trim()) return fail('missing_header', `the ${WEBHOOK_SIGNATURE_HEADER} header is missing`);
  const parsed = parseHeader(header);
  if ('ok' in parsed) return parsed;

  const age = Math.floor(nowSec) - parsed.timestamp;
  if (age > toleranceSec)
    return fail(
      'timestamp_too_old',
      `the signature is ${age} s old; at most ${toleranceSec} s is accepted (check the sender's clock, or a replay)`,
    );
  if (-age > toleranceSec)
    return fail(
      'timestamp_in_future',
      `the signature is dated ${-age} s in the future; at most ${toleranceSec} s of clock difference is accepted`,
    );

  const secrets = input.secrets.filter((s) => s.length > 0);
  if (secrets.length === 0)
    return fail('no_secrets', 'no webhook secret is configured, so no signature can be checked');
  // Every candidate is compared against every secret, so the time taken does not tell which matched.
  let matched: Buffer | null = null;
  for (const secret of secrets) {
    const expected = hmac(secret, parsed.timestamp, rawBody);
    for (const candidate of parsed.signatures) {
      if (timingSafeEqual(expected, candidate) && matched === null) matched = candidate;
    }
  }
  if (matched === null)
    return fail('no_matching_signature', 'no v1= signature matches the body with any current secret');
  return { ok: true, timestamp: parsed.timestamp, signature: matched.toString('hex') };
}
