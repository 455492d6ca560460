import { alertsDue, currentCycle, slaClocks, type SlaAlert, type SlaClocks } from '../../domain/sla/sla-clock.ts';
import { SLA_METRICS, type SlaMetric } from '../../domain/sla/sla-policy.ts';
import { findCase, insertCaseEvents, type NewCaseEvent } from '../../store/repositories/cases.ts';
import type { JobRow } from '../../store/repositories/jobs.ts';
import { cancelJobs } from '../../store/repositories/jobs.ts';
import {
  deleteSlaClocks,
  listSlaClocks,
  loadCaseSlaFacts,
  saveSlaClocks,
  setTimers,
  type SlaClockFields,
  type Timer,
} from '../../store/repositories/sla.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import { caseSlaView, countBreaches, SLA_BREACHED_EVENT, SLA_WARNING_EVENT, type CaseSlaView } from './case-sla.ts';
import { loadSlaRules, type SlaRules } from './sla-rules.ts';
import type { CaseRow } from '../../store/schema.ts';

export const SLA_WARNING_JOB = 'sla.warning';
export const SLA_BREACH_JOB = 'sla.breach';
export const slaWarningKey = (caseId: string, metric: SlaMetric) => `sla-warning:${caseId}:${metric}`;
export const slaBreachKey = (caseId: string, metric: SlaMetric) => `sla-breach:${caseId}:${metric}`;

/**
 * Brings a case's SLA clocks up to date at `now`: recomputes them from the case, its status
 * changes and its outbound contacts; records the warnings and breaches that have become due
 * (each once: the case row is locked, and the stored clocks say what was already recorded);
 * stores the clocks; and sets the durable timers for the next warning and breach of each
 * promise, or cancels them when the promise is kept, paused, or the case is solved.
 * Returns null when there is no such case.
 */
export function trackCaseSla(scope: TenantScope, caseId: string, now: Date): Promise<CaseSlaView | null> {
  return inTransaction(scope, async (tx) => {
    const tracked = await updateCaseSla(tx, caseId, now);
    return tracked && caseSlaView(tracked.row, tracked.rules, tracked.clocks, await countBreaches(tx, caseId));
  });
}

/**
 * trackCaseSla for a case change, which only needs the clocks to follow it: no view to build,
 * and no savepoint, since the change's transaction already holds the case row.
 */
export async function followCaseSla(scope: TenantScope, caseId: string, now: Date): Promise<void> {
  await updateCaseSla(scope, caseId, now);
}

