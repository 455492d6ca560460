import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Behind a proxy that says whether the browser came over https; a short request timeout keeps the slow-body test quick.
let t: TestApp;
let base: string;
let tenant: CreatedTenant;
let cookie: string;
beforeAll(async () => {
  t = await startTestApp({ trustProxy: true, requestTimeoutMs: 1000, bodyLimit: 64 * 1024 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  tenant = await t.newTenant();
  cookie = await signIn();
});
afterAll(() => t.close());

async function signIn(headers: Record<string, string> = {}): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers,
    payload: { tenant: tenant.tenant.slug, email: tenant.admin.email, password: tenant.admin.password },
  });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

/** Sends raw bytes on a socket and collects everything the server answers until it closes the connection. */
function rawExchange(
  send: (socket: ReturnType<typeof connect>) => void,
): Promise<{ text: string; closedAfterMs: number }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), '127.0.0.1', () => send(socket));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
    setTimeout(() => reject(new Error(`socket still open after 15 s: ${text}`)), 15_000).unref();
  });
}
const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));

describe('security headers', () => {
  it('sends a strict CSP, nosniff, no framing and a same-origin referrer policy on pages and the API', async () => {
    for (const url of ['/', '/signin', '/api/docs/', '/api/v1/cases', '/api/openapi.json', '/no-such-page']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      // Plain http: no HSTS (a browser would ignore it, and a laptop demo must stay reachable).
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('lets other sites load the chat widget script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends HSTS over https (as a trusted proxy says), and when the public address is https', async () => {
    const viaProxy = await t.app.inject({ method: 'GET', url: '/signin', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaProxy.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const publicHttps = await buildApp({ database: t.database, publicUrl: 'https://help.example.com' });
    try {
      const res = await publicHttps.inject({ method: 'GET', url: '/signin' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await publicHttps.close();
    }
  });
});

describe('session cookie', () => {
  const login = (app: TestApp['app'], headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers,
      payload: { tenant: tenant.tenant.slug, email: tenant.admin.email, password: tenant.admin.password },
    });

  it('is Secure when the request came over https through a trusted proxy, and not over plain http', async () => {
    expect(String((await login(t.app, { 'x-forwarded-proto': 'https' })).headers['set-cookie'])).toMatch(/; Secure/);
    expect(String((await login(t.app)).headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('is Secure whenever the public address is https (HEARKEN_PUBLIC_URL)', async () => {
    const app = await buildApp({ database: t.database, publicUrl: 'https://help.example.com' });
    try {
      expect(String((await login(app)).headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await app.close();
    }
  });

  it('gets a new session id at every sign-in, and the one presented before no longer works', async () => {
    const before = await signIn();
    const after = await signIn({ cookie: before });
    expect(after).not.toBe(before);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: before } })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: after } })).statusCode).toBe(
      200,
    );
  });
});

describe('cross-site requests (CSRF)', () => {
  const none = '00000000-0000-4000-8000-000000000000';
  const bodyless = [
    '/api/v1/channels/webhook-secrets',
    `/api/v1/analysis/models/${none}/activate`,
    `/api/v1/cases/${none}/escalation/accept`,
    `/api/v1/cases/${none}/unmerge`,
    '/api/v1/auth/logout',
  ];

  it('refuses body-less changes sent as a cross-site form would (text/plain, or no type) with the cookie', async () => {
    for (const url of bodyless) {
      for (const headers of [
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/x-www-form-urlencoded' },
        {},
      ]) {
        const res = await t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload: '' });
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code, url).toBe('cross_site_refused');
      }
    }
    // The session is still there: the logout did not run.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuses a change whose browser says it comes from another site, JSON or not', async () => {
    const json = { cookie, 'content-type': 'application/json' };
    const payload = { repeatWindowMinutes: 60 };
    for (const headers of [
      { ...json, 'sec-fetch-site': 'cross-site' },
      { ...json, 'sec-fetch-site': 'same-site' },
      { ...json, origin: 'https://evil.example' },
      { ...json, origin: 'null' },
    ]) {
      const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/channels/settings', headers, payload });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error.code).toBe('cross_site_refused');
    }
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { tenant: tenant.tenant.slug, email: tenant.admin.email, password: tenant.admin.password },
    });
    expect(login.statusCode).toBe(403);
  });

  it("takes the web app's own requests: same origin, with JSON or X-Requested-With", async () => {
    const own = { cookie, host: 'hearken.test', origin: 'http://hearken.test', 'sec-fetch-site': 'same-origin' };
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/channels/settings',
      headers: { ...own, 'content-type': 'application/json' },
      payload: { repeatWindowMinutes: 90 },
    });
    expect(patched.statusCode).toBe(200);
    const rotated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/channels/webhook-secrets',
      headers: { ...own, 'x-requested-with': 'hearken' },
    });
    expect(rotated.statusCode).toBe(201);
    // The browser's own word decides: behind a dev proxy, Origin and Host may differ for our pages.
    const devProxy = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/channels/settings',
      headers: { cookie, origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin' },
      payload: { repeatWindowMinutes: 92 },
    });
    expect(devProxy.statusCode).toBe(200);
    // Through an https proxy the origin is https too.
    const viaProxy = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/channels/settings',
      headers: { cookie, host: 'hearken.test', origin: 'https://hearken.test', 'x-forwarded-proto': 'https' },
      payload: { repeatWindowMinutes: 91 },
    });
    expect(viaProxy.statusCode).toBe(200);
  });

  it('leaves API tokens alone: no cookie, nothing to forge', async () => {
    const res = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/channels/webhook-secrets',
      headers: { 'content-type': 'text/plain', origin: 'https://elsewhere.example' },
      payload: '',
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('slow requests', () => {
  it('closes a connection whose body trickles in, with a 408 in the documented shape', async () => {
    const { text, closedAfterMs } = await rawExchange((socket) => {
      socket.write(
        // Signing in is public: the server waits for the whole body before answering.
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      );
      const drip = setInterval(() => (socket.writable ? socket.write(' ') : clearInterval(drip)), 400);
      socket.on('close', () => clearInterval(drip));
    });
    expect(text).toMatch(/^HTTP\/1.1 408 /);
    expect(bodyOf(text)).toEqual({
      error: { code: 'request_timeout', message: 'The request took too long to arrive and was closed' },
    });
    expect(closedAfterMs).toBeLessThan(5000);
  });

  it('closes a connection whose headers never end', async () => {
    const { text } = await rawExchange((socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const drip = setInterval(() => (socket.writable ? socket.write('X-A: b\r\n') : clearInterval(drip)), 300);
      socket.on('close', () => clearInterval(drip));
    });
    expect(text).toMatch(/^HTTP\/1.1 408 /);
  });
});

describe('errors Fastify raises outside the routes', () => {
  const expectShape = (body: unknown, code: string) =>
    expect(body).toEqual({ error: { code, message: expect.any(String) } });

  it('answers headers that are too large with 431 in the documented shape', async () => {
    const { text } = await rawExchange((socket) =>
      socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    expect(text).toMatch(/^HTTP\/1.1 431 /);
    expectShape(bodyOf(text), 'headers_too_large');
  });

  it('answers a request that is not HTTP with 400 in the documented shape', async () => {
    const { text } = await rawExchange((socket) => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    expect(text).toMatch(/^HTTP\/1.1 400 /);
    expectShape(bodyOf(text), 'bad_request');
  });

  it('gives 414, 400, 404 and 413 the documented shape', async () => {
    const longParam = await t.call(tenant.token, { method: 'GET', url: `/api/v1/cases/${'a'.repeat(300)}` });
    expect(longParam.statusCode).toBe(414);
    expectShape(longParam.json(), 'uri_too_long');
    expect(longParam.body).not.toContain('aaaa');

    const badJson = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { 'content-type': 'application/json' },
      payload: '{"channel": ',
    });
    expect(badJson.statusCode).toBe(400);
    expectShape(badJson.json(), 'bad_request');

    const noRoute = await t.call(tenant.token, { method: 'GET', url: '/api/v1/no-such-thing' });
    expect(noRoute.statusCode).toBe(404);
    expectShape(noRoute.json(), 'not_found');

    const tooLarge = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(70 * 1024) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expectShape(tooLarge.json(), 'payload_too_large');

    const badUrl = await t.app.inject({ method: 'GET', url: '/api/v1/cases/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expectShape(badUrl.json(), 'bad_request');
  });
});
