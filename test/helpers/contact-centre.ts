import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { postContact, type TestApp } from './test-app.ts';

export interface Person {
  id: string;
  token: string;
}

/**
 * A small contact centre in a fresh tenant: a manager; team Front (lead frontLead, agents
 * alice and bob) and team Devices (lead devicesLead, agent dev); every person has an API token
 * of their own so tests can act as them.
 */
export async function contactCentre(t: TestApp) {
  const tenant: CreatedTenant = await t.newTenant();
  const admin = tenant.token;
  const call = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown) => {
    const res = await t.call(admin, { method, url, payload: payload as Record<string, unknown> });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json();
  };
  const person = async (name: string, role: string, extra: Record<string, unknown> = {}): Promise<Person> => {
    const user = await call('POST', '/api/v1/users', {
      email: `${name.toLowerCase()}@centre.example`,
      name,
      role,
      ...extra,
    });
    const { token } = await call('POST', '/api/v1/tokens', { name: `${name}'s token`, role, userId: user.id });
    return { id: user.id, token };
  };
  const manager = await person('Manager', 'supervisor');
  const front = await call('POST', '/api/v1/teams', { name: 'Front', skills: ['billing'] });
  const devices = await call('POST', '/api/v1/teams', { name: 'Devices', skills: ['devices'] });
  const frontLead = await person('FrontLead', 'supervisor', { teamId: front.id, supervisorId: manager.id });
  const devicesLead = await person('DevicesLead', 'supervisor', { teamId: devices.id, supervisorId: manager.id });
  await call('PATCH', `/api/v1/teams/${front.id}`, { leadUserId: frontLead.id });
  await call('PATCH', `/api/v1/teams/${devices.id}`, { leadUserId: devicesLead.id });
  const alice = await person('Alice', 'agent', { teamId: front.id, supervisorId: frontLead.id });
  const bob = await person('Bob', 'agent', { teamId: front.id, supervisorId: frontLead.id });
  const dev = await person('Dev', 'agent', { teamId: devices.id, supervisorId: devicesLead.id });

  let customers = 0;
  /** A case owned by `owner`, about a fresh customer's first inbound contact. */
  const openCase = async (owner: Person, extra: Record<string, unknown> = {}) => {
    customers++;
    const contact = await postContact(t, admin, {
      channel: 'phone',
      customer: { phone: `+4477009${String(10000 + customers).slice(-5)}`, name: `Customer ${customers}` },
      text: 'Agent: Hello\nCustomer: My phone shows no service since the update.',
    });
    const res = await t.call(owner.token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        customerId: contact.customerId,
        subject: 'No service after update',
        contactIds: [contact.id],
        ...extra,
      },
    });
    if (res.statusCode !== 201) throw new Error(`case: ${res.statusCode} ${res.body}`);
    return {
      ...(res.json() as { id: string; ownerId: string | null; teamId: string | null }),
      customerId: contact.customerId,
    };
  };
  const events = async (caseId: string) =>
    (await t.call(admin, { method: 'GET', url: `/api/v1/cases/${caseId}` })).json().events as {
      kind: string;
      data: Record<string, unknown>;
      actorLabel: string;
    }[];

  return {
    tenant,
    admin,
    call,
    manager,
    frontLead,
    devicesLead,
    alice,
    bob,
    dev,
    teams: { front: front.id as string, devices: devices.id as string },
    openCase,
    events,
  };
}
