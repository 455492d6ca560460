import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { HELEN, HELEN_SAYS, verificationOrganisation } from './verification-kit.ts';

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

describe('the stored address is withheld until the caller passed verification', () => {
  it('is not given back by an edit of something else or a merge either', async () => {
    const stored = ['Orchard', 'Harrogate', 'HG1'];
    const edited = await org.api(org.agent, 'PATCH', `/customers/${org.helenId}`, { region: 'North' });
    expect(edited.json()).toMatchObject({ region: 'North', address: {}, addressWithheld: true });
    const duplicate = await org.ok(org.agent, 'POST', '/customers', {
      name: 'H. Carter',
      emails: ['helen.c@mail.example'],
      address: { line1: '30 Orchard Row', city: 'Harrogate', postcode: 'HG1 4QT' },
    });
    // Whoever sends an address sees what they sent.
    expect(duplicate).toMatchObject({ address: { line1: '30 Orchard Row' }, addressWithheld: false });
    const merged = await org.api(org.agent, 'POST', `/customers/${org.helenId}/merge`, { duplicateId: duplicate.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const undone = await org.api(org.agent, 'POST', `/customer-merges/${merged.json().id}/undo`, {});
    expect(undone.statusCode, undone.body).toBe(200);
    for (const text of [edited.body, merged.body, undone.body])
      for (const value of stored) expect(text).not.toContain(value);
  });

  it('is absent from the customer and the case screen before, and present after a passed code', async () => {
    const kase = (await org.ok(org.agent, 'POST', '/cases', {
      customerId: org.helenId,
      subject: 'SIM registers but cannot call or text',
    })) as { id: string };
    const screenOf = async () =>
      (await org.ok(org.agent, 'GET', `/workspace/cases/${kase.id}`)) as { customer: Record<string, unknown> };
    const customerOf = async () =>
      (await org.ok(org.agent, 'GET', `/customers/${org.helenId}`)) as Record<string, unknown>;

    for (const customer of [await customerOf(), (await screenOf()).customer]) {
      expect(customer).toMatchObject({ address: {}, addressWithheld: true, verifiedUntil: null });
      expect(customer.name).toBe('Helen Carter');
      expect(customer.phones).toEqual(['+447700900001']);
      const text = JSON.stringify(customer);
      for (const stored of ['Orchard', 'Harrogate', 'HG1', '1986', '2468', '32.99']) expect(text).not.toContain(stored);
    }

    // A partial is not a pass: still withheld.
    const session = (await org.ok(org.agent, 'POST', `/customers/${org.helenId}/verifications`, {
      channel: 'phone',
    })) as {
      id: string;
    };
    expect(await org.ok(org.agent, 'POST', `/verifications/${session.id}/claims`, HELEN_SAYS)).toMatchObject({
      result: 'partial',
    });
    expect(await customerOf()).toMatchObject({ address: {}, addressWithheld: true });

    // The code she reads out passes the session: the record's address is shown, for the next hour.
    await org.ok(org.agent, 'POST', `/verifications/${session.id}/step-up`, {});
    expect(
      await org.ok(org.agent, 'POST', `/verifications/${session.id}/code`, { code: org.lastCode() }),
    ).toMatchObject({ result: 'pass' });
    for (const customer of [await customerOf(), (await screenOf()).customer]) {
      expect(customer).toMatchObject({ address: HELEN.address, addressWithheld: false });
      const until = Date.parse(customer.verifiedUntil as string);
      expect(until).toBeGreaterThan(Date.now() + 55 * 60_000);
      expect(until).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
    }

    // Analysts never see it, verified or not.
    expect(await org.ok(org.analyst, 'GET', `/customers/${org.helenId}`)).toMatchObject({
      address: {},
      addressWithheld: true,
    });
  });
});
