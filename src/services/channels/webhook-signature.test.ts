import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_SCHEME,
  WEBHOOK_SIGNATURE_HEADER,
} from './webhook-signature.ts';

const body = '{"event":"case.created","caseId":"C-42"}';
const t = 1_700_000_000;
// Computed independently: printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac whsec_5f2b9c
const NEW = '9c04b2df2cccefa697c22b32498c444384dd33ab4896d4cd2eac94309c2a2995';
const OLD = 'fb7d9e35f7df3d78205650b03aa95efe434ac6db8d90d6e0cfab572c25adf661';
const verify = (
  header: string | string[] | undefined,
  over: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {},
) => verifyWebhookSignature({ header, rawBody: body, secrets: ['whsec_5f2b9c'], nowSec: t + 5, ...over });

describe('signing webhooks', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256, as openssl computes it', () => {
    expect(signWebhook('whsec_5f2b9c', body, t)).toBe(`t=${t},v1=${NEW}`);
    expect(signWebhook('whsec_5f2b9c', Buffer.from(body), t)).toBe(`t=${t},v1=${NEW}`);
  });

  it('signs with each secret while one is being rotated', () => {
    expect(signWebhook(['whsec_5f2b9c', 'whsec_old'], body, t)).toBe(`t=${t},v1=${NEW},v1=${OLD}`);
  });

  it('refuses to sign without a secret or with a timestamp that is not whole seconds', () => {
    expect(() => signWebhook('', body, t)).toThrow();
    expect(() => signWebhook([], body, t)).toThrow();
    expect(() => signWebhook('s', body, 1.5)).toThrow();
  });

  it('names its header and describes the scheme for the API document', () => {
    expect(WEBHOOK_SIGNATURE_HEADER).toBe('X-Hearken-Signature');
    expect(WEBHOOK_SIGNATURE_SCHEME).toContain('HMAC-SHA256');
    expect(WEBHOOK_SIGNATURE_SCHEME).toContain('300 seconds');
  });
});

describe('verifying webhook signatures', () => {
  it('accepts a genuine request and returns its signature as the replay key', () => {
    expect(verify(`t=${t},v1=${NEW}`)).toEqual({ ok: true, timestamp: t, signature: NEW });
    expect(verify(`t=${t}, v1=${NEW.toUpperCase()}`)).toEqual({ ok: true, timestamp: t, signature: NEW });
  });

  it('accepts the raw bytes as they came, and refuses the body once re-serialised', () => {
    expect(verify(`t=${t},v1=${NEW}`, { rawBody: new TextEncoder().encode(body) }).ok).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(verify(`t=${t},v1=${NEW}`, { rawBody: reserialised })).toMatchObject({
      ok: false,
      reason: 'no_matching_signature',
    });
  });

  it('accepts a request signed with the old secret while both are configured, whichever v1 matches', () => {
    expect(verify(`t=${t},v1=${OLD}`, { secrets: ['whsec_5f2b9c', 'whsec_old'] })).toEqual({
      ok: true,
      timestamp: t,
      signature: OLD,
    });
    expect(verify(`t=${t},v1=${'0'.repeat(64)},v1=${NEW}`)).toEqual({ ok: true, timestamp: t, signature: NEW });
    expect(verify(`t=${t},v1=${OLD}`)).toMatchObject({ ok: false, reason: 'no_matching_signature' });
  });

  it('ignores signature schemes it does not know, and tolerates a trailing comma', () => {
    expect(verify(`t=${t},v0=abc,v2=def,v1=${NEW},`).ok).toBe(true);
  });

  it('reads a header sent twice', () => {
    expect(verify([`t=${t}`, `v1=${NEW}`]).ok).toBe(true);
  });

  it.each([
    [undefined, 'missing_header'],
    ['', 'missing_header'],
    ['   ', 'missing_header'],
    [`v1=${NEW}`, 'malformed_header'],
    [`t=${t}`, 'malformed_header'],
    [`t=${t},v1=abc`, 'malformed_header'],
    [`t=${t}000,v1=${NEW}`, 'malformed_header'],
    [`t=-5,v1=${NEW}`, 'malformed_header'],
    [`t=${t},t=${t},v1=${NEW}`, 'malformed_header'],
    [`sha256=${NEW}`, 'malformed_header'],
    [NEW, 'malformed_header'],
    [`t=${t},${Array.from({ length: 9 }, () => `v1=${NEW}`).join(',')}`, 'malformed_header'],
    [`t=${t},v1=${NEW}${','.repeat(5000)}`, 'malformed_header'],
  ])('refuses %j: %s', (header, reason) => {
    expect(verify(header)).toMatchObject({ ok: false, reason });
  });

  it('explains a timestamp sent in milliseconds', () => {
    expect(verify(`t=${t}000,v1=${NEW}`)).toMatchObject({
      message: 'X-Hearken-Signature is malformed: t= looks like milliseconds; send whole seconds',
    });
  });

  it('refuses requests outside the tolerance window, either way', () => {
    expect(verify(`t=${t},v1=${NEW}`, { nowSec: t + 300 }).ok).toBe(true);
    expect(verify(`t=${t},v1=${NEW}`, { nowSec: t + 301 })).toMatchObject({ ok: false, reason: 'timestamp_too_old' });
    expect(verify(`t=${t},v1=${NEW}`, { nowSec: t - 301 })).toMatchObject({ ok: false, reason: 'timestamp_in_future' });
    expect(verify(`t=${t},v1=${NEW}`, { nowSec: t + 3600, toleranceSec: 7200 }).ok).toBe(true);
  });

  it('says when no secret is configured rather than failing every request silently', () => {
    expect(verify(`t=${t},v1=${NEW}`, { secrets: [] })).toMatchObject({ ok: false, reason: 'no_secrets' });
    expect(verify(`t=${t},v1=${NEW}`, { secrets: [''] })).toMatchObject({ ok: false, reason: 'no_secrets' });
  });

  it('verifies whatever it signed, and nothing signed with another secret or at another time', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.uint8Array(),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (secret, other, bytes, at) => {
          const header = signWebhook(secret, bytes, at);
          expect(verifyWebhookSignature({ header, rawBody: bytes, secrets: [secret], nowSec: at }).ok).toBe(true);
          if (other !== secret)
            expect(verifyWebhookSignature({ header, rawBody: bytes, secrets: [other], nowSec: at }).ok).toBe(false);
          const moved = header.replace(`t=${at}`, `t=${at + 1}`);
          expect(verifyWebhookSignature({ header: moved, rawBody: bytes, secrets: [secret], nowSec: at }).ok).toBe(
            false,
          );
        },
      ),
    );
  });
});