async function updateCaseSla(
  tx: TenantScope,
  caseId: string,
  now: Date,
): Promise<{ row: CaseRow; rules: SlaRules; clocks: SlaClocks } | null> {
  const row = await findCase(tx, caseId, { forUpdate: true });
  if (!row) return null;
  const [rules, facts, stored] = [
    await loadSlaRules(tx, row.priority),
    await loadCaseSlaFacts(tx, row),
    await listSlaClocks(tx, caseId),
  ];
  const clocks = slaClocks(facts, rules.policy, rules.calendar, now);
  const tracked = new Map(stored.map((s) => [s.metric, s]));
  const alerts: SlaAlert[] = [];
  const saved: SlaClockFields[] = [];
  const timers: Timer[] = [];
  const cancelled: string[] = [];

  for (const metric of SLA_METRICS) {
    const previous = tracked.get(metric);
    const due = alertsDue(
      clocks[metric],
      previous && {
        startedAt: previous.cycleStartedAt,
        satisfiedAt: previous.satisfiedAt,
        warnedAt: previous.warnedAt,
        breachedAt: previous.breachedAt,
      },
      now,
    );
    alerts.push(...due);
    const cycle = currentCycle(clocks, metric);
    const sameCycle = previous !== undefined && previous.cycleStartedAt.getTime() === cycle.startedAt.getTime();
    const ofThisCycle = (kind: SlaAlert['kind']) =>
      due.find((a) => a.kind === kind && a.cycleStartedAt.getTime() === cycle.startedAt.getTime())?.at;
    const warnedAt = ofThisCycle('warning') ?? (sameCycle ? previous.warnedAt : null);
    const breachedAt = ofThisCycle('breach') ?? (sameCycle ? previous.breachedAt : null);
    saved.push({
      metric,
      targetMinutes: cycle.targetMinutes,
      cycleStartedAt: cycle.startedAt,
      dueAt: cycle.dueAt,
      warnAt: cycle.warnAt,
      warnedAt,
      breachedAt,
      satisfiedAt: cycle.satisfiedAt,
      paused: cycle.paused,
    });

    const job = { tenantId: tx.tenantId, payload: { caseId, metric } };
    const { dueAt, warnAt, satisfiedAt } = cycle;
    // A kept promise may still have been kept late: the breach timer stays for a deadline before the keeping.
    // Unless this cycle was already judged kept: that verdict stands (alertsDue records nothing more for
    // it), so a timer would find nothing to record and set itself again, for ever.
    const judgedKept = sameCycle && previous.satisfiedAt !== null && satisfiedAt !== null;
    const breachAhead =
      !judgedKept && dueAt !== null && breachedAt === null && (satisfiedAt === null || dueAt < satisfiedAt);
    if (breachAhead) timers.push({ ...job, kind: SLA_BREACH_JOB, key: slaBreachKey(caseId, metric), runAt: dueAt });
    else cancelled.push(slaBreachKey(caseId, metric));
    const warningAhead =
      satisfiedAt === null &&
      dueAt !== null &&
      warnAt !== null &&
      warnAt < dueAt &&
      warnedAt === null &&
      breachedAt === null;
    if (warningAhead) timers.push({ ...job, kind: SLA_WARNING_JOB, key: slaWarningKey(caseId, metric), runAt: warnAt });
    else cancelled.push(slaWarningKey(caseId, metric));
  }

  // All of a case's timers in two statements, not two per promise: this runs on every change of a case.
  await setTimers(tx.db, timers);
  await cancelJobs(tx.db, cancelled);
  await insertCaseEvents(
    tx,
    alerts
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((alert) => alertEvent(row.id, row.customerId, row.priority, alert)),
  );
  await saveSlaClocks(tx, caseId, saved, now);
  return { row, rules, clocks };
}

function alertEvent(caseId: string, customerId: string, priority: string, alert: SlaAlert): NewCaseEvent {
  return {
    caseId,
    customerId,
    kind: alert.kind === 'breach' ? SLA_BREACHED_EVENT : SLA_WARNING_EVENT,
    actorUserId: null,
    actorLabel: 'system',
    occurredAt: alert.at,
    data: {
      metric: alert.metric,
      dueAt: alert.dueAt.toISOString(),
      cycleStartedAt: alert.cycleStartedAt.toISOString(),
      priority,
    },
  };
}

/**
 * A warning or breach timer went off. The case may have changed since it was set, so nothing is
 * assumed: the case is tracked again at the timer's time, which records what is really due.
 */
export async function runSlaTimer(scope: TenantScope, job: Pick<JobRow, 'id' | 'runAt' | 'payload'>): Promise<void> {
  const { caseId } = job.payload as { caseId: string };
  await inTransaction(scope, async (tx) => {
    if (!(await findCase(tx, caseId, { forUpdate: true }))) return;
    await trackCaseSla(tx, caseId, job.runAt);
  });
}

/** For a case merged into another: its clocks stop, its timers are cancelled (its events move with the merge). */
export function stopCaseSla(scope: TenantScope, caseId: string): Promise<void> {
  return inTransaction(scope, async (tx) => {
    await cancelJobs(
      tx.db,
      SLA_METRICS.flatMap((metric) => [slaBreachKey(caseId, metric), slaWarningKey(caseId, metric)]),
    );
    await deleteSlaClocks(tx, caseId);
  });
}
