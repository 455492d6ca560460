import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** The admin console's own endpoints, through real HTTP: API tokens, the organisation, invitations and resets, the SLA preview. */
describe('admin console API', () => {
  let t: TestApp;
  let org: CreatedTenant;

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.newTenant();
  }, 60_000);
  afterAll(() => t?.close());

  const as = (token: string) => ({
    get: (url: string) => t.call(token, { method: 'GET', url: `/api/v1${url}` }),
    post: (url: string, payload?: object) =>
      t.call(token, { method: 'POST', url: `/api/v1${url}`, payload: payload ?? {} }),
    patch: (url: string, payload: object) => t.call(token, { method: 'PATCH', url: `/api/v1${url}`, payload }),
    put: (url: string, payload: object) => t.call(token, { method: 'PUT', url: `/api/v1${url}`, payload }),
  });
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: org.tenant.slug, email, password } });
  const secretOf = (url: string) => url.slice(url.indexOf('#') + 1);

  describe('API tokens', () => {
    it('lists tokens without their secrets and a revoked token is refused at once', async () => {
      const admin = as(org.token);
      const created = await admin.post('/tokens', { name: 'CRM sync', role: 'agent' });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json() as { id: string; token: string };
      expect((await as(token).get('/cases')).statusCode).toBe(200);

      const listed = await admin.get('/tokens');
      expect(listed.statusCode).toBe(200);
      expect(listed.body).not.toContain(token);
      const item = (listed.json() as { items: { id: string; name: string; active: boolean }[] }).items.find(
        (i) => i.id === id,
      );
      expect(item).toMatchObject({ name: 'CRM sync', active: true });

      const revoked = await admin.post(`/tokens/${id}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ id, active: false });
      const refused = await as(token).get('/cases');
      expect(refused.statusCode).toBe(401);

      const again = await admin.post(`/tokens/${id}/revoke`);
      expect(again.json().revokedAt).toBe(revoked.json().revokedAt);
    });

    it('answers 404 for a token of another organisation and 403 to a non-admin', async () => {
      const other = await t.newTenant();
      const theirs = (await as(other.token).post('/tokens', { name: 'Theirs', role: 'agent' })).json() as {
        id: string;
        token: string;
      };
      expect((await as(org.token).post(`/tokens/${theirs.id}/revoke`)).statusCode).toBe(404);
      expect((await as(theirs.token).get('/cases')).statusCode).toBe(200);
      expect((await as(theirs.token).get('/tokens')).statusCode).toBe(403);
    });
  });

  describe('the organisation', () => {
    it('has a name, a time zone that must be an IANA zone, and the chat widget snippet', async () => {
      const admin = as(org.token);
      const before = (await admin.get('/organisation')).json();
      expect(before).toMatchObject({ slug: org.tenant.slug, timeZone: 'UTC' });
      expect(before.chatWidgetSnippet).toContain(`data-organisation="${org.tenant.slug}"`);

      const bad = await admin.patch('/organisation', { timeZone: 'Europe/Atlantis' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'validation_failed', details: { field: 'timeZone' } });
      expect(bad.json().error.message).toContain('Europe/Atlantis');

      const changed = await admin.patch('/organisation', { name: '  Lumen Mobile  ', timeZone: 'europe/lisbon' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ name: 'Lumen Mobile', timeZone: 'Europe/Lisbon' });
      expect((await admin.get('/organisation')).json()).toMatchObject({
        name: 'Lumen Mobile',
        timeZone: 'Europe/Lisbon',
      });
      expect((await admin.patch('/organisation', { name: '   ' })).statusCode).toBe(400);
    });
  });

  describe('invitations and password resets', () => {
    it('an invited agent chooses a password with the one-time link and signs in; the link works once', async () => {
      const admin = as(org.token);
      const invited = await admin.post('/users/invitations', {
        email: 'Ana@Lumen.example',
        name: 'Ana Lima',
        role: 'agent',
      });
      expect(invited.statusCode).toBe(201);
      const { user, passwordLink } = invited.json() as {
        user: { id: string; email: string };
        passwordLink: { url: string };
      };
      expect(user.email).toBe('ana@lumen.example');
      expect(passwordLink.url).toMatch(/\/set-password#hks_/);
      const token = secretOf(passwordLink.url);

      const lookup = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-links/lookup',
        payload: { token },
      });
      expect(lookup.statusCode).toBe(200);
      expect(lookup.json()).toMatchObject({
        purpose: 'invitation',
        role: 'agent',
        name: 'Ana Lima',
        organisation: { slug: org.tenant.slug },
      });

      expect((await login('ana@lumen.example', 'anything at all')).statusCode).toBe(401);
      const redeem = (password: string) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/password-links/redeem', payload: { token, password } });
      expect((await redeem('short')).statusCode).toBe(400);
      const done = await redeem('ana-chose-this-one');
      expect(done.statusCode).toBe(200);
      expect(done.json()).toEqual({ organisation: org.tenant.slug, email: 'ana@lumen.example' });
      expect((await login('ana@lumen.example', 'ana-chose-this-one')).statusCode).toBe(200);

      const twice = await redeem('someone-else-password');
      expect(twice.statusCode).toBe(410);
      expect(twice.json().error.message).toContain('already been used');
      expect((await login('ana@lumen.example', 'ana-chose-this-one')).statusCode).toBe(200);

      const duplicate = await admin.post('/users/invitations', {
        email: 'ana@lumen.example',
        name: 'Ana',
        role: 'agent',
      });
      expect(duplicate.statusCode).toBe(409);
      const customerInvite = await admin.post('/users/invitations', {
        email: 'c@x.example',
        name: 'C',
        role: 'customer',
      });
      expect(customerInvite.statusCode).toBe(400);
    });

    it('a reset ends the old password and sessions at once; the new link sets a new one', async () => {
      const admin = as(org.token);
      const { user, passwordLink } = (
        await admin.post('/users/invitations', { email: 'ben@lumen.example', name: 'Ben Carter', role: 'supervisor' })
      ).json() as { user: { id: string }; passwordLink: { url: string } };
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-links/redeem',
        payload: { token: secretOf(passwordLink.url), password: 'ben-first-password' },
      });
      const signedIn = await login('ben@lumen.example', 'ben-first-password');
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);

      const reset = await admin.post(`/users/${user.id}/password-reset`);
      expect(reset.statusCode).toBe(201);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
      expect((await login('ben@lumen.example', 'ben-first-password')).statusCode).toBe(401);

      const token = secretOf((reset.json() as { passwordLink: { url: string } }).passwordLink.url);
      const lookup = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-links/lookup',
        payload: { token },
      });
      expect(lookup.json().purpose).toBe('reset');
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-links/redeem',
        payload: { token, password: 'ben-second-password' },
      });
      expect((await login('ben@lumen.example', 'ben-second-password')).statusCode).toBe(200);

      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-links/lookup',
        payload: { token: 'hks_not-a-real-link-at-all' },
      });
      expect(unknown.statusCode).toBe(404);
      expect((await admin.post('/users/00000000-0000-4000-8000-000000000000/password-reset')).statusCode).toBe(404);
    });
  });

  describe('SLA preview', () => {
    it('says when a case opened on a Friday afternoon would be due, on business hours and holidays', async () => {
      const admin = as(org.token);
      const calendar = await admin.post('/sla/calendars', {
        name: 'London office',
        timezone: 'Europe/London',
        weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]])),
        holidays: ['2026-12-28'],
      });
      expect(calendar.statusCode).toBe(201);
      const calendarId = (calendar.json() as { id: string }).id;

      // Friday 25 December 2026 is not a holiday here; 16:00 London is 16:00 UTC in winter.
      const preview = await admin.post('/sla/preview', {
        priority: 'high',
        openedAt: '2026-12-25T16:00:00.000Z',
        firstResponseMinutes: 120,
        nextUpdateMinutes: 240,
        resolutionMinutes: 480,
        calendarId,
      });
      expect(preview.statusCode).toBe(200);
      const body = preview.json() as {
        timezone: string;
        openNow: boolean;
        metrics: { metric: string; dueAt: string }[];
      };
      expect(body.timezone).toBe('Europe/London');
      expect(body.openNow).toBe(true);
      const due = Object.fromEntries(body.metrics.map((m) => [m.metric, m.dueAt]));
      // One hour on Friday, the weekend and Monday's holiday closed, the next hour on Tuesday.
      expect(due.first_response).toBe('2026-12-29T10:00:00.000Z');
      expect(due.next_update).toBe('2026-12-29T12:00:00.000Z');
      expect(due.resolution).toBe('2026-12-29T16:00:00.000Z');

      // Nothing was saved: the policy in force is still the default, and previewing it is 24/7.
      const inForce = await admin.post('/sla/preview', { priority: 'high', openedAt: '2026-12-25T16:00:00.000Z' });
      expect(inForce.json().metrics[0]).toMatchObject({ metric: 'first_response', dueAt: '2026-12-25T20:00:00.000Z' });

      const unknownCalendar = await admin.post('/sla/preview', {
        priority: 'high',
        calendarId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknownCalendar.statusCode).toBe(400);
      expect(unknownCalendar.json().error.details).toMatchObject({ field: 'calendarId' });
    });
  });
});
