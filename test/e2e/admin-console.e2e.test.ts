import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditScreen, describeViolations, type ScreenAudit } from './helpers/accessibility.ts';
import {
  arrivesAt,
  field,
  launchBrowser,
  noLongerSees,
  openWindow,
  screenshot,
  sees,
  signInAsStaff,
  toasts,
} from './helpers/browser.ts';
import { startHearken, type RunningHearken } from './helpers/server.ts';
import { story } from './helpers/story.ts';

/*
 * The administrator sets up a new organisation in the admin console, in a real browser against a
 * real `hearken serve`: a team, an agent invited with a one-time link (who then signs in), an SLA
 * calendar and policy with its due-time preview, a mailbox, the case policy, and an API token that
 * works until it is revoked. Each section is scanned with axe and photographed.
 *
 * Skipped when DATABASE_URL is set, like the service-desk story: it always runs on its own PGlite.
 */
describe.skipIf(Boolean(process.env.DATABASE_URL))('the admin console in the browser', () => {
  let hearken: RunningHearken;
  let browser: Browser;
  const windows: Record<'admin' | 'agent', Page | undefined> = { admin: undefined, agent: undefined };
  const audits = new Map<string, ScreenAudit>();
  const { step } = story({ windows: () => windows, serverOutput: () => hearken?.output() ?? '' });
  const audit = async (page: Page, screen: string) => audits.set(screen, await auditScreen(page, screen));
  /** The picture for the README, once the confirmations have faded. */
  const picture = async (page: Page, name: string) => {
    await noLongerSees(toasts(page), 20_000);
    await screenshot(page, name);
  };
  const agent = { name: 'Ana Lima', email: 'ana.lima@lumen.example', password: 'ana-chose-this-2024' };
  let invitationLink = '';
  let apiToken = '';

  const admin = () => windows.admin!;
  const section = (name: string) =>
    admin().getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name, exact: true }).click();
  const dialog = (name: string | RegExp) => admin().getByRole('dialog', { name });
  /** A Mantine select: a textbox, or a combobox once it can expand. */
  const picker = (scope: Page | Locator, label: string) =>
    scope
      .getByRole('combobox', { name: label, exact: true })
      .or(scope.getByRole('textbox', { name: label, exact: true }))
      .first();
  const choose = async (page: Page, label: string, option: string | RegExp, within?: Locator) => {
    await picker(within ?? page, label).click();
    await page.getByRole('option', { name: option }).first().click();
  };
  const callApi = (token: string, path: string) =>
    fetch(`${hearken.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    hearken = await startHearken('lumen', 'Lumen Mobile');
    browser = await launchBrowser();
    windows.admin = (await openWindow(browser)).page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hearken?.stop();
  }, 30_000);

  it('the web app builds from its sources', () => {
    const buildError = inject('webAppBuildError');
    if (buildError) throw new Error(`The web app does not build:\n${buildError}`);
  });

  step('the administrator signs in and opens the admin console from its tab', async () => {
    const page = admin();
    await signInAsStaff(page, hearken.url, {
      organisation: hearken.organisation.tenant.slug,
      email: hearken.organisation.admin.email,
      password: hearken.organisation.admin.password,
    });
    await arrivesAt(page, /^\/work/);
    await page.getByRole('tab', { name: 'Admin' }).click();
    await arrivesAt(page, /^\/admin\/organisation$/);
    await sees(page.getByRole('heading', { name: 'Organisation', level: 1 }));
    await expect.poll(() => field(page, 'Name').inputValue()).toBe('Lumen Mobile');
  });

  step("the administrator sets the organisation's time zone", async () => {
    const page = admin();
    await choose(page, 'Time zone', 'Europe/London');
    await page.getByRole('button', { name: 'Save' }).click();
    await sees(toasts(page).filter({ hasText: 'Organisation saved' }));
    const saved = (await (await callApi(hearken.organisation.token, '/organisation')).json()) as { timeZone: string };
    expect(saved.timeZone).toBe('Europe/London');
    await picture(page, 'admin-organisation');
    await audit(page, 'admin: organisation');
  });

  step('the administrator creates a team with skills and regions', async () => {
    const page = admin();
    await section('Teams');
    await sees(page.getByText('No teams yet'));
    await audit(page, 'admin: teams, empty');
    await page.getByRole('button', { name: 'Create a team' }).click();
    const modal = dialog('Create a team');
    await field(modal, 'Name').fill('Roaming desk');
    await picker(modal, 'Skills').fill('roaming');
    await picker(modal, 'Skills').press('Enter');
    await picker(modal, 'Regions').fill('North');
    await picker(modal, 'Regions').press('Enter');
    await modal.getByRole('button', { name: 'Create team' }).click();
    await noLongerSees(modal);
    const row = page.getByRole('table', { name: 'Teams' }).getByRole('row').filter({ hasText: 'Roaming desk' });
    await sees(row.getByText('roaming'));
    await sees(row.getByText('North'));
  });

  step('a team name already taken is refused next to the form, and Escape closes the dialog', async () => {
    const page = admin();
    await page.getByRole('button', { name: 'Create a team' }).click();
    const modal = dialog('Create a team');
    await field(modal, 'Name').fill('Roaming desk');
    await field(modal, 'Name').press('Enter');
    await sees(modal.getByRole('alert').filter({ hasText: 'already exists' }));
    await page.keyboard.press('Escape');
    await noLongerSees(modal);
    await picture(page, 'admin-teams');
    await audit(page, 'admin: teams');
  });

  step('the administrator invites an agent onto the team and is shown the link once', async () => {
    const page = admin();
    await section('People');
    await page.getByRole('button', { name: 'Invite a person' }).click();
    const modal = dialog('Invite a person');
    await field(modal, 'Name').fill(agent.name);
    await field(modal, 'Email').fill(agent.email);
    await choose(page, 'Team', 'Roaming desk', modal);
    await audit(page, 'admin: invite dialog');
    await modal.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = modal.getByTestId('shown-once');
    await sees(link);
    invitationLink = (await link.textContent()) ?? '';
    expect(invitationLink).toMatch(/\/set-password#hks_/);
    await picture(page, 'admin-invitation');
    await modal.getByRole('button', { name: 'Done' }).click();
    await noLongerSees(modal);
    const row = page.getByRole('table', { name: 'People' }).getByRole('row').filter({ hasText: agent.email });
    await sees(row.getByText('Roaming desk'));
    await page.getByRole('searchbox', { name: 'Search people' }).fill('nobody-by-this-name');
    await sees(page.getByText('Nobody matches that search'));
    await page.getByRole('searchbox', { name: 'Search people' }).fill('ana');
    await sees(row);
    await page.getByRole('searchbox', { name: 'Search people' }).fill('');
    // On a small laptop the table is squeezed, and still no role or status badge is cut ("Ac…").
    await page.setViewportSize({ width: 1024, height: 800 });
    const badges = page.getByRole('table', { name: 'People' }).locator('.mantine-Badge-label');
    await sees(badges);
    const cut = await badges.evaluateAll((labels) =>
      labels.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
    );
    expect(cut).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await picture(page, 'admin-people');
    await audit(page, 'admin: people');
  });

  step('the agent opens the link, chooses a password and signs in', async () => {
    const page = (windows.agent = (await openWindow(browser)).page);
    await page.goto(invitationLink);
    await sees(page.getByRole('heading', { name: `Welcome, ${agent.name}` }));
    await field(page, 'New password').fill(agent.password);
    await field(page, 'Repeat the password').fill(agent.password);
    await picture(page, 'admin-set-password');
    await audit(page, 'set password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await sees(page.getByRole('heading', { name: 'Your password is set' }));
    await page.getByRole('link', { name: 'Go to sign-in' }).click();
    await arrivesAt(page, /^\/signin$/);
    await expect.poll(() => field(page, 'Organisation').inputValue()).toBe('lumen');
    await field(page, 'Email').fill(agent.email);
    await field(page, 'Password').fill(agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await arrivesAt(page, /^\/work/);
    await sees(page.getByRole('button', { name: `Account: ${agent.name}` }));
    // An agent has no admin tab, and the console's address sends them back to their own screens.
    expect(await page.getByRole('tab', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${hearken.url}/admin/people`);
    await arrivesAt(page, /^\/work/);
    // The link worked once.
    await page.goto(invitationLink);
    await sees(page.getByText('already been used'));
  });

  step('ten wrong passwords lock the agent out; the administrator sees it and unlocks them', async () => {
    const signIn = (password: string) =>
      fetch(`${hearken.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: hearken.organisation.tenant.slug, email: agent.email, password }),
      });
    for (let attempt = 0; attempt < 10; attempt++) await signIn('not-what-ana-chose');
    expect((await signIn(agent.password)).status).toBe(429);
    const page = admin();
    await section('People');
    await page.reload();
    const row = page.getByRole('table', { name: 'People' }).getByRole('row').filter({ hasText: agent.email });
    await sees(row.getByText(/^Locked until/));
    await row.getByRole('button', { name: `Unlock ${agent.name}` }).click();
    await sees(toasts(page).filter({ hasText: `${agent.name} can sign in again` }));
    await noLongerSees(row.getByText(/^Locked until/));
    expect((await signIn(agent.password)).status).toBe(200);
  });

  step('the administrator adds a business-hours calendar', async () => {
    const page = admin();
    await section('SLA');
    await sees(page.getByText('No calendars yet'));
    await page.getByRole('button', { name: 'Add a calendar' }).click();
    const modal = dialog('Add a calendar');
    await field(modal, 'Name').fill('London office');
    await expect.poll(() => picker(modal, 'Time zone').inputValue()).toBe('Europe/London');
    await picker(modal, 'Holidays').fill('2026-12-25');
    await picker(modal, 'Holidays').press('Enter');
    await modal.getByRole('button', { name: 'Save calendar' }).click();
    await noLongerSees(modal);
    const row = page
      .getByRole('table', { name: 'Business-hours calendars' })
      .getByRole('row')
      .filter({ hasText: 'London office' });
    await sees(row.getByText('Mon–Fri 09:00–17:00'));
  });

  step('the administrator sets the high-priority SLA and sees the due times it would give', async () => {
    const page = admin();
    await page.getByRole('button', { name: 'Edit the high policy' }).click();
    const modal = dialog('SLA for high cases');
    const firstResponse = modal.getByTestId('preview-first_response');
    await sees(firstResponse);
    const before = await firstResponse.textContent();
    await choose(page, 'Business hours', /London office/, modal);
    await field(modal, 'First response').fill('120');
    await sees(modal.getByText(/London office/).last());
    await expect.poll(() => firstResponse.textContent(), { timeout: 10_000 }).not.toBe(before);
    // The preview is the server's: the same question asked of the API gives the same answer.
    const calendars = (await (await callApi(hearken.organisation.token, '/sla/calendars')).json()) as {
      items: { id: string }[];
    };
    const server = await fetch(`${hearken.url}/api/v1/sla/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hearken.organisation.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ priority: 'high', firstResponseMinutes: 120, calendarId: calendars.items[0]!.id }),
    });
    const due = ((await server.json()) as { metrics: { metric: string; dueAt: string }[] }).metrics[0]!.dueAt;
    const shown = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/London',
    });
    expect(await firstResponse.textContent()).toBe(shown.format(new Date(due)));
    await picture(page, 'admin-sla-policy');
    await audit(page, 'admin: SLA policy dialog');
    await modal.getByRole('button', { name: 'Save policy' }).click();
    await noLongerSees(modal);
    const row = page.getByRole('table', { name: 'SLA policies' }).getByRole('row').filter({ hasText: /^high/i });
    await sees(row.getByText('2 h'));
    await sees(row.getByText(/London office/));
    await picture(page, 'admin-sla');
    await audit(page, 'admin: SLA');
  });

  step('the administrator changes the effort thresholds of the case policy', async () => {
    const page = admin();
    await section('Case policy');
    await field(page, 'Contacts').fill('4');
    await field(page, 'Contacts').press('Enter');
    await sees(toasts(page).filter({ hasText: 'Case policy saved' }));
    const saved = (await (await callApi(hearken.organisation.token, '/settings/case-policy')).json()) as {
      effortThresholds: { contacts: number };
    };
    expect(saved.effortThresholds.contacts).toBe(4);
    await picture(page, 'admin-case-policy');
    await audit(page, 'admin: case policy');
  });

  step('the administrator adds a mailbox, pressing Enter to submit', async () => {
    const page = admin();
    await section('Channels');
    await sees(page.getByText('No mailboxes of your own yet'));
    await field(page, 'Address').fill('Help@Lumen.example');
    await field(page, 'Address').press('Enter');
    await sees(page.getByRole('table', { name: 'Mailboxes' }).getByRole('cell', { name: 'help@lumen.example' }));
    await sees(page.getByTestId('widget-snippet').filter({ hasText: 'data-organisation="lumen"' }));
    await picture(page, 'admin-channels');
    await audit(page, 'admin: channels');
  });

  step('the administrator creates an API token, shown once, that works against the API', async () => {
    const page = admin();
    await section('API tokens');
    await field(page, 'Name').fill('CRM sync');
    await field(page, 'Name').press('Enter');
    const shown = page.getByTestId('shown-once');
    await sees(shown);
    apiToken = ((await shown.textContent()) ?? '').trim();
    expect(apiToken).toMatch(/^hk_/);
    expect((await callApi(apiToken, '/cases')).status).toBe(200);
    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: 'CRM sync' });
    await sees(row.getByText('Active'));
    await picture(page, 'admin-tokens');
    await audit(page, 'admin: API tokens');
  });

  step('the administrator revokes the token, and the API refuses it at once', async () => {
    const page = admin();
    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    const modal = dialog('Revoke "CRM sync"');
    await audit(page, 'admin: revoke dialog');
    await modal.getByRole('button', { name: 'Revoke token' }).click();
    await noLongerSees(modal);
    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: 'CRM sync' });
    await sees(row.getByText(/^Revoked/));
    expect((await callApi(apiToken, '/cases')).status).toBe(401);
    // A reload shows what the server holds, and the secret is nowhere on the page any more.
    await page.reload();
    await sees(row.getByText(/^Revoked/));
    expect(await page.content()).not.toContain(apiToken);
  });

  step('the administrator deactivates the agent, whose session ends at once', async () => {
    const page = admin();
    await section('People');
    await page.getByRole('button', { name: `Manage ${agent.name}` }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    const modal = dialog(`Deactivate ${agent.name}`);
    await sees(modal.getByText('Their open cases go to the lead of Roaming desk', { exact: false }));
    await audit(page, 'admin: deactivate dialog');
    await modal.getByRole('button', { name: 'Deactivate' }).click();
    await noLongerSees(modal);
    const row = page.getByRole('table', { name: 'People' }).getByRole('row').filter({ hasText: agent.email });
    await sees(row.getByText('Deactivated'));
    const agentPage = windows.agent!;
    await agentPage.goto(`${hearken.url}/work`);
    await arrivesAt(agentPage, /^\/signin$/);
  });

  describe('accessibility (axe-core, WCAG 2 A and AA): no serious or critical violations', () => {
    it.each([
      'admin: organisation',
      'admin: teams, empty',
      'admin: teams',
      'admin: invite dialog',
      'admin: people',
      'set password',
      'admin: SLA policy dialog',
      'admin: SLA',
      'admin: case policy',
      'admin: channels',
      'admin: API tokens',
      'admin: revoke dialog',
      'admin: deactivate dialog',
    ])('%s', (screen) => {
      const found = audits.get(screen);
      if (!found) throw new Error(`the story did not reach the ${screen} screen, so it was not checked`);
      if (found.violations.length > 0) throw new Error(describeViolations(found));
    });
  });
});
