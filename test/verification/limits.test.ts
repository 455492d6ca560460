import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRuntime } from '../../src/services/channels/outbound/channel-runtime.ts';
import { deliverCode, type CodeMessage } from '../../src/services/verification/deliver-code.ts';
import { answerNoSoonerThan } from '../../src/services/verification/verification-rules.ts';
import { rowsOf } from '../../src/store/database.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { HELEN_SAYS, verificationOrganisation } from './verification-kit.ts';

process.env.HEARKEN_VERIFICATION_MIN_RESPONSE_MS = '5';

let t: TestApp;
let org: Awaited<ReturnType<typeof verificationOrganisation>>;
beforeAll(async () => {
  t = await startTestApp();
  org = await verificationOrganisation(t);
});
afterAll(async () => {
  await org.sink.close();
  await t.close();
});

const WRONG = { name: 'Mark Smith', postcode: 'LS1 1AA' };
const start = async (token = org.agent) => {
  const res = await org.api(token, 'POST', `/customers/${org.helenId}/verifications`, { channel: 'phone' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const claim = (id: string, claims: object, token = org.agent) =>
  org.api(token, 'POST', `/verifications/${id}/claims`, claims);

describe('verification limits', () => {
  it('locks the customer after the organisation’s N failures, refuses without comparing, and an admin unlocks', async () => {
    const settings = await org.api(org.admin, 'PATCH', '/organisation', { verificationLockAfter: 3 });
    expect(settings.json()).toMatchObject({ verificationLockAfter: 3, verificationFailuresPerHour: 20 });
    const first = await start();
    expect((await claim(first, WRONG)).json()).toMatchObject({ result: 'fail', attemptsLeft: 2 });
    expect((await claim(first, WRONG)).json()).toMatchObject({ result: 'fail', attemptsLeft: 1 });
    const third = await claim(first, HELEN_SAYS);
    expect(third.json()).toEqual({ result: 'partial', assurance: 'none', stepUpOffered: false, attemptsLeft: 0 });

    // Locked: even the right answers are not compared.
    const locked = await claim(await start(), { ...HELEN_SAYS, address: { line1: '10 Orchard Row' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'rate_limited', details: { reason: 'customer_locked' } });
    // The ended session's claimed address (kept for a task that can no longer open) is forgotten.
    const kept = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM verification_sessions WHERE id = ${first} AND pending_discrepancies IS NOT NULL`,
    );
    expect(rowsOf<{ n: number }>(kept)[0]!.n).toBe(0);
    const standing = await org.api(org.agent, 'GET', `/customers/${org.helenId}/verification`);
    expect(standing.json()).toMatchObject({ locked: true, failedAttempts: 3, lockAfter: 3, stepUpChannels: ['sms'] });

    // Only an administrator unlocks.
    expect(
      (await org.api(org.supervisor, 'POST', `/customers/${org.helenId}/verification/unlock`, {})).statusCode,
    ).toBe(403);
    const unlocked = await org.api(org.admin, 'POST', `/customers/${org.helenId}/verification/unlock`, {});
    expect(unlocked.json()).toMatchObject({ locked: false, failedAttempts: 0, wasLocked: true });
    const timeline = (await org.api(org.admin, 'GET', `/customers/${org.helenId}/timeline?limit=100`)).json();
    const kinds = timeline.items.map((i: { kind?: string }) => i.kind);
    expect(kinds).toContain('verification_locked');
    expect(kinds).toContain('verification_unlocked');
    await org.api(org.admin, 'PATCH', '/organisation', { verificationLockAfter: 5 });
  });

  it('limits one asker’s failures per hour with 429 and Retry-After, whichever customer they ask about', async () => {
    // The agent did not pass three times in the first test; the IVR, a token of its own, starts at none.
    await org.api(org.admin, 'PATCH', '/organisation', { verificationFailuresPerHour: 4 });
    const ivr = (await org.ok(org.admin, 'POST', '/tokens', { name: 'IVR', role: 'agent' })).token as string;
    for (let i = 0; i < 4; i++)
      expect((await claim(await start(ivr), WRONG, ivr)).json()).toMatchObject({ result: 'fail' });
    const limited = await claim(await start(ivr), HELEN_SAYS, ivr);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.details).toMatchObject({ reason: 'asker_rate_limited' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // Another agent is not held back by the IVR's failures.
    const other = await claim(await start(), HELEN_SAYS);
    expect(other.statusCode, other.body).toBe(200);
    await org.api(org.admin, 'PATCH', '/organisation', { verificationFailuresPerHour: 20 });
    await org.api(org.admin, 'POST', `/customers/${org.helenId}/verification/unlock`, {});
  });

  it('voids a code after three wrong tries, and refuses an expired one', async () => {
    const id = await start();
    await claim(id, HELEN_SAYS);
    expect((await org.api(org.agent, 'POST', `/verifications/${id}/step-up`, {})).statusCode).toBe(200);
    const right = org.lastCode();
    const wrong = right === '000000' ? '111111' : '000000';
    for (const left of [2, 1, 0]) {
      const res = await org.api(org.agent, 'POST', `/verifications/${id}/code`, { code: wrong });
      expect(res.json()).toEqual({ result: 'fail', assurance: 'none', triesLeft: left, correctionId: null });
    }
    const after = await org.api(org.agent, 'POST', `/verifications/${id}/code`, { code: right });
    expect(after.statusCode).toBe(409);

    await org.api(org.admin, 'POST', `/customers/${org.helenId}/verification/unlock`, {});
    const next = await start();
    await claim(next, HELEN_SAYS);
    await org.api(org.agent, 'POST', `/verifications/${next}/step-up`, {});
    await t.database.db.execute(
      sql`UPDATE verification_sessions SET code_expires_at = now() - interval '1 second' WHERE id = ${next}`,
    );
    const expired = await org.api(org.agent, 'POST', `/verifications/${next}/code`, { code: org.lastCode() });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.details).toEqual({ reason: 'code_expired' });
    expect((await org.api(org.agent, 'POST', `/verifications/${next}/code`, { code: '12345' })).statusCode).toBe(400);
  });

  it('answers 404 for another organisation’s session, customer or correction, and refuses analysts and customers', async () => {
    const id = await start();
    const other = await t.newTenant();
    for (const [method, url, payload] of [
      ['GET', `/verifications/${id}`, undefined],
      ['POST', `/verifications/${id}/claims`, HELEN_SAYS],
      ['POST', `/verifications/${id}/step-up`, {}],
      ['POST', `/verifications/${id}/code`, { code: '123456' }],
      ['POST', `/customers/${org.helenId}/verifications`, { channel: 'phone' }],
      ['GET', `/customers/${org.helenId}/verification`, undefined],
      ['GET', `/record-corrections/${id}`, undefined],
    ] as const) {
      const res = await org.api(other.token, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'not_found', message: expect.any(String) });
    }
    const analyst = await org.api(org.analyst, 'POST', `/customers/${org.helenId}/verifications`, { channel: 'phone' });
    expect(analyst.statusCode).toBe(403);
    expect((await org.api(org.analyst, 'GET', '/record-corrections')).statusCode).toBe(403);
    const customerToken = (await org.ok(org.admin, 'POST', '/tokens', { name: 'portal', role: 'customer' }))
      .token as string;
    expect((await claim(id, HELEN_SAYS, customerToken)).statusCode).toBe(403);
  });

  it('refuses claims a schema cannot read, with the documented error shape', async () => {
    const id = await start();
    for (const body of [
      { name: 'Helen Carter' },
      { name: 'x', pin: '12ab' },
      { dateOfBirth: '1986-13-40', name: 'x' },
    ]) {
      const res = await claim(id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
  });

  it('catches a code in the demo (no gateway, mail caught) and refuses with 409 where nothing can send it', async () => {
    const other = await t.newTenant();
    const scope = scopeTo(t.database.db, other.tenant.id);
    const message: CodeMessage = { channel: 'sms', to: '+447700900002', code: '424242', minutes: 5 };
    const caught: string[] = [];
    await deliverCode(scope, message, channelRuntime({ catchMail: true }), (m) => caught.push(m.code));
    await deliverCode(
      scope,
      { ...message, channel: 'email', to: 'a@example.org' },
      channelRuntime({ catchMail: true }),
      (m) => caught.push(m.code),
    );
    expect(caught).toEqual(['424242', '424242']);
    await expect(deliverCode(scope, message, channelRuntime(), () => undefined)).rejects.toMatchObject({
      status: 409,
      details: { reason: 'code_not_sent' },
    });
  });

  it('pads answers and refusals alike to the minimum time', async () => {
    const started = performance.now();
    await expect(
      answerNoSoonerThan(80, async () => {
        throw new Error('refused at once');
      }),
    ).rejects.toThrow('refused at once');
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    const again = performance.now();
    expect(await answerNoSoonerThan(80, async () => 'answer')).toBe('answer');
    expect(performance.now() - again).toBeGreaterThanOrEqual(75);
  });
});
