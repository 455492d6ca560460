import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { HELEN_SAYS, verificationOrganisation } from './verification-kit.ts';

// Short padding in tests; that it exists is checked below.
process.env.HEARKEN_VERIFICATION_MIN_RESPONSE_MS = '60';

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

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

/**
 * Nothing the record holds, nor which field differed, in the body or the headers. The date and
 * the length of the body are left out of the headers (a clock says 10:…), ids and times out of the
 * body.
 */
function expectNothingLeaked(res: LightMyRequestResponse) {
  const body = res.body.replace(UUID, '<id>').replace(TIMESTAMP, '<time>');
  const headers = Object.entries(res.headers)
    .filter(([name]) => name !== 'date' && name !== 'content-length')
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('\n');
  for (const text of [body, headers]) {
    expect(text).not.toContain('10');
    for (const secret of ['Orchard', 'orchard', 'Harrogate', 'HG1', '1986', '2468', '32.99', '900001'])
      expect(text).not.toContain(secret);
    for (const field of ['address', 'line1', 'house', 'street', 'postcode', 'dateOfBirth', 'differ'])
      expect(text.toLowerCase()).not.toContain(field.toLowerCase());
  }
}

describe('seed 000: the record says 10 Orchard Row, she lives at 30', () => {
  it('answers partial, leaks nothing, passes with a code to her registered phone, and the record is corrected with its history', async () => {
    // Tom, the agent, opens a session from the case view (the customer's id is known).
    const started = await org.api(org.agent, 'POST', `/customers/${org.helenId}/verifications`, {
      channel: 'phone',
      from: 'inbound call to the main line',
    });
    expect(started.statusCode, started.body).toBe(201);
    const session = started.json();
    expect(session).toMatchObject({ status: 'open', result: null, assurance: 'none', attemptsLeft: 3 });

    // 30 Orchard Row against the stored 10: partial, a code offered, nothing else.
    const before = performance.now();
    const claims = await org.api(org.agent, 'POST', `/verifications/${session.id}/claims`, HELEN_SAYS);
    expect(performance.now() - before).toBeGreaterThanOrEqual(55);
    expect(claims.statusCode, claims.body).toBe(200);
    expect(claims.json()).toEqual({ result: 'partial', assurance: 'none', stepUpOffered: true, attemptsLeft: 2 });
    expectNothingLeaked(claims);

    // Before the code, the correction task does not exist and the session shows no values.
    const view = await org.api(org.agent, 'GET', `/verifications/${session.id}`);
    expect(view.json()).toMatchObject({ result: 'partial', stepUp: { offered: true, codeSent: false } });
    expectNothingLeaked(view);
    expect((await org.api(org.agent, 'GET', '/record-corrections')).json().items).toEqual([]);

    // A code by SMS to the registered, verified mobile; the answer does not repeat its digits.
    const stepUp = await org.api(org.agent, 'POST', `/verifications/${session.id}/step-up`, {});
    expect(stepUp.statusCode, stepUp.body).toBe(200);
    expect(stepUp.json()).toEqual({
      channel: 'sms',
      sentTo: 'the mobile number registered on the account',
      expiresInSeconds: 300,
      triesLeft: 3,
      codesLeft: 1,
    });
    expectNothingLeaked(stepUp);
    const sent = JSON.parse(org.sink.received.at(-1)!.body);
    expect(sent.to).toBe('+447700900001');
    expect(sent.text).toMatch(/verification code is \d{6}/);

    // She reads it out: the session passes at the higher level and a correction task opens.
    const checked = await org.api(org.agent, 'POST', `/verifications/${session.id}/code`, { code: org.lastCode() });
    expect(checked.statusCode, checked.body).toBe(200);
    const { correctionId } = checked.json();
    expect(checked.json()).toEqual({ result: 'pass', assurance: 'medium', triesLeft: 0, correctionId });
    expect(correctionId).toEqual(expect.any(String));
    expectNothingLeaked(checked);

    // Only now, and only to roles that may correct records, the difference.
    const task = await org.api(org.agent, 'GET', `/record-corrections/${correctionId}`);
    expect(task.statusCode, task.body).toBe(200);
    expect(task.json()).toMatchObject({
      status: 'open',
      customerId: org.helenId,
      discrepancies: [{ field: 'address', stored: '10 Orchard Row, Harrogate', claimed: '30 Orchard Row, Harrogate' }],
    });
    const open = await org.api(org.supervisor, 'GET', `/record-corrections?customerId=${org.helenId}`);
    expect(open.json().items.map((c: { id: string }) => c.id)).toEqual([correctionId]);
    expect((await org.api(org.analyst, 'GET', `/record-corrections/${correctionId}`)).statusCode).toBe(403);

    // Applying it corrects the record and keeps the old address in its history.
    const applied = await org.api(org.agent, 'POST', `/record-corrections/${correctionId}/apply`, {
      note: 'Keying error: she has lived at 30 for six years',
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'applied', decidedBy: { label: expect.stringMatching(/^user:/) } });
    const customer = (await org.api(org.agent, 'GET', `/customers/${org.helenId}`)).json();
    expect(customer.address).toEqual({
      line1: '30 Orchard Row',
      city: 'Harrogate',
      postcode: 'HG1 4QT',
      country: 'United Kingdom',
    });
    expect(customer.verificationDetails).toEqual({ dateOfBirth: true, pin: true, lastPayment: true });
    expect(JSON.stringify(customer)).not.toContain('1986');
    const history = (await org.api(org.agent, 'GET', `/customers/${org.helenId}/record-history`)).json();
    expect(history.items).toEqual([
      expect.objectContaining({
        field: 'address',
        oldValue: expect.objectContaining({ line1: '10 Orchard Row' }),
        newValue: expect.objectContaining({ line1: '30 Orchard Row' }),
        correctionId,
      }),
    ]);
    const again = await org.api(org.agent, 'POST', `/record-corrections/${correctionId}/apply`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ reason: 'correction_decided' });

    // Now the same claims pass on knowledge alone, at the low level.
    const next = (
      await org.api(org.agent, 'POST', `/customers/${org.helenId}/verifications`, { channel: 'phone' })
    ).json();
    const pass = await org.api(org.agent, 'POST', `/verifications/${next.id}/claims`, HELEN_SAYS);
    expect(pass.json()).toEqual({ result: 'pass', assurance: 'low', stepUpOffered: true, attemptsLeft: 0 });
  });

  it('records every step on the timeline with who asked and from where, and no value', async () => {
    const timeline = (await org.api(org.admin, 'GET', `/customers/${org.helenId}/timeline?limit=50`)).json();
    const events = timeline.items.filter((i: { type: string }) => i.type === 'customer_event');
    const kinds = events.map((e: { kind: string }) => e.kind).reverse();
    // The code check and the task it opened share one instant: their order is not asserted.
    expect(kinds.slice(0, 3)).toEqual([
      'verification_started',
      'verification_claims_checked',
      'verification_code_sent',
    ]);
    expect(kinds.slice(3, 5).sort()).toEqual(['record_correction_opened', 'verification_code_checked']);
    expect(kinds.slice(5)).toEqual(['record_corrected', 'verification_started', 'verification_claims_checked']);
    const first = events.at(-1);
    expect(first).toMatchObject({
      actorLabel: expect.stringMatching(/^user:/),
      data: { channel: 'phone', from: 'inbound call to the main line' },
    });
    const claims = events.find((e: { kind: string }) => e.kind === 'verification_claims_checked');
    expect(claims.data).toMatchObject({ result: expect.any(String), attempt: 1 });
    const text = JSON.stringify(events.filter((e: { kind: string }) => e.kind !== 'verification_started'));
    for (const value of ['Orchard', 'HG1', '1986', '2468', '32.99']) expect(text).not.toContain(value);
  });

  it('answers the same, as slowly, for a fail: no timing or shape tells the two apart', async () => {
    const session = (
      await org.api(org.agent, 'POST', `/customers/${org.helenId}/verifications`, { channel: 'chatbot' })
    ).json();
    const before = performance.now();
    const fail = await org.api(org.agent, 'POST', `/verifications/${session.id}/claims`, {
      name: 'Mark Smith',
      postcode: 'LS1 1AA',
    });
    expect(performance.now() - before).toBeGreaterThanOrEqual(55);
    expect(fail.json()).toEqual({ result: 'fail', assurance: 'none', stepUpOffered: false, attemptsLeft: 2 });
    expectNothingLeaked(fail);
    const refused = await org.api(org.agent, 'POST', `/verifications/${session.id}/step-up`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toEqual({ reason: 'step_up_not_offered' });
  });
});
