import { invalid } from '../../errors.ts';
import { ALWAYS_OPEN, isBusinessTime } from '../../domain/sla/calendar.ts';
import { currentCycle, slaClocks } from '../../domain/sla/sla-clock.ts';
import { checkSlaPolicy, DEFAULT_WARN_AT_PERCENT, SLA_METRICS, type SlaPolicy } from '../../domain/sla/sla-policy.ts';
import type { CasePriority } from '../../domain/vocabulary.ts';
import { findCalendar } from '../../store/repositories/sla.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { loadSlaRules } from './sla-rules.ts';

export interface SlaPreviewInput {
  priority: CasePriority;
  /** When the imagined case opens; now by default. */
  openedAt?: string | undefined;
  /** A policy being edited and not saved yet: any field left out is the one in force. */
  firstResponseMinutes?: number | undefined;
  nextUpdateMinutes?: number | undefined;
  resolutionMinutes?: number | undefined;
  calendarId?: string | null | undefined;
  warnBeforeMinutes?: number | undefined;
  warnAtPercent?: number | undefined;
}

/**
 * When a case of this priority opened at `openedAt` would be due, for each promise, by the same
 * clock rules the server tracks real cases with (business hours, holidays, time zone).
 */
export async function previewSla(scope: TenantScope, input: SlaPreviewInput, now = new Date()) {
  const rules = await loadSlaRules(scope, input.priority);
  const openedAt = input.openedAt ? new Date(input.openedAt) : now;
  if (Number.isNaN(openedAt.getTime())) throw invalid('openedAt is not a date and time', { field: 'openedAt' });
  const calendarId = input.calendarId === undefined ? rules.policy.calendarId : input.calendarId;
  const calendarRow = calendarId ? await findCalendar(scope, calendarId) : undefined;
  if (calendarId && !calendarRow)
    throw invalid('calendarId is not a calendar of this organisation', { field: 'calendarId' });
  const calendar = calendarRow ?? ALWAYS_OPEN;
  const warnChanged = input.warnBeforeMinutes !== undefined || input.warnAtPercent !== undefined;
  const policy: SlaPolicy = {
    priority: input.priority,
    targets: {
      firstResponseMinutes: input.firstResponseMinutes ?? rules.policy.targets.firstResponseMinutes,
      nextUpdateMinutes: input.nextUpdateMinutes ?? rules.policy.targets.nextUpdateMinutes,
      resolutionMinutes: input.resolutionMinutes ?? rules.policy.targets.resolutionMinutes,
    },
    calendarId: calendarId ?? null,
    warnBeforeMinutes: warnChanged ? (input.warnBeforeMinutes ?? null) : rules.policy.warnBeforeMinutes,
    warnAtPercent: warnChanged
      ? (input.warnAtPercent ?? (input.warnBeforeMinutes === undefined ? DEFAULT_WARN_AT_PERCENT : null))
      : rules.policy.warnAtPercent,
  };
  const check = checkSlaPolicy(policy);
  if (!check.ok) throw invalid(check.problems.join('; '), { problems: check.problems });
  const clocks = slaClocks({ createdAt: openedAt, statusChanges: [], agentUpdates: [] }, policy, calendar, openedAt);
  return {
    priority: input.priority,
    openedAt: openedAt.toISOString(),
    calendarId: calendarRow?.id ?? null,
    calendarName: calendarRow?.name ?? null,
    timezone: calendar.timezone,
    openNow: isBusinessTime(openedAt, calendar),
    metrics: SLA_METRICS.map((metric) => {
      const cycle = currentCycle(clocks, metric);
      return {
        metric,
        targetMinutes: cycle.targetMinutes,
        dueAt: cycle.dueAt!.toISOString(),
        warnAt: cycle.warnAt?.toISOString() ?? null,
      };
    }),
  };
}
