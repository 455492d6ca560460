import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Small limits so the test is quick; the defaults (src/domain/auth/login-limits.ts) are far more generous.
const loginLimits = {
  perAccountClientMax: 6,
  perClientMax: 12,
  windowMs: 60_000,
  lockoutAfter: 3,
  lockoutSeconds: 3,
  lockoutMaxSeconds: 60,
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ loginLimits });
});
afterAll(() => t.close());

let client = 0;
/** Each test signs in from an address of its own, so the per-client limits of one do not touch another. */
const newClient = () => `198.51.100.${++client}`;

const signIn = (
  tenant: CreatedTenant,
  password: string,
  from: string,
  options: { email?: string; app?: TestApp['app'] } = {},
) =>
  (options.app ?? t.app).inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    payload: { tenant: tenant.tenant.slug, email: options.email ?? tenant.admin.email, password },
  });

describe('account lockout', () => {
  it('locks an account after wrong passwords in a row, refuses even the right one, and shows it to admins', async () => {
    const tenant = await t.newTenant();
    const from = newClient();
    expect((await signIn(tenant, 'wrong-1', from)).statusCode).toBe(401);
    expect((await signIn(tenant, 'wrong-2', from)).statusCode).toBe(401);
    const locked = await signIn(tenant, 'wrong-3', from);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // The right password does not work during the lockout, from any client.
    const right = await signIn(tenant, tenant.admin.password, newClient());
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('account_locked');
    expect(right.headers['set-cookie']).toBeUndefined();

    // Another server process on the same store refuses it too: the lockout is in the store.
    const other = await buildApp({ database: t.database, loginLimits });
    try {
      expect((await signIn(tenant, tenant.admin.password, newClient(), { app: other })).statusCode).toBe(429);
    } finally {
      await other.close();
    }

    // The people list shows the lockout; an administrator (with an API token) ends it.
    const people = await t.call(tenant.token, { method: 'GET', url: '/api/v1/users' });
    const admin = people.json().items.find((u: { email: string }) => u.email === tenant.admin.email);
    expect(admin).toMatchObject({ failedSignIns: 3 });
    expect(new Date(admin.lockedUntil).getTime()).toBeGreaterThan(Date.now());
    const unlocked = await t.call(tenant.token, { method: 'POST', url: `/api/v1/users/${admin.id}/unlock` });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    expect((await signIn(tenant, tenant.admin.password, from)).statusCode).toBe(200);
  });

  it('locks twice as long with each further wrong password after a lockout; a sign-in restarts the count', async () => {
    const tenant = await t.newTenant();
    const from = newClient();
    for (const attempt of [1, 2]) expect((await signIn(tenant, `wrong-${attempt}`, from)).statusCode).toBe(401);
    expect((await signIn(tenant, 'wrong-3', from)).headers['retry-after']).toBe('3');
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const again = await signIn(tenant, 'wrong-4', from);
    expect(again.json().error.code).toBe('account_locked');
    expect(again.headers['retry-after']).toBe('6');
    const people = (await t.call(tenant.token, { method: 'GET', url: '/api/v1/users' })).json().items;
    const { id } = people.find((u: { email: string }) => u.email === tenant.admin.email);
    await t.call(tenant.token, { method: 'POST', url: `/api/v1/users/${id}/unlock` });
    expect((await signIn(tenant, tenant.admin.password, from)).statusCode).toBe(200);
    // Counting starts again: one wrong password is only a 401.
    expect((await signIn(tenant, 'wrong-5', from)).statusCode).toBe(401);
  });

  it('treats an address without an account like one with: the lockout tells nobody which exist', async () => {
    const tenant = await t.newTenant();
    const from = newClient();
    const answers = [];
    for (const attempt of [1, 2, 3, 4])
      answers.push((await signIn(tenant, `guess-${attempt}`, from, { email: 'nobody@example.com' })).statusCode);
    expect(answers).toEqual([401, 401, 429, 429]);
  });

  it('is for administrators to lift: others get 403, an unknown person 404', async () => {
    const tenant = await t.newTenant();
    const agent = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'agent@example.com', name: 'Agent', role: 'agent' },
    });
    const token = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'agent', role: 'agent', userId: agent.json().id },
    });
    const byAgent = await t.call(token.json().token, {
      method: 'POST',
      url: `/api/v1/users/${agent.json().id}/unlock`,
    });
    expect(byAgent.statusCode).toBe(403);
    const unknown = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/users/00000000-0000-4000-8000-000000000000/unlock',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('sign-in rate limits', () => {
  it('limits one client on one account with 429 and Retry-After; other clients go on', async () => {
    // An unknown organisation has no accounts to lock: only the rate limit stands in the way.
    const ghost = { tenant: { slug: 'no-such-organisation' }, admin: { email: 'a@example.com' } } as CreatedTenant;
    const from = newClient();
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await signIn(ghost, `guess-${i}`, from));
    expect(answers.slice(0, 6).map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401, 401]);
    const limited = answers[6]!;
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Trying on while limited doubles the wait (backoff).
    const again = await signIn(ghost, 'guess-again', from);
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBe(2 * Number(limited.headers['retry-after']));
    expect((await signIn(ghost, 'guess', newClient())).statusCode).toBe(401);
  });

  it('limits one client spraying many accounts', async () => {
    const from = newClient();
    const statuses = [];
    for (let i = 0; i < 13; i++) {
      const ghost = { tenant: { slug: 'no-such-organisation' }, admin: { email: `p${i}@example.com` } };
      statuses.push((await signIn(ghost as CreatedTenant, 'guess', from)).statusCode);
    }
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses[12]).toBe(429);
  });
});
