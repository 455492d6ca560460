import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSms } from '../../src/services/channels/sms/sms-outbound.ts';
import {
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
} from '../../src/services/channels/webhook-signature.ts';
import { findContact } from '../../src/store/repositories/contacts.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { signedPost, startSink, webhookOrganisation } from '../helpers/webhooks.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const organisation = () => webhookOrganisation(t);

const nowSec = () => Math.floor(Date.now() / 1000);

describe('SMS in and out', () => {
  it('takes a text in once, joins "any update?" to the open case, and sends the agent’s answer through the signed gateway', async () => {
    const org = await organisation();
    const sink = await startSink(() => ({ status: 202, body: '{"accepted":true}' }));
    try {
      const settings = await org.api('PATCH', '/channels/settings', {
        smsGatewayUrl: `${sink.url}/messages`,
        smsSender: 'Lumen',
      });
      expect(settings.statusCode, settings.body).toBe(200);

      const sms = {
        messageId: 'SM-1',
        from: '+44 7700 900123',
        to: '+447700900000',
        text: 'My data stopped working after the top-up',
      };
      const first = await org.post('sms', sms);
      expect(first.statusCode, first.body).toBe(201);
      const { contactId, customerId, caseId } = first.json();
      expect(caseId).not.toBeNull();
      const again = await org.post('sms', sms, { timestamp: nowSec() - 5 });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ status: 'duplicate', contactId, customerId, caseId });
      const stored = await findContact(org.scope, contactId);
      expect(stored).toMatchObject({
        channel: 'sms',
        direction: 'inbound',
        body: sms.text,
        facts: { from: sms.from, to: sms.to, messageId: 'SM-1' },
      });

      const nudge = await org.post('sms', {
        messageId: 'SM-2',
        from: '+447700900123',
        to: '+447700900000',
        text: 'any update?',
      });
      expect(nudge.json()).toMatchObject({ status: 'created', customerId, caseId });

      const reply = await org.api('POST', `/cases/${caseId}/replies`, {
        text: 'We’ve reset your data bundle — please restart your phone.',
      });
      expect(reply.statusCode, reply.body).toBe(201);
      expect(reply.json().outbound).toMatchObject({ channel: 'sms', recipient: '+447700900123', status: 'queued' });
      await org.runJobs();

      expect(sink.received).toHaveLength(1);
      const [request] = sink.received;
      expect(request).toMatchObject({ method: 'POST', url: '/messages' });
      expect(JSON.parse(request!.body)).toEqual({
        to: '+447700900123',
        from: 'Lumen',
        text: "We've reset your data bundle - please restart your phone.",
        messageId: `hearken:${reply.json().outbound.id}`,
      });
      const header = request!.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string;
      expect(
        verifyWebhookSignature({
          header,
          rawBody: request!.body,
          secrets: [org.secret],
          nowSec: nowSec(),
          toleranceSec: 300,
        }).ok,
      ).toBe(true);
      const outbound = (await org.api('GET', `/cases/${caseId}/outbound`)).json();
      expect(outbound.items.map((o: { status: string }) => o.status)).toEqual(['sent']);

      const timeline = (await org.api('GET', `/customers/${customerId}/timeline`)).json();
      expect(
        timeline.items
          .filter((i: { type: string }) => i.type === 'contact')
          .map((i: { channel: string; direction: string }) => `${i.channel}:${i.direction}`),
      ).toEqual(['sms:outbound', 'sms:inbound', 'sms:inbound']);
      // The carrier vouches for the number a text comes from; a mail's From line proves nothing.
      const inbound = timeline.items.find(
        (i: { type: string; direction: string }) => i.type === 'contact' && i.direction === 'inbound',
      );
      expect(inbound.facts).toMatchObject({ identityProven: true });
    } finally {
      await sink.close();
    }
  });

  it('keeps a reply queued while the gateway fails, and says clearly when no gateway is set', async () => {
    const org = await organisation();
    const sink = await startSink(() => ({ status: 503, body: 'maintenance' }));
    try {
      const first = (
        await org.post('sms', {
          messageId: 'SM-9',
          from: '+447700900999',
          to: '+447700900000',
          text: 'Is there an outage in Bristol?',
        })
      ).json();
      await org.api('PATCH', '/channels/settings', { smsGatewayUrl: sink.url });
      const reply = await org.api('POST', `/cases/${first.caseId}/replies`, { text: 'Yes, engineers are on site.' });
      await org.runJobs();
      expect(sink.received).toHaveLength(1);
      const outbound = (await org.api('GET', `/cases/${first.caseId}/outbound`)).json();
      expect(outbound.items[0]).toMatchObject({ id: reply.json().outbound.id, status: 'queued' });

      await org.api('PATCH', '/channels/settings', { smsGatewayUrl: null });
      const message = { ...reply.json().outbound, payload: { text: 'x' }, createdAt: new Date(), sentAt: null };
      await expect(sendSms(org.scope, message, t.app.channels)).rejects.toThrow(/No SMS gateway is configured/);
    } finally {
      await sink.close();
    }
  });
});

