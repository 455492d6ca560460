import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CI installs it when it is missing. */
export const CHROMIUM = process.env.HEARKEN_CHROMIUM ?? '/usr/bin/chromium';

/** How long a screen may take to show what the test waits for, on a busy two-core machine. */
export const SCREEN_TIMEOUT = 10_000;

/** Where the run leaves pictures of the main screens; the README points readers here. */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or name another with HEARKEN_CHROMIUM`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A window of its own per person, so each keeps their own session cookie; laptop-sized. */
export async function openWindow(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    // No fades: an audit or a screenshot taken mid-transition would judge half-drawn colours.
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(SCREEN_TIMEOUT);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  return { context, page };
}

/** Waits until the element is on screen: the test's way of asserting what a person sees. */
export async function sees(locator: Locator, timeout = SCREEN_TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Waits until the element is gone (hidden or removed). */
export async function noLongerSees(locator: Locator, timeout = SCREEN_TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

/** Waits for the address bar to show a path matching `path`. */
export async function arrivesAt(page: Page, path: RegExp): Promise<void> {
  await page.waitForURL((url) => path.test(url.pathname), { timeout: SCREEN_TIMEOUT });
}

/**
 * A text field by its exact label (password fields included). Exact, because "Password" would
 * also match the button that shows the password, and Mantine adds an asterisk to required labels.
 */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('textbox', { name: label, exact: true });
}

/** Staff sign-in through the form on /signin. */
export async function signInAsStaff(
  page: Page,
  baseUrl: string,
  who: { organisation: string; email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await fillSignIn(page, who);
}

export async function fillSignIn(
  page: Page,
  who: { organisation: string; email: string; password: string },
): Promise<void> {
  await field(page, 'Organisation').fill(who.organisation);
  await field(page, 'Email').fill(who.email);
  await field(page, 'Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * A PNG of what the person sees, for the README and for reviewers. Waits for fonts and for
 * Mantine's open/close transitions to settle so the picture is not caught mid-animation.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOTS_DIR}${name}.png` });
}

/**
 * The screen as a person would judge it: fonts loaded, nothing still loading (skeletons, a
 * loading message), and no transition under way (endless animations, like a spinner, are ignored).
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await noLongerSees(page.locator('.mantine-Skeleton-root[data-visible="true"], [role="status"] .mantine-Loader-root'));
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity,
        ),
    undefined,
    { timeout: SCREEN_TIMEOUT },
  );
}

/** Mantine's notifications (toasts), e.g. "The case is yours". */
export const toasts = (page: Page) => page.locator('.mantine-Notification-root');
