import type { CaseStatus, Channel } from '../vocabulary.ts';
import { isOpenStatus } from '../cases/status.ts';

export interface LinkedCase {
  id: string;
  customerId: string;
  status: CaseStatus;
  updatedAt: Date;
}

export interface ResolutionPlan {
  /** Open cases to mark solved. */
  solve: string[];
  /** Cases that only get the resolution as an update (already solved, or solving was not asked for). */
  update: string[];
  /** One notification per affected customer, about one of their cases. */
  notify: { customerId: string; caseId: string }[];
}

/**
 * What resolving a problem does to its cases. Closed cases are history and are left alone.
 * Every customer with a case still on the books hears once, however many of their cases the
 * problem touched — about their open case if they have one, the most recently active otherwise.
 */
export function planResolution(cases: readonly LinkedCase[], options: { solveCases: boolean }): ResolutionPlan {
  const live = cases.filter((c) => c.status !== 'closed');
  const solve = options.solveCases ? live.filter((c) => isOpenStatus(c.status)).map((c) => c.id) : [];
  const update = live.filter((c) => !solve.includes(c.id)).map((c) => c.id);
  const chosen = new Map<string, LinkedCase>();
  for (const c of live) {
    const best = chosen.get(c.customerId);
    if (
      !best ||
      rankForNotice(c) > rankForNotice(best) ||
      (rankForNotice(c) === rankForNotice(best) && isMoreRecent(c, best))
    )
      chosen.set(c.customerId, c);
  }
  const notify = [...chosen.values()]
    .map((c) => ({ customerId: c.customerId, caseId: c.id }))
    .sort((a, b) => a.customerId.localeCompare(b.customerId));
  return { solve, update, notify };
}

const rankForNotice = (c: LinkedCase) => (isOpenStatus(c.status) ? 1 : 0);
const isMoreRecent = (a: LinkedCase, b: LinkedCase) =>
  a.updatedAt.getTime() > b.updatedAt.getTime() || (a.updatedAt.getTime() === b.updatedAt.getTime() && a.id > b.id);

/**
 * The customer's own channel: where they last wrote to us from. A call cannot be "sent", so a
 * caller hears by SMS when we have their number, else by email; someone we cannot reach any
 * other way finds it in the portal.
 */
export function notificationChannel(
  lastInbound: Channel | null,
  reachable: { email: boolean; phone: boolean },
): Channel {
  if (lastInbound === 'phone' || lastInbound === null) {
    if (lastInbound === 'phone' && reachable.phone) return 'sms';
    if (reachable.email) return 'email';
    if (reachable.phone) return 'sms';
    return 'portal';
  }
  return lastInbound;
}
