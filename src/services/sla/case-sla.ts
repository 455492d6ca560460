import { and, eq } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import { currentCycle, slaClocks, type SlaClocks } from '../../domain/sla/sla-clock.ts';
import { SLA_METRICS, type SlaMetric } from '../../domain/sla/sla-policy.ts';
import { findCase } from '../../store/repositories/cases.ts';
import { loadCaseSlaFacts } from '../../store/repositories/sla.ts';
import { caseEvents, type CaseRow } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { loadSlaRules, type SlaRules } from './sla-rules.ts';

export const SLA_WARNING_EVENT = 'sla_warning';
export const SLA_BREACHED_EVENT = 'sla_breached';

/** A case's SLA as callers see it: each promise's current cycle, judged at `now`. */
export function caseSlaView(row: CaseRow, rules: SlaRules, clocks: SlaClocks, breaches: Map<SlaMetric, number>) {
  return {
    caseId: row.id,
    priority: row.priority,
    calendarId: rules.policy.calendarId,
    timezone: rules.calendar.timezone,
    policyIsDefault: rules.isDefault,
    metrics: SLA_METRICS.map((metric) => {
      const cycle = currentCycle(clocks, metric);
      return {
        metric,
        targetMinutes: cycle.targetMinutes,
        startedAt: cycle.startedAt.toISOString(),
        dueAt: cycle.dueAt?.toISOString() ?? null,
        warnAt: cycle.warnAt?.toISOString() ?? null,
        satisfiedAt: cycle.satisfiedAt?.toISOString() ?? null,
        status: cycle.status,
        // Whole minutes; an overdue clock shows how far over it is.
        businessMinutesLeft: cycle.status === 'satisfied' ? null : Math.floor(cycle.businessMinutesLeft),
        breaches: breaches.get(metric) ?? 0,
      };
    }),
  };
}

export type CaseSlaView = ReturnType<typeof caseSlaView>;

/** How many times each promise of the case has been breached, from its recorded events. */
export async function countBreaches(scope: TenantScope, caseId: string): Promise<Map<SlaMetric, number>> {
  const rows = await scope.db
    .select({ data: caseEvents.data })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.tenantId, scope.tenantId),
        eq(caseEvents.caseId, caseId),
        eq(caseEvents.kind, SLA_BREACHED_EVENT),
      ),
    );
  const counts = new Map<SlaMetric, number>();
  for (const { data } of rows) counts.set(data.metric as SlaMetric, (counts.get(data.metric as SlaMetric) ?? 0) + 1);
  return counts;
}

/** GET /cases/:id/sla: computed from the case as it is now, whatever was last tracked. */
export async function getCaseSla(scope: TenantScope, caseId: string, now = new Date()): Promise<CaseSlaView> {
  const row = await findCase(scope, caseId);
  if (!row) throw notFound('Case');
  const [rules, facts, breaches] = [
    await loadSlaRules(scope, row.priority),
    await loadCaseSlaFacts(scope, row),
    await countBreaches(scope, caseId),
  ];
  return caseSlaView(row, rules, slaClocks(facts, rules.policy, rules.calendar, now), breaches);
}
