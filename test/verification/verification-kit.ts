import type { InjectOptions } from 'fastify';
import { markIdentitiesVerified } from '../../src/store/repositories/customers.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { startSink, webhookSecret } from '../helpers/webhooks.ts';

import { HELEN } from './helen.ts';

export { HELEN, HELEN_SAYS } from './helen.ts';

/**
 * An organisation with an administrator, an agent, an analyst and a supervisor (each with a
 * token), an SMS gateway that is a local sink the test reads codes from, and Helen with her
 * mobile verified (as an inbound text through the carrier would have done).
 */
export async function verificationOrganisation(t: TestApp) {
  const tenant = await t.newTenant();
  const admin = tenant.token;
  const api = async (token: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.call(token, { method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (token: string, method: InjectOptions['method'], url: string, payload?: unknown) => {
    const res = await api(token, method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json();
  };
  const person = async (name: string, role: string) => {
    const user = await ok(admin, 'POST', '/users', { email: `${name}@verify.example`, name, role });
    return (await ok(admin, 'POST', '/tokens', { name: `${name}'s token`, role, userId: user.id })).token as string;
  };
  const sink = await startSink(() => ({ status: 202, body: '{"accepted":true}' }));
  await webhookSecret(t, admin);
  await ok(admin, 'PATCH', '/channels/settings', { smsGatewayUrl: `${sink.url}/messages`, smsSender: 'Lumen' });
  const helen = await ok(admin, 'POST', '/customers', HELEN);
  const phone = { kind: 'phone' as const, value: '+447700900001' };
  await markIdentitiesVerified(scopeTo(t.database.db, tenant.tenant.id), helen.id, [phone]);
  /** The code in the last text the gateway was asked to send. */
  const lastCode = () => {
    const text = JSON.parse(sink.received.at(-1)!.body).text as string;
    return /\b(\d{6})\b/.exec(text)![1]!;
  };
  return {
    tenant,
    admin,
    api,
    ok,
    agent: await person('agent', 'agent'),
    analyst: await person('analyst', 'analyst'),
    supervisor: await person('supervisor', 'supervisor'),
    helenId: helen.id as string,
    sink,
    lastCode,
  };
}
