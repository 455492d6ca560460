import { screenCode } from './screen-code';

/**
 * Each section's code, loaded on its own (a customer on the portal never downloads the
 * workspace). The staff frame loads the sections a person may open once the first screen is
 * drawn and the browser is idle, so moving to another tab does not wait for its code.
 */
export const SECTION_CODE = {
  work: screenCode(() => import('./workspace/WorkspacePage').then((m) => m.WorkspacePage)),
  supervisor: screenCode(() => import('./supervisor/SupervisorPage').then((m) => m.SupervisorPage)),
  review: screenCode(() => import('./review/ReviewPage').then((m) => m.ReviewPage)),
  outbox: screenCode(() => import('./outbox/OutboxPage').then((m) => m.OutboxPage)),
  admin: screenCode(() => import('./admin/AdminPage').then((m) => m.AdminPage)),
} as const;

export type Section = keyof typeof SECTION_CODE;

/** Where each section lives in the address bar. */
export const SECTION_PATH: Record<Section, string> = {
  work: '/work',
  supervisor: '/supervisor',
  review: '/review',
  outbox: '/outbox',
  admin: '/admin',
};

/**
 * On a page load, the code of the section in the address starts downloading at once, beside the
 * question of who is signed in, instead of after it.
 */
export function loadSectionOfAddress(pathname: string): void {
  const section = (Object.keys(SECTION_PATH) as Section[]).find(
    (key) => pathname === SECTION_PATH[key] || pathname.startsWith(`${SECTION_PATH[key]}/`),
  );
  if (section) void SECTION_CODE[section].load().catch(() => undefined);
}

/** Loads the code of these sections when the browser has nothing else to do. */
export function loadSectionsWhenIdle(sections: readonly Section[]): () => void {
  const load = () => {
    for (const section of sections) void SECTION_CODE[section].load().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(load, { timeout: 4_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(load, 1_500);
  return () => window.clearTimeout(timer);
}
