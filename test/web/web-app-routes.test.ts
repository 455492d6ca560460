import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_APP_DIST } from '../../src/http/web-app-files.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// The global setup builds the web app, so the server has something to send.
describe('the web app served by Hearken', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    '/',
    '/signin',
    '/work',
    '/work/cases/123',
    '/supervisor',
    '/review',
    '/admin',
    '/admin/people',
    '/set-password',
    '/portal/acme',
    '/portal/acme/cases/1',
  ])('answers %s with the single page, never cached', async (url) => {
    const response = await t.call(undefined, { method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root">');
  });

  it('sends the hashed assets with a long cache life', async () => {
    expect(existsSync(`${WEB_APP_DIST}/index.html`)).toBe(true);
    const script = (await readdir(`${WEB_APP_DIST}/assets`)).find((name) => name.endsWith('.js'))!;
    const response = await t.call(undefined, { method: 'GET', url: `/assets/${script}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers a browser that follows a wrong link with the app (its not-found page), status 404', async () => {
    const response = await t.call(undefined, {
      method: 'GET',
      url: '/no-such-screen/42',
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<div id="root">');
    const program = await t.call(undefined, { method: 'GET', url: '/no-such-screen/42' });
    expect(program.statusCode).toBe(404);
    expect(program.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('keeps unknown API paths as JSON errors, not the page', async () => {
    const fromBrowser = await t.call(undefined, {
      method: 'GET',
      url: '/api/v1/no-such-thing',
      headers: { accept: 'text/html' },
    });
    expect(fromBrowser.json()).toMatchObject({ error: { code: 'not_found' } });
    const response = await t.call(undefined, { method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: expect.any(String) } });
  });

  it("is React's production build, though the test runner built it (NODE_ENV=test)", async () => {
    const scripts = (await readdir(`${WEB_APP_DIST}/assets`)).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const text = await readFile(`${WEB_APP_DIST}/assets/${name}`, 'utf8');
      // The development JSX runtime and React's development warnings make every screen slower.
      expect(text, name).not.toContain('jsxDEV');
      expect(text, name).not.toContain('recordLegacyContextWarning');
    }
  });
});
