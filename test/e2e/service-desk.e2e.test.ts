import type { Browser, Page, Request as PlaywrightRequest, Response as PlaywrightResponse } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditScreen, describeViolations, type ScreenAudit } from './helpers/accessibility.ts';
import {
  arrivesAt,
  field,
  fillSignIn,
  launchBrowser,
  noLongerSees,
  openWindow,
  screenshot,
  sees,
  signInAsStaff,
  toasts,
} from './helpers/browser.ts';
import { startHearken, type RunningHearken } from './helpers/server.ts';
import { adminClient, setUpServiceDesk, type ServiceDesk } from './helpers/service-desk.ts';
import { story } from './helpers/story.ts';
import { setUpVerificationStory, type VerificationStory } from './helpers/verification.ts';

/*
 * The whole service-desk story in a real browser against a real `hearken serve`: a customer
 * writes in through the portal, an agent answers, hands the case to a colleague who accepts it.
 *
 * Skipped when DATABASE_URL is set: CI runs the suite twice, on PGlite and on PostgreSQL, and
 * this story is about what a person sees, not about the store. It always starts its own server
 * on a fresh embedded store, so a second run would repeat the same minutes and prove nothing new.
 */
describe.skipIf(Boolean(process.env.DATABASE_URL))('the service desk in the browser', () => {
  let hearken: RunningHearken;
  let desk: ServiceDesk;
  let browser: Browser;
  let helen: VerificationStory;
  const windows: Record<'customer' | 'agent' | 'colleague' | 'supervisor', Page | undefined> = {
    customer: undefined,
    agent: undefined,
    colleague: undefined,
    supervisor: undefined,
  };
  const audits = new Map<string, ScreenAudit>();
  const { step } = story({ windows: () => windows, serverOutput: () => hearken?.output() ?? '' });

  const request = {
    subject: 'Roaming data not working in Portugal',
    message: 'Since landing in Lisbon yesterday my phone shows no mobile data at all, though calls work.',
  };
  const reply =
    'Sorry about that, Priya. I have switched roaming data back on for your line: please restart your phone and tell us if it works.';
  const handOffNote =
    'Roaming profile re-provisioned; waiting for the customer to confirm after a restart. Please follow up tomorrow.';
  let portalCaseUrl = '';

  const signInDetails = (who: { email: string; password: string }) => ({
    organisation: desk.slug,
    email: who.email,
    password: who.password,
  });
  const audit = async (page: Page, screen: string) => audits.set(screen, await auditScreen(page, screen));
  const open = async (who: keyof typeof windows) => (windows[who] ??= (await openWindow(browser)).page);

  beforeAll(async () => {
    // The server and its store are this file's alone, so the organisation can have a plain name for the pictures.
    hearken = await startHearken('lumen', 'Lumen Mobile');
    desk = await setUpServiceDesk(hearken);
    helen = await setUpVerificationStory(hearken);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await helen?.close();
    await hearken?.stop();
  }, 30_000);

  // The global setup builds the web app; if that failed, the steps below run against the last build that worked.
  it('the web app builds from its sources', () => {
    const buildError = inject('webAppBuildError');
    if (buildError) throw new Error(`The web app does not build:\n${buildError}`);
  });

  step('the staff sign-in page asks for organisation, email and password', async () => {
    const page = await open('agent');
    await page.goto(`${hearken.url}/signin`);
    await sees(page.getByRole('heading', { name: 'Sign in', exact: true }));
    await sees(field(page, 'Organisation'));
    await sees(field(page, 'Email'));
    await sees(field(page, 'Password'));
    await screenshot(page, 'sign-in');
    await audit(page, 'sign-in');
  });

  step('a wrong password is refused with a message, and the person stays on sign-in', async () => {
    const page = windows.agent!;
    await fillSignIn(page, { ...signInDetails(desk.agent), password: 'not-the-password' });
    await sees(page.getByRole('alert').filter({ hasText: /password|incorrect|invalid|not recognised/i }));
    expect(new URL(page.url()).pathname).toBe('/signin');
  });

  step('a customer signs in to the portal and opens a request', async () => {
    const page = await open('customer');
    await page.goto(`${hearken.url}/portal/${desk.slug}`);
    await sees(page.getByRole('heading', { name: 'Sign in to your customer portal' }));
    await field(page, 'Email').fill(desk.customer.email);
    await field(page, 'Password').fill(desk.customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'New request' }).click();
    await field(page, 'Subject').fill(request.subject);
    await field(page, 'Message').fill(request.message);
    await page.getByRole('button', { name: 'Send request' }).click();
    // The portal may open the new case at once or list it: either way the customer can get to it.
    const conversation = page.getByRole('log', { name: 'Conversation' });
    await sees(conversation.or(page.getByRole('link', { name: new RegExp(literally(request.subject)) })));
    if (!(await conversation.isVisible()))
      await page
        .getByRole('link', { name: new RegExp(literally(request.subject)) })
        .first()
        .click();
    await sees(conversation.getByText(request.message));
    portalCaseUrl = page.url();
  });

  step('an agent signs in and finds the request unassigned in the team queue', async () => {
    const page = windows.agent!;
    await signInAsStaff(page, hearken.url, signInDetails(desk.agent));
    await arrivesAt(page, /^\/work/);
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('link', { name: /^Unassigned/ })
      .click();
    await sees(queue(page, 'Unassigned').getByRole('link', { name: new RegExp(literally(request.subject)) }));
    await screenshot(page, 'agent-queue');
    await audit(page, 'workspace queue');
  });

  step('the agent opens the case: the customer, the timeline with their message', async () => {
    const page = windows.agent!;
    await queue(page, 'Unassigned')
      .getByRole('link', { name: new RegExp(literally(request.subject)) })
      .click();
    await sees(
      page.getByRole('region', { name: 'Customer' }).getByRole('heading', { level: 2, name: desk.customer.name }),
    );
    const message = timeline(page).getByRole('article').filter({ hasText: request.message });
    await sees(message);
    // Two pictures: the first screen (the customer before anything else), then the timeline below.
    await screenshot(page, 'case-view');
    await message.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-timeline');
    await audit(page, 'case view');
  });

  step('the agent takes the case and replies to the customer', async () => {
    const page = windows.agent!;
    await page.getByRole('button', { name: 'Assign to me' }).click();
    // Every action answers with a notification that closes by itself; hovering holds it open while it is checked.
    await toasts(page).filter({ hasText: 'The case is yours' }).hover();
    await sees(page.getByText(`Owner: ${desk.agent.name}`));
    await audit(page, 'case view with a notification');
    await page.mouse.move(0, 400);
    await page.getByLabel('Reply to customer').fill(reply);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await sees(timeline(page).getByRole('article').filter({ hasText: reply }));
  });

  step('the customer sees the reply in the conversation', async () => {
    const page = windows.customer!;
    await page.goto(portalCaseUrl);
    await sees(page.getByRole('log', { name: 'Conversation' }).getByText(reply));
    await screenshot(page, 'portal-case');
    await audit(page, 'portal case');

    // Home lists the request, answered.
    await page.goto(`${hearken.url}/portal/${desk.slug}`);
    await sees(page.getByRole('link', { name: new RegExp(literally(request.subject)) }));
    await screenshot(page, 'portal-home');
    await audit(page, 'portal home');
  });

  step('the agent offers the case to a colleague with a hand-off note', async () => {
    const page = windows.agent!;
    // The notifications of the last actions close by themselves; the picture is clearer without them.
    await noLongerSees(toasts(page));
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await sees(dialog);
    const receiver = dialog.getByRole('combobox', { name: 'Transfer to' });
    await receiver.click();
    await receiver.fill(desk.colleague.name);
    await page.getByRole('option', { name: new RegExp(`^${literally(desk.colleague.name)}`) }).click();
    await dialog.getByLabel('Hand-off note').fill(handOffNote);
    await screenshot(page, 'transfer-dialog');
    await audit(page, 'transfer dialog');
    await dialog.getByRole('button', { name: 'Offer transfer' }).click();
    await noLongerSees(dialog);
  });

  step('the colleague finds it in "Transfers to me", reads the note and accepts', async () => {
    const page = await open('colleague');
    await signInAsStaff(page, hearken.url, signInDetails(desk.colleague));
    await arrivesAt(page, /^\/work/);
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('link', { name: /^Transfers to me/ })
      .click();
    await queue(page, 'Transfers to me')
      .getByRole('link', { name: new RegExp(literally(request.subject)) })
      .click();
    // The offer on the case says who offers it and carries the note, so nothing has to be asked again.
    const offer = page
      .getByRole('alert')
      .filter({ hasText: `Transfer offered by ${desk.agent.name}` })
      .filter({ hasText: handOffNote });
    await sees(offer);
    await offer.getByRole('button', { name: 'Accept transfer' }).click();
    await noLongerSees(page.getByRole('button', { name: 'Accept transfer' }));
  });

  step('the case now shows the colleague as its owner', async () => {
    const page = windows.colleague!;
    await page.reload();
    await sees(page.getByRole('region', { name: 'Customer' }));
    await sees(page.getByText(`Owner: ${desk.colleague.name}`));
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    const held = await adminClient(hearken)<{ ownerId: string | null }>('GET', `/cases/${caseId}`);
    expect(held.ownerId).toBe(desk.colleague.id);
  });

  // Seed 000: the record says 10 Orchard Row, she lives at 30, and nobody could say so or fix it.
  const verification = (page: Page) => page.getByRole('region', { name: 'Verify the caller' });
  /** Nothing the record holds for verification, nor which field differed, anywhere on the page. */
  const showsNothingStored = async (page: Page) => {
    const text = await page.locator('body').innerText();
    for (const stored of ['Orchard', 'Harrogate', 'HG1', '1986', '2468', '32.99']) expect(text).not.toContain(stored);
    expect(text.toLowerCase()).not.toMatch(/differ|house number|street/);
  };

  step(
    'a caller claims 30 Orchard Row where the record says 10: partial, and the page shows nothing stored',
    async () => {
      const page = windows.agent!;
      await page.goto(`${hearken.url}/work/cases/${helen.caseId}`);
      await sees(page.getByRole('region', { name: 'Customer' }).getByText('Verify to see the address'));
      await showsNothingStored(page);
      await verification(page).getByRole('button', { name: 'Start verification' }).click();
      // The first field has the focus: the agent types what they hear, Enter checks it.
      await sees(field(verification(page), 'Full name'));
      await page.keyboard.type('helen carter');
      await verification(page).getByLabel('Date of birth').fill('1986-07-14');
      await field(verification(page), 'Address (first line)').fill('30 Orchard Row');
      await field(verification(page), 'Postcode').fill('hg1 4qt');
      await field(verification(page), 'Postcode').press('Enter');
      await sees(verification(page).getByText('Partial', { exact: true }));
      await sees(verification(page).getByText('No assurance: share and change nothing'));
      await showsNothingStored(page);
      await screenshot(page, 'verification-partial');
      await audit(page, 'verification panel');
    },
  );

  step('a code to her registered mobile passes, and the correction task shows the difference', async () => {
    const page = windows.agent!;
    await verification(page).getByRole('button', { name: 'Send a code by text message' }).click();
    await sees(verification(page).getByText('A code was sent to the mobile number registered on the account'));
    await showsNothingStored(page);
    const code = field(verification(page), 'Code the caller reads out');
    await sees(code);
    await expect.poll(() => code.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(helen.lastCode());
    await page.keyboard.press('Enter');
    await sees(verification(page).getByText('Medium assurance: code proved, the record can be corrected'));
    await verification(page).getByRole('button', { name: 'Open the record correction' }).click();
    const differences = verification(page).getByRole('table', { name: 'What differs from the record' });
    await sees(
      differences
        .getByRole('row')
        .filter({ hasText: '10 Orchard Row, Harrogate' })
        .filter({ hasText: '30 Orchard Row, Harrogate' }),
    );
    await screenshot(page, 'verification-correction');
  });

  step('applying it corrects the record, and its history keeps the old address', async () => {
    const page = windows.agent!;
    await verification(page).getByRole('textbox', { name: 'Note' }).fill('Keying error: she has lived at 30 for years');
    await verification(page).getByRole('button', { name: 'Apply to the record' }).click();
    await sees(verification(page).getByText('Applied', { exact: true }));
    await sees(page.getByRole('region', { name: 'Customer' }).getByText(/30 Orchard Row, Harrogate/));
    const history = await adminClient(hearken)<{ items: { field: string; oldValue: { line1?: string } }[] }>(
      'GET',
      `/customers/${helen.customerId}/record-history`,
    );
    expect(history.items).toEqual([
      expect.objectContaining({ field: 'address', oldValue: expect.objectContaining({ line1: '10 Orchard Row' }) }),
    ]);
  });

  step('the supervisor sees escalations, SLA, alerts and team queues', async () => {
    const page = await open('supervisor');
    await signInAsStaff(page, hearken.url, signInDetails(desk.supervisor));
    await arrivesAt(page, /^\/work/);
    await page.goto(`${hearken.url}/supervisor`);
    for (const heading of ['Escalations waiting', 'SLA breaches and warnings', 'Live alerts', 'Team queues']) {
      await sees(page.getByRole('heading', { level: 2, name: heading }));
    }
    await screenshot(page, 'supervisor');
    await audit(page, 'supervisor');
  });

  step(
    'a reload of the supervisor view asks for its figures beside "who is signed in", not after the answer',
    async () => {
      const page = windows.supervisor!;
      const events: string[] = [];
      const watched = (url: string) => {
        const path = new URL(url).pathname;
        return path === '/api/v1/auth/me' || path === '/api/v1/supervisor/overview' ? path : undefined;
      };
      const asked = (r: PlaywrightRequest) => watched(r.url()) && events.push(`asked ${watched(r.url())}`);
      const answered = (r: PlaywrightResponse) => watched(r.url()) && events.push(`answered ${watched(r.url())}`);
      page.on('request', asked);
      page.on('response', answered);
      await page.reload();
      await sees(page.getByRole('heading', { level: 2, name: 'Escalations waiting' }));
      page.off('request', asked);
      page.off('response', answered);
      const overviewAsked = events.indexOf('asked /api/v1/supervisor/overview');
      expect(overviewAsked, events.join(', ')).toBeGreaterThanOrEqual(0);
      expect(overviewAsked, events.join(', ')).toBeLessThan(events.indexOf('answered /api/v1/auth/me'));
      // Asked once: the screen took the answer already on its way instead of asking again.
      expect(events.filter((e) => e === 'asked /api/v1/supervisor/overview')).toHaveLength(1);
    },
  );

  step("the supervisor reviews the customer's analysed request and labels it", async () => {
    const page = windows.supervisor!;
    await page.getByRole('tab', { name: 'Review' }).click();
    await arrivesAt(page, /^\/review/);
    await sees(page.getByRole('heading', { level: 1, name: 'Insight review' }));
    // The server's analysis worker read the request moments after it arrived.
    const row = page
      .getByRole('list', { name: 'Contacts to review' })
      .getByRole('listitem')
      .filter({ hasText: 'my phone shows no mobile data' })
      .first();
    await sees(row);
    await row.getByRole('button', { name: /^Label/ }).click();
    const panel = page.getByRole('dialog', { name: /^Label the contact/ });
    await sees(panel);
    // The segmented control's radios are visually hidden behind their labels, as for a person.
    await panel
      .locator('label')
      .filter({ hasText: /^Negative$/ })
      .click();
    expect(await panel.getByRole('radio', { name: 'Negative' }).isChecked()).toBe(true);
    await panel
      .getByRole('textbox', { name: 'Note' })
      .fill('Roaming left off after travel: worth a proactive text on landing.');
    await audit(page, 'review label panel');
    await panel.getByRole('button', { name: 'Save label', exact: true }).click();
    await sees(toasts(page).filter({ hasText: 'Label saved' }));
    await sees(panel.getByText('Roaming left off after travel: worth a proactive text on landing.'));
    await page.keyboard.press('Escape');
    await sees(row.getByText('1 label'));
    // The screen has its own address: reloading it (or a link to it) opens it again.
    await page.reload();
    await sees(page.getByRole('heading', { level: 1, name: 'Insight review' }));
    await sees(row.getByText('1 label'));
    await screenshot(page, 'review-queue');
    await audit(page, 'review queue');
  });

  step('search names each result’s kind in full, and a wrong link shows the app’s not-found page', async () => {
    const page = windows.supervisor!;
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: 'Search' }).fill(desk.customer.name.split(' ')[0]!);
    const kind = page.locator('.mantine-Spotlight-action .mantine-Badge-root').first();
    await sees(kind);
    // The badge's label is not cut off ("CUSTO…"): its text fits in the box it is drawn in.
    const label = kind.locator('.mantine-Badge-label');
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.keyboard.press('Escape');

    await page.goto(`${hearken.url}/no-such-screen`);
    await sees(page.getByRole('heading', { name: 'Page not found' }));
    await page.getByRole('link', { name: 'Go to Hearken' }).click();
    await sees(page.getByRole('button', { name: `Account: ${desk.supervisor.name}` }));
  });

  step('signing out returns to the sign-in page', async () => {
    const page = windows.supervisor!;
    await page.getByRole('button', { name: `Account: ${desk.supervisor.name}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await arrivesAt(page, /^\/signin$/);
    await sees(page.getByRole('button', { name: 'Sign in' }));
    await page.goto(`${hearken.url}/work`);
    await arrivesAt(page, /^\/signin$/);
  });

  step('a session ended in another tab sends the person to sign-in with a message', async () => {
    const page = windows.colleague!;
    const otherTab = await page.context().newPage();
    await otherTab.goto(`${hearken.url}/work`);
    await otherTab.getByRole('button', { name: `Account: ${desk.colleague.name}` }).click();
    await otherTab.getByRole('menuitem', { name: 'Sign out' }).click();
    await arrivesAt(otherTab, /^\/signin$/);
    await otherTab.close();

    // The first tab still shows the case; its next call to the server finds the session gone.
    await page.getByRole('button', { name: /^Search/ }).click();
    await page.getByRole('textbox', { name: 'Search' }).fill('roaming');
    await arrivesAt(page, /^\/signin$/);
    await sees(page.getByRole('status').filter({ hasText: /session has ended/i }));
  });

  step(
    "the next person to sign in at the same desk never sees the last one's queue, not even for a moment",
    async () => {
      const { context, page } = await openWindow(browser);
      try {
        await signInAsStaff(page, hearken.url, signInDetails(desk.colleague));
        const queue = page.locator('section[aria-label^="Queue:"]');
        await sees(queue.getByText(request.subject).first());
        await page.getByRole('button', { name: `Account: ${desk.colleague.name}` }).click();
        await page.getByRole('menuitem', { name: 'Sign out' }).click();
        await arrivesAt(page, /^\/signin$/);
        // From here on, every change to the page is checked for the colleague's case in a queue.
        await page.evaluate((subject) => {
          const seen = window as unknown as { lastPersonsCaseShown?: boolean };
          seen.lastPersonsCaseShown = false;
          new MutationObserver(() => {
            for (const section of document.querySelectorAll('section[aria-label^="Queue:"]'))
              if (section.textContent?.includes(subject)) seen.lastPersonsCaseShown = true;
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }, request.subject);
        // Signed in within the same app (no page load), as someone sharing the desk would.
        await fillSignIn(page, signInDetails(desk.agent));
        await sees(page.getByRole('button', { name: `Account: ${desk.agent.name}` }));
        await noLongerSees(queue.locator('.mantine-Skeleton-root'));
        await sees(queue.getByRole('heading', { level: 1 }));
        await page.waitForTimeout(500);
        expect(
          await page.evaluate(() => (window as unknown as { lastPersonsCaseShown?: boolean }).lastPersonsCaseShown),
        ).toBe(false);
      } finally {
        await context.close();
      }
    },
  );

  describe('accessibility (axe-core, WCAG 2 A and AA): no serious or critical violations', () => {
    it.each([
      'sign-in',
      'portal home',
      'workspace queue',
      'case view',
      'case view with a notification',
      'verification panel',
      'transfer dialog',
      'portal case',
      'supervisor',
      'review queue',
      'review label panel',
    ])('%s', (screen) => {
      const found = audits.get(screen);
      if (!found) throw new Error(`the story did not reach the ${screen} screen, so it was not checked`);
      if (found.violations.length > 0) throw new Error(describeViolations(found));
    });
  });
});

/** The list of one queue's cases (the workspace names it "Queue: <name>"). */
const queue = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`Queue: ${name}`) });
const timeline = (page: Page) => page.getByRole('feed', { name: 'Timeline' });
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
