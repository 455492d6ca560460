import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let tenant: CreatedTenant;
let analystToken: string;
let customerRoleToken: string;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await t.newTenant();
  const issue = async (role: string) =>
    (
      await t.call(tenant.token, { method: 'POST', url: '/api/v1/tokens', payload: { name: `${role} token`, role } })
    ).json().token as string;
  analystToken = await issue('analyst');
  customerRoleToken = await issue('customer');
});
afterAll(() => t.close());

const contact = { channel: 'email', direction: 'inbound', customer: { email: 'x@example.com' }, text: 'hello' };

describe('API tokens', () => {
  it('answers 401 without a token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer hk_wrong', 'Basic abc', 'Bearer']) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/cases',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('checks credentials before reading the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: '{broken',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('lets an analyst read but not write, and a customer token use no staff endpoint', async () => {
    await postContact(t, tenant.token, { channel: 'email', customer: { email: 'x@example.com' }, text: 'hello' });
    expect((await t.call(analystToken, { method: 'GET', url: '/api/v1/search?q=hello' })).statusCode).toBe(200);
    const write = await t.call(analystToken, { method: 'POST', url: '/api/v1/contacts', payload: contact });
    expect(write.statusCode).toBe(403);
    expect(write.json().error).toEqual({ code: 'forbidden', message: 'Your role (analyst) may not do this' });
    expect(
      (await t.call(analystToken, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', role: 'admin' } }))
        .statusCode,
    ).toBe(403);
    expect((await t.call(customerRoleToken, { method: 'GET', url: '/api/v1/cases' })).statusCode).toBe(403);
  });
});

describe('signing in people', () => {
  const login = (payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });

  it('signs in with organisation, email and password and keeps the session in an HttpOnly cookie', async () => {
    const res = await login({
      tenant: tenant.tenant.slug,
      email: tenant.admin.email.toUpperCase(),
      password: tenant.admin.password,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ role: 'admin', tenant: tenant.tenant.slug });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/hearken_session=hks_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email: tenant.admin.email, role: 'admin' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie } })).statusCode).toBe(200);

    // As the web app signs out: a body-less change with the cookie says it is no cross-site form.
    const logout = {
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-requested-with': 'hearken' },
    } as const;
    expect((await t.app.inject(logout)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('gives one vague answer for a wrong password, unknown email or unknown organisation', async () => {
    const answers = await Promise.all([
      login({ tenant: tenant.tenant.slug, email: tenant.admin.email, password: 'wrong password' }),
      login({ tenant: tenant.tenant.slug, email: 'nobody@example.com', password: tenant.admin.password }),
      login({ tenant: 'no-such-org', email: tenant.admin.email, password: tenant.admin.password }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('The organisation, email or password is not right');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('signs in a person added by the administrator', async () => {
    const added = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'Ravi@Lumen.example', name: 'Ravi', role: 'supervisor', password: 'long enough pass' },
    });
    expect(added.statusCode).toBe(201);
    const res = await login({ tenant: tenant.tenant.slug, email: 'ravi@lumen.example', password: 'long enough pass' });
    expect(res.json().user.role).toBe('supervisor');
    const twice = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'ravi@lumen.example', name: 'R', role: 'agent' },
    });
    expect(twice.statusCode).toBe(409);
  });
});

describe('the server', () => {
  it('publishes an OpenAPI document covering the API, and a docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/contacts',
      '/api/v1/customers/{id}/timeline',
      '/api/v1/cases',
      '/api/v1/cases/{id}',
      '/api/v1/search',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
    // Every error answer refers to the one shape, written out once.
    const answers = Object.values(doc.paths as Record<string, Record<string, { responses: object }>>)
      .flatMap((operations) => Object.values(operations))
      .flatMap((operation) => Object.entries(operation.responses));
    const errorAnswers = answers.filter(([status]) => /^[45]/.test(status));
    const shared = errorAnswers.filter(
      ([, answer]) => (answer as { $ref?: string }).$ref === '#/components/responses/Error',
    );
    expect(shared.length).toBeGreaterThan(100);
    const writtenOut = errorAnswers.filter(([, answer]) => {
      const json = (answer as { content?: Record<string, unknown> }).content?.['application/json'];
      return JSON.stringify(json ?? {}).includes('"required":["error"]');
    });
    expect(writtenOut).toEqual([]);
    expect(doc.components.responses.Error.content['application/json'].schema.properties.error.required).toEqual([
      'code',
      'message',
    ]);
    // The reference opens on its areas: each one an operation names is listed, with what it holds.
    const used = new Set(
      Object.values(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap((operations) =>
        Object.values(operations).flatMap((operation) => operation.tags ?? []),
      ),
    );
    const areas = doc.tags as { name: string; description: string }[];
    expect(areas.map((a) => a.name).sort()).toEqual([...used].sort());
    for (const area of areas) expect(area.description.length).toBeGreaterThan(10);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('reports health and answers unknown routes with a JSON 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({
      status: 'ok',
      store: t.database.kind,
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
