import type { CaseStatus } from '../vocabulary.ts';
import { addBusinessMs, businessMsBetween, type BusinessCalendar } from './calendar.ts';
import { SLA_METRICS, targetFor, warningLeadMinutes, type SlaMetric, type SlaPolicy } from './sla-policy.ts';

/**
 * SLA clocks of one case. Each promise runs in cycles: first response and resolution have one
 * cycle from the opening; next update starts a new cycle at the opening, at every reply to the
 * customer and when a solved case reopens. A cycle's clock counts business time only, and for
 * next update and resolution only while the case is new or open: waiting on the customer
 * (pending) pauses it. Solving the case meets every promise still open.
 */

/** What the clocks are computed from. */
export interface CaseSlaFacts {
  createdAt: Date;
  /** The case's status changes after it opened as `new`, in any order. */
  statusChanges: { at: Date; to: CaseStatus }[];
  /** When someone wrote to the customer on this case (outbound contacts), in any order. */
  agentUpdates: Date[];
}

export type SlaStatus = 'ok' | 'warning' | 'breached' | 'satisfied' | 'paused';

export interface SlaCycle {
  metric: SlaMetric;
  targetMinutes: number;
  startedAt: Date;
  /** When the promise was kept (reply, update, solve); null while it is open. */
  satisfiedAt: Date | null;
  /** When the target is reached; null while the clock is paused short of it. */
  dueAt: Date | null;
  warnAt: Date | null;
  /** The clock was paused (waiting on the customer) at `now`. */
  paused: boolean;
  status: SlaStatus;
  /** Business minutes left at `now`, or when kept; negative once overdue. */
  businessMinutesLeft: number;
}

export type SlaClocks = Record<SlaMetric, SlaCycle[]>;

const MINUTE = 60_000;
const STOPPED: readonly CaseStatus[] = ['solved', 'closed'];
const COUNTING: readonly CaseStatus[] = ['new', 'open'];

interface Period {
  from: number;
  to: number;
  status: CaseStatus;
}