describe('signed webhooks', () => {
  const sms = { messageId: 'SIG-1', from: '+447700900321', to: '+447700900000', text: 'Roaming not working in Spain' };

  it('refuses unsigned, wrongly signed, stale and replayed requests with 401, and garbage with 400', async () => {
    const org = await organisation();
    const unsigned = await org.post('sms', sms, { signature: null });
    expect(unsigned.statusCode).toBe(401);
    const unsignedGarbage = await org.post('sms', null, { signature: null, raw: 'not json at all' });
    expect(unsignedGarbage.statusCode).toBe(401);
    const wrong = await org.post('sms', sms, {
      signature: signWebhook('not-the-secret', JSON.stringify(sms), nowSec()),
    });
    expect(wrong.statusCode).toBe(401);
    const tampered = await org.post('sms', null, {
      raw: JSON.stringify({ ...sms, text: 'changed' }),
      signature: signWebhook(org.secret, JSON.stringify(sms), nowSec()),
    });
    expect(tampered.statusCode).toBe(401);
    const stale = await org.post('sms', sms, { timestamp: nowSec() - 3600 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('unauthenticated');

    const timestamp = nowSec();
    const accepted = await org.post('sms', sms, { timestamp });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const replayed = await org.post('sms', sms, { timestamp });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error.message).toMatch(/replay/);

    const garbage = await org.post('sms', { hello: 'world' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('validation_failed');
    const notJson = await org.post('sms', null, { raw: '{"messageId": "x", ' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.message).toMatch(/not valid JSON/);
    const noSuchOrganisation = await signedPost(t, 'no-such-org', 'sms', sms, org.secret);
    expect(noSuchOrganisation.statusCode).toBe(404);

    // Valid and signed, but not from a number: kept in quarantine, not lost.
    const fromName = await org.post('sms', {
      messageId: 'SIG-2',
      from: 'LUMEN',
      to: '+447700900000',
      text: 'Your code is 1234',
    });
    expect(fromName.statusCode, fromName.body).toBe(202);
    const raw = await org.api('GET', `/channels/quarantine/${fromName.json().quarantined}/raw`);
    expect(JSON.parse(raw.body)).toMatchObject({ messageId: 'SIG-2', from: 'LUMEN' });
  });

  it('documents the signature scheme on every webhook in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.components.securitySchemes.hearkenSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: WEBHOOK_SIGNATURE_HEADER,
    });
    for (const path of [
      '/api/v1/channels/{tenant}/sms',
      '/api/v1/channels/{tenant}/phone/events',
      '/api/v1/channels/{tenant}/phone/transcripts',
      '/api/v1/channels/{tenant}/social',
    ]) {
      expect(doc.paths[path].post.security, path).toEqual([{ hearkenSignature: [] }]);
      expect(Object.keys(doc.paths[path].post.responses)).toEqual(expect.arrayContaining(['201', '202', '400', '401']));
    }
  });
});
