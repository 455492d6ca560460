import type { CasePriority } from '../vocabulary.ts';

/** The three promises an SLA makes about a case. */
export const SLA_METRICS = ['first_response', 'next_update', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export interface SlaTargets {
  /** From the case opening to the first reply to the customer. */
  firstResponseMinutes: number;
  /** From each reply (or the opening) to the next one; paused while waiting on the customer. */
  nextUpdateMinutes: number;
  /** From the opening to solved; paused while waiting on the customer. */
  resolutionMinutes: number;
}

/** A tenant's SLA for one priority. Targets are business minutes on the calendar (24/7 when none). */
export interface SlaPolicy {
  priority: CasePriority;
  targets: SlaTargets;
  calendarId: string | null;
  /** Warn this many business minutes before the deadline… */
  warnBeforeMinutes: number | null;
  /** …or when this share of the target has been used. Exactly one of the two is set. */
  warnAtPercent: number | null;
}

const HOUR = 60;

/** Used for any priority a tenant has not set: a 24/7 clock, tighter for more urgent cases. */
export const DEFAULT_SLA_TARGETS: Record<CasePriority, SlaTargets> = {
  urgent: { firstResponseMinutes: 1 * HOUR, nextUpdateMinutes: 4 * HOUR, resolutionMinutes: 8 * HOUR },
  high: { firstResponseMinutes: 4 * HOUR, nextUpdateMinutes: 8 * HOUR, resolutionMinutes: 24 * HOUR },
  normal: { firstResponseMinutes: 8 * HOUR, nextUpdateMinutes: 24 * HOUR, resolutionMinutes: 72 * HOUR },
  low: { firstResponseMinutes: 24 * HOUR, nextUpdateMinutes: 72 * HOUR, resolutionMinutes: 168 * HOUR },
};

/** Warn when four fifths of the time are gone. */
export const DEFAULT_WARN_AT_PERCENT = 80;

/** Longest target accepted: a year. */
export const MAX_TARGET_MINUTES = 366 * 24 * HOUR;

export const defaultSlaPolicy = (priority: CasePriority): SlaPolicy => ({
  priority,
  targets: { ...DEFAULT_SLA_TARGETS[priority] },
  calendarId: null,
  warnBeforeMinutes: null,
  warnAtPercent: DEFAULT_WARN_AT_PERCENT,
});

export function targetFor(targets: SlaTargets, metric: SlaMetric): number {
  switch (metric) {
    case 'first_response':
      return targets.firstResponseMinutes;
    case 'next_update':
      return targets.nextUpdateMinutes;
    case 'resolution':
      return targets.resolutionMinutes;
  }
}

/** How many business minutes before the deadline the warning comes, never more than the target itself. */
export function warningLeadMinutes(
  policy: Pick<SlaPolicy, 'warnBeforeMinutes' | 'warnAtPercent'>,
  targetMinutes: number,
): number {
  const lead =
    policy.warnBeforeMinutes ?? (targetMinutes * (100 - (policy.warnAtPercent ?? DEFAULT_WARN_AT_PERCENT))) / 100;
  return Math.min(Math.max(lead, 0), targetMinutes);
}

export type SlaPolicyCheck = { ok: true } | { ok: false; problems: string[] };

export function checkSlaPolicy(policy: Omit<SlaPolicy, 'priority' | 'calendarId'>): SlaPolicyCheck {
  const problems: string[] = [];
  for (const [name, minutes] of Object.entries(policy.targets)) {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TARGET_MINUTES)
      problems.push(`${name} must be a whole number of minutes from 1 to ${MAX_TARGET_MINUTES}`);
  }
  if (policy.warnBeforeMinutes !== null && policy.warnAtPercent !== null)
    problems.push('Give warnBeforeMinutes or warnAtPercent, not both');
  if (
    policy.warnBeforeMinutes !== null &&
    (!Number.isInteger(policy.warnBeforeMinutes) || policy.warnBeforeMinutes < 0)
  ) {
    problems.push('warnBeforeMinutes must be a whole number of minutes, 0 or more');
  }
  if (
    policy.warnAtPercent !== null &&
    (!Number.isInteger(policy.warnAtPercent) || policy.warnAtPercent < 1 || policy.warnAtPercent > 99)
  ) {
    problems.push('warnAtPercent must be a whole number from 1 to 99');
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true };
}
