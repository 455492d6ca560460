import { ALWAYS_OPEN, type BusinessCalendar } from '../../domain/sla/calendar.ts';
import { defaultSlaPolicy, type SlaPolicy } from '../../domain/sla/sla-policy.ts';
import type { CasePriority } from '../../domain/vocabulary.ts';
import { findCalendar, listSlaPolicies } from '../../store/repositories/sla.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';

export interface SlaRules {
  policy: SlaPolicy;
  /** Whether the tenant has not set this priority's policy and the default applies. */
  isDefault: boolean;
  calendar: BusinessCalendar;
}

/** The SLA in force for cases of one priority, with the calendar its clocks run on. */
export async function loadSlaRules(scope: TenantScope, priority: CasePriority): Promise<SlaRules> {
  const [set] = await listSlaPolicies(scope, { priority });
  const policy = set ?? defaultSlaPolicy(priority);
  const calendar = policy.calendarId ? await findCalendar(scope, policy.calendarId) : undefined;
  return { policy, isDefault: set === undefined, calendar: calendar ?? ALWAYS_OPEN };
}
