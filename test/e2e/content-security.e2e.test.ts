import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivesAt, launchBrowser, openWindow, sees, settle, signInAsStaff } from './helpers/browser.ts';
import { startHearken, type RunningHearken } from './helpers/server.ts';

/*
 * The strict Content-Security-Policy (src/http/security-headers.ts) must not break what people
 * use: the web app's screens, the API docs, and the chat widget on a customer's own site. Each
 * page is watched for CSP violations (the browser's securitypolicyviolation events and console
 * messages), and none may appear. Skipped on PostgreSQL like the other browser tests.
 */
describe.skipIf(Boolean(process.env.DATABASE_URL))('the security headers in the browser', () => {
  let hearken: RunningHearken;
  let browser: Browser;
  let customerSite: Server;
  let customerSiteUrl = '';

  beforeAll(async () => {
    hearken = await startHearken('csp', 'CSP Mobile');
    browser = await launchBrowser();
    // A customer's web site on another origin (another port) that embeds the chat widget.
    customerSite = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html><head><title>Shop</title></head><body><h1>Our shop</h1>` +
          `<script src="${hearken.url}/widget.js" data-organisation="csp" async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => customerSite.listen(0, '127.0.0.1', resolve));
    customerSiteUrl = `http://127.0.0.1:${(customerSite.address() as AddressInfo).port}/`;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => customerSite?.close(resolve));
    await hearken?.stop();
  }, 30_000);

  /** A window that records every CSP violation its pages report. */
  async function watchedWindow(): Promise<{ page: Page; violations: string[] }> {
    const { page } = await openWindow(browser);
    const violations: string[] = [];
    await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
          `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`,
        );
      });
    });
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    return { page, violations };
  }

  it('shows the API docs with no CSP violation', async () => {
    const { page, violations } = await watchedWindow();
    await page.goto(`${hearken.url}/api/docs`);
    // The reference opens on its areas; one opened shows its operations.
    await sees(page.locator('.opblock-tag', { hasText: 'verification' }));
    await page.locator('.opblock-tag', { hasText: 'verification' }).first().click();
    await sees(page.locator('.opblock', { hasText: '/api/v1/customers/{id}/verification' }));
    await settle(page);
    expect(violations).toEqual([]);
  });

  it('runs the web app: sign-in, every staff screen and signing out (a body-less POST), with no CSP violation', async () => {
    const { page, violations } = await watchedWindow();
    await signInAsStaff(page, hearken.url, {
      organisation: hearken.organisation.tenant.slug,
      email: hearken.organisation.admin.email,
      password: hearken.organisation.admin.password,
    });
    await arrivesAt(page, /^\/work/);
    for (const path of ['/work', '/supervisor', '/review', '/admin/organisation', '/admin/people', '/outbox']) {
      await page.goto(`${hearken.url}${path}`);
      await sees(page.getByRole('heading', { level: 1 }));
      await settle(page);
    }
    await page.getByRole('button', { name: /^Account: / }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await arrivesAt(page, /^\/signin$/);
    const me = await page.request.get(`${hearken.url}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
    expect(violations).toEqual([]);
  });

  it("loads the chat widget on a customer's site of another origin", async () => {
    const { page, violations } = await watchedWindow();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    await page.goto(customerSiteUrl);
    await page.locator('[data-hearken-chat="csp"]').waitFor({ state: 'attached' });
    expect(failed).toEqual([]);
    expect(violations).toEqual([]);
  });
});