/** The case's statuses as back-to-back periods from its opening; the last runs on for ever. */
function statusPeriods(facts: CaseSlaFacts): Period[] {
  const opened = facts.createdAt.getTime();
  const changes = facts.statusChanges
    .map((c, index) => ({ at: Math.max(c.at.getTime(), opened), to: c.to, index }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const periods: Period[] = [{ from: opened, to: Infinity, status: 'new' }];
  for (const change of changes) {
    const last = periods[periods.length - 1]!;
    if (change.to === last.status) continue;
    if (change.at === last.from) periods.pop();
    else last.to = change.at;
    periods.push({ from: change.at, to: Infinity, status: change.to });
  }
  return periods;
}

function statusAt(periods: Period[], t: number): CaseStatus {
  let status: CaseStatus = 'new';
  for (const p of periods) if (p.from <= t) status = p.status;
  return status;
}

/** When the case was next solved or closed, at or after `t`. */
const stoppedAfter = (periods: Period[], t: number): number | undefined =>
  periods.find((p) => STOPPED.includes(p.status) && p.from >= t)?.from;

/** When the case was solved, if it is solved or closed now (closing a solved case does not move it). */
function solvedAt(periods: Period[]): number | undefined {
  let i = periods.length - 1;
  if (!STOPPED.includes(periods[i]!.status)) return undefined;
  while (i > 0 && STOPPED.includes(periods[i - 1]!.status)) i--;
  return periods[i]!.from;
}

/** The stretches of [from, to) in which a clock counting in `counting` statuses runs. */
function runningSegments(
  periods: Period[],
  from: number,
  to: number,
  counting: readonly CaseStatus[],
): [number, number][] {
  const segments: [number, number][] = [];
  for (const p of periods) {
    if (!counting.includes(p.status)) continue;
    const start = Math.max(p.from, from);
    const end = Math.min(p.to, to);
    if (end > start) segments.push([start, end]);
  }
  return segments;
}

/** The instant the running clock has counted `ms` business time, or null when it is paused before. */
function reach(segments: [number, number][], ms: number, calendar: BusinessCalendar): number | null {
  let remaining = ms;
  for (const [start, end] of segments) {
    if (end === Infinity) return addBusinessMs(start, remaining, calendar);
    const span = businessMsBetween(start, end, calendar);
    if (span >= remaining) return addBusinessMs(start, remaining, calendar);
    remaining -= span;
  }
  return null;
}

const elapsed = (segments: [number, number][], until: number, calendar: BusinessCalendar): number =>
  segments.reduce(
    (sum, [start, end]) => (start >= until ? sum : sum + businessMsBetween(start, Math.min(end, until), calendar)),
    0,
  );

function cycle(
  metric: SlaMetric,
  start: number,
  satisfied: number | undefined,
  counting: readonly CaseStatus[],
  context: { periods: Period[]; policy: SlaPolicy; calendar: BusinessCalendar; now: number },
): SlaCycle {
  const { periods, policy, calendar, now } = context;
  const targetMinutes = targetFor(policy.targets, metric);
  const segments = runningSegments(periods, start, satisfied ?? Infinity, counting);
  const due = reach(segments, targetMinutes * MINUTE, calendar);
  const warn = reach(segments, (targetMinutes - warningLeadMinutes(policy, targetMinutes)) * MINUTE, calendar);
  const kept = satisfied !== undefined && satisfied <= now;
  const paused = !kept && now >= start && !counting.includes(statusAt(periods, now));
  const left = targetMinutes * MINUTE - elapsed(segments, Math.min(now, satisfied ?? now), calendar);
  let status: SlaStatus = 'ok';
  if (due !== null && due <= now && (satisfied === undefined || due < satisfied)) status = 'breached';
  else if (kept) status = 'satisfied';
  else if (paused) status = 'paused';
  else if (warn !== null && warn <= now) status = 'warning';
  return {
    metric,
    targetMinutes,
    startedAt: new Date(start),
    satisfiedAt: satisfied === undefined ? null : new Date(satisfied),
    dueAt: due === null ? null : new Date(due),
    warnAt: warn === null ? null : new Date(warn),
    paused,
    status,
    businessMinutesLeft: left / MINUTE,
  };
}

/** Every cycle of every SLA clock of a case, judged at `now`; the last cycle of each is the current one. */
export function slaClocks(facts: CaseSlaFacts, policy: SlaPolicy, calendar: BusinessCalendar, now: Date): SlaClocks {
  const periods = statusPeriods(facts);
  const context = { periods, policy, calendar, now: now.getTime() };
  const opened = facts.createdAt.getTime();
  const firstStop = stoppedAfter(periods, opened);
  const updates = [...new Set(facts.agentUpdates.map((u) => Math.max(u.getTime(), opened)))].sort((a, b) => a - b);

  const firstReply = updates[0];
  const responded = [firstReply, firstStop].filter((t): t is number => t !== undefined);
  const firstResponse = cycle(
    'first_response',
    opened,
    responded.length > 0 ? Math.min(...responded) : undefined,
    ['new', 'open', 'pending'],
    context,
  );

  const resolution = cycle('resolution', opened, solvedAt(periods), COUNTING, context);

  // A reply while the case is solved does not start a promise; a reopening does.
  const reopenings = periods
    .filter((p, i) => i > 0 && !STOPPED.includes(p.status) && STOPPED.includes(periods[i - 1]!.status))
    .map((p) => p.from);
  const starts = [
    ...new Set([opened, ...updates.filter((u) => !STOPPED.includes(statusAt(periods, u))), ...reopenings]),
  ].sort((a, b) => a - b);
  const nextUpdate = starts.map((start, i) => {
    const ends = [starts[i + 1], stoppedAfter(periods, start)].filter((t): t is number => t !== undefined);
    return cycle('next_update', start, ends.length > 0 ? Math.min(...ends) : undefined, COUNTING, context);
  });

  return { first_response: [firstResponse], next_update: nextUpdate, resolution: [resolution] };
}

export const currentCycle = (clocks: SlaClocks, metric: SlaMetric): SlaCycle =>
  clocks[metric][clocks[metric].length - 1]!;

/** What was stored about a clock's current cycle when it was last tracked. */
export interface TrackedCycle {
  startedAt: Date;
  satisfiedAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

export interface SlaAlert {
  kind: 'warning' | 'breach';
  metric: SlaMetric;
  cycleStartedAt: Date;
  dueAt: Date;
  /** When it happened: the warning time, or the deadline. */
  at: Date;
}

/**
 * The warnings and breaches to record now. Each cycle is judged once: cycles that were already
 * over when last tracked keep the verdict they had (a later change of priority or policy does not
 * rewrite history), and a cycle already warned or breached is not alerted again. A warning is a
 * nudge to act: it is only given while the cycle is running and not yet overdue.
 */
export function alertsDue(cycles: SlaCycle[], tracked: TrackedCycle | undefined, now: Date): SlaAlert[] {
  const t = now.getTime();
  const candidates =
    tracked === undefined
      ? cycles.slice(-1)
      : cycles.filter((c) => c.startedAt.getTime() >= tracked.startedAt.getTime());
  const alerts: SlaAlert[] = [];
  for (const c of candidates) {
    const same = tracked !== undefined && c.startedAt.getTime() === tracked.startedAt.getTime();
    if (same && tracked.satisfiedAt !== null && c.satisfiedAt !== null) continue;
    const satisfied = c.satisfiedAt?.getTime() ?? Infinity;
    const due = c.dueAt?.getTime();
    const breached = due !== undefined && due <= t && due < satisfied;
    if (breached && !(same && tracked.breachedAt !== null)) {
      alerts.push({ kind: 'breach', metric: c.metric, cycleStartedAt: c.startedAt, dueAt: c.dueAt!, at: c.dueAt! });
    }
    const warn = c.warnAt?.getTime();
    const running = satisfied > t && !c.paused && due !== undefined && due > t;
    if (
      warn !== undefined &&
      due !== undefined &&
      warn <= t &&
      warn < due &&
      running &&
      !(same && (tracked.warnedAt !== null || tracked.breachedAt !== null))
    ) {
      alerts.push({ kind: 'warning', metric: c.metric, cycleStartedAt: c.startedAt, dueAt: c.dueAt!, at: c.warnAt! });
    }
  }
  return alerts;
}

export const allCurrentCycles = (clocks: SlaClocks): SlaCycle[] => SLA_METRICS.map((m) => currentCycle(clocks, m));
