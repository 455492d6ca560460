import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../../../src/services/channels/webhook-signature.ts';
import { HELEN } from '../../verification/helen.ts';
import type { RunningHearken } from './server.ts';
import { adminClient } from './service-desk.ts';

/** Seed 000's caller, set up as the demo has her, and the SMS gateway her codes go to. */
export interface VerificationStory {
  customerId: string;
  caseId: string;
  /** The code in the last text the gateway was asked to send. */
  lastCode(): string;
  close(): Promise<void>;
}

/**
 * Helen Carter (record: 10 Orchard Row) over the public API: her record, an SMS gateway that is a
 * local server the test reads codes from, and a text from her mobile through the signed gateway
 * webhook, which proves the number (a carrier vouches for the sender) and opens her case.
 */
export async function setUpVerificationStory(hearken: RunningHearken): Promise<VerificationStory> {
  const call = adminClient(hearken);
  const texts: string[] = [];
  const gateway = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      texts.push(body);
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/messages`;

  const { secret } = await call<{ secret: string }>('POST', '/channels/webhook-secrets');
  await call('PATCH', '/channels/settings', { smsGatewayUrl: gatewayUrl, smsSender: 'Lumen' });
  const { id: customerId } = await call<{ id: string }>('POST', '/customers', HELEN);
  const raw = JSON.stringify({
    messageId: 'helen-sim-1',
    from: '+447700900001',
    to: '+447700900100',
    text: 'My SIM registers in the new phone but I cannot call or text. Can someone help?',
  });
  const sent = await fetch(`${hearken.url}/api/v1/channels/${hearken.organisation.tenant.slug}/sms`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, raw, Math.floor(Date.now() / 1000)),
    },
    body: raw,
  });
  const contact = (await sent.json()) as { customerId: string; caseId: string | null };
  if (!sent.ok || contact.customerId !== customerId || !contact.caseId)
    throw new Error(`Helen's text answered ${sent.status}: ${JSON.stringify(contact)}`);

  return {
    customerId,
    caseId: contact.caseId,
    lastCode: () => {
      const text = (JSON.parse(texts.at(-1) ?? '{}') as { text?: string }).text ?? '';
      const code = /\b(\d{6})\b/.exec(text)?.[1];
      if (!code) throw new Error('The SMS gateway was sent no code');
      return code;
    },
    close: () => new Promise<void>((resolve) => gateway.close(() => resolve())),
  };
}
