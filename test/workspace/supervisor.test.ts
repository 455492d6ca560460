import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactCentre } from '../helpers/contact-centre.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function call(
  token: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: Record<string, unknown>,
): Promise<{ status: number; body: Json }> {
  const res = await t.call(token, { method, url, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

describe('supervisor overview', () => {
  it('lists pending escalations nearest deadline first, promises at risk, and each team queue with its wait', async () => {
    const centre = await contactCentre(t);
    const escalated = await centre.openCase(centre.alice, { ownerId: centre.alice.id, teamId: centre.teams.front });
    const reason = 'Customer asks for a manager after two failed fixes';
    const raised = await call(centre.alice.token, 'POST', `/api/v1/cases/${escalated.id}/escalate`, { reason });
    expect(raised.status).toBe(201);
    // Two cases wait in the Devices queue with nobody on them.
    await centre.openCase(centre.dev, { teamId: centre.teams.devices });
    await centre.openCase(centre.dev, { teamId: centre.teams.devices });
    // A policy whose first-response warning is due the moment an urgent case opens.
    expect(
      (
        await call(centre.admin, 'PUT', '/api/v1/sla/policies/urgent', {
          firstResponseMinutes: 30,
          nextUpdateMinutes: 60,
          resolutionMinutes: 240,
          warnBeforeMinutes: 30,
        })
      ).status,
    ).toBe(200);
    const urgent = await centre.openCase(centre.bob, { priority: 'urgent' });

    const { status, body } = await call(centre.manager.token, 'GET', '/api/v1/supervisor/overview');
    expect(status).toBe(200);
    // Nobody owns the two Devices cases; the escalated and the urgent one have owners.
    expect(body.totals).toEqual({ escalationsWaiting: 1, slaBreached: 0, slaWarnings: 1, customersWaiting: 2 });
    expect(body.escalations).toEqual([
      {
        escalationId: raised.body.id,
        caseId: escalated.id,
        reference: expect.stringMatching(/^C-\d+$/),
        subject: 'No service after update',
        level: 1,
        reason,
        targetUserName: 'FrontLead',
        targetTeamName: null,
        raisedAt: raised.body.raisedAt,
        deadline: raised.body.deadline,
      },
    ]);
    expect(body.slaAlerts).toEqual([
      expect.objectContaining({
        caseId: urgent.id,
        metric: 'first_response',
        state: 'warning',
        ownerName: 'Bob',
        teamName: null,
      }),
    ]);
    const devices = body.teams.find((team: Json) => team.name === 'Devices');
    expect(devices).toMatchObject({
      teamId: centre.teams.devices,
      agents: 2,
      waiting: 2,
      open: 2,
      offerCallback: expect.any(Boolean),
    });
    expect(Date.parse(devices.oldestWaitingSince)).toBeLessThanOrEqual(Date.now());
    // The same estimate as the team's own queue.
    const queue = await call(centre.manager.token, 'GET', `/api/v1/teams/${centre.teams.devices}/queue`);
    expect(devices.estimatedWaitMinutes).toBe(queue.body.estimatedWaitMinutes);
    const front = body.teams.find((team: Json) => team.name === 'Front');
    expect(front).toMatchObject({ waiting: 0, open: 1, oldestWaitingSince: null });
  });

  it('counts the whole organisation in totals while the SLA list stops at 100', async () => {
    const centre = await contactCentre(t);
    // Every target is 30 minutes and warns 30 minutes ahead: all three clocks of an urgent case
    // (first response, next update, resolution) are in warning the moment it opens; 34 cases, 102 alerts.
    expect(
      (
        await call(centre.admin, 'PUT', '/api/v1/sla/policies/urgent', {
          firstResponseMinutes: 30,
          nextUpdateMinutes: 30,
          resolutionMinutes: 30,
          warnBeforeMinutes: 30,
        })
      ).status,
    ).toBe(200);
    const opened = [];
    for (let i = 0; i < 34; i++)
      opened.push(await centre.openCase(centre.dev, { priority: 'urgent', teamId: centre.teams.devices }));
    // The same customer writes again on another matter: still one customer waiting.
    const again = await call(centre.dev.token, 'POST', '/api/v1/cases', {
      customerId: opened[0]!.customerId,
      subject: 'Second matter',
      teamId: centre.teams.devices,
    });
    expect(again.status).toBe(201);
    // Three first responses missed, as the SLA timer would have recorded them (moved in the store: waiting 30 minutes is not a test).
    const late = opened.slice(0, 3).map((c) => c.id);
    await t.database.db.execute(
      sql`UPDATE case_sla_clocks SET breached_at = now() WHERE metric = 'first_response' AND case_id IN (${sql.join(
        late.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );

    const { status, body } = await call(centre.manager.token, 'GET', '/api/v1/supervisor/overview');
    expect(status).toBe(200);
    expect(body.totals).toEqual({ escalationsWaiting: 0, slaBreached: 3, slaWarnings: 99, customersWaiting: 34 });
    expect(body.slaAlerts).toHaveLength(100);
    expect(body.slaAlerts.slice(0, 3).map((a: Json) => [a.state, a.metric])).toEqual(
      Array(3).fill(['breached', 'first_response']),
    );
    expect(new Set(body.slaAlerts.slice(0, 3).map((a: Json) => a.caseId))).toEqual(new Set(late));
    expect(body.slaAlerts.slice(3).every((a: Json) => a.state === 'warning')).toBe(true);
    const devices = body.teams.find((team: Json) => team.name === 'Devices');
    expect(devices).toMatchObject({ waiting: 35, open: 35 });
  }, 60_000);

  it('is for supervisors, administrators and analysts: an agent gets 403', async () => {
    const centre = await contactCentre(t);
    const agent = await call(centre.alice.token, 'GET', '/api/v1/supervisor/overview');
    expect(agent.status).toBe(403);
    expect(agent.body.error.code).toBe('forbidden');
    const analyst = await centre.call('POST', '/api/v1/tokens', { name: 'analyst', role: 'analyst' });
    expect((await call(analyst.token, 'GET', '/api/v1/supervisor/overview')).status).toBe(200);
    expect((await call(centre.admin, 'GET', '/api/v1/supervisor/overview')).status).toBe(200);
  });
});

describe('customer identities', () => {
  it('lists every email, phone and handle with whether a channel proved it is theirs', async () => {
    const tenant = await t.newTenant();
    const admin = tenant.token;
    const created = await call(admin, 'POST', '/api/v1/customers', {
      name: 'Maria Lopez',
      emails: ['maria@example.net'],
      phones: ['+44 7700 900123'],
      handles: ['@marialopez'],
    });
    expect(created.status).toBe(201);
    const customerId = created.body.id;

    const before = await call(admin, 'GET', `/api/v1/customers/${customerId}`);
    expect(before.body.emails).toEqual(['maria@example.net']);
    expect(before.body.identities).toEqual([
      { kind: 'email', value: 'maria@example.net', verified: false },
      { kind: 'handle', value: 'marialopez', verified: false },
      { kind: 'phone', value: '+447700900123', verified: false },
    ]);

    // Signing in to the portal and writing proves the email is hers; the phone stays unproven.
    const login = await call(admin, 'POST', '/api/v1/users', {
      email: 'maria@example.net',
      name: 'Maria Lopez',
      role: 'customer',
      customerId,
      password: 'maria-portal-pass',
    });
    expect(login.status).toBe(201);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenant.tenant.slug, email: 'maria@example.net', password: 'maria-portal-pass' },
    });
    const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/messages',
      headers: { cookie },
      payload: { subject: 'Bill', text: 'My bill is wrong' },
    });
    expect(sent.statusCode, sent.body).toBe(201);

    const after = await call(admin, 'GET', `/api/v1/customers/${customerId}`);
    expect(after.body.identities).toEqual([
      { kind: 'email', value: 'maria@example.net', verified: true },
      { kind: 'handle', value: 'marialopez', verified: false },
      { kind: 'phone', value: '+447700900123', verified: false },
    ]);
  });
});
