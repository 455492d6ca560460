import { invalid } from '../../errors.ts';
import {
  checkSlaPolicy,
  DEFAULT_WARN_AT_PERCENT,
  defaultSlaPolicy,
  type SlaPolicy,
  type SlaTargets,
} from '../../domain/sla/sla-policy.ts';
import { CASE_PRIORITIES, type CasePriority } from '../../domain/vocabulary.ts';
import { deleteSlaPolicy, findCalendar, listSlaPolicies, saveSlaPolicy } from '../../store/repositories/sla.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import { scheduleSlaRetrack } from './retrack-sla.ts';

export function slaPolicyView(policy: SlaPolicy, isDefault: boolean) {
  return {
    priority: policy.priority,
    ...policy.targets,
    calendarId: policy.calendarId,
    warnBeforeMinutes: policy.warnBeforeMinutes,
    warnAtPercent: policy.warnAtPercent,
    isDefault,
  };
}

/** The SLA for every priority: the tenant's own where set, the default otherwise. */
export async function listSlaPolicyViews(scope: TenantScope) {
  const set = new Map((await listSlaPolicies(scope)).map((p) => [p.priority, p]));
  return {
    items: CASE_PRIORITIES.map((priority) =>
      slaPolicyView(set.get(priority) ?? defaultSlaPolicy(priority), !set.has(priority)),
    ),
  };
}

export async function getSlaPolicy(scope: TenantScope, priority: CasePriority) {
  const [set] = await listSlaPolicies(scope, { priority });
  return slaPolicyView(set ?? defaultSlaPolicy(priority), set === undefined);
}

export interface SlaPolicyInput extends SlaTargets {
  calendarId?: string | null | undefined;
  warnBeforeMinutes?: number | undefined;
  warnAtPercent?: number | undefined;
}

/** Sets a priority's SLA; unsolved cases are tracked again under it in the background. */
export function setSlaPolicy(scope: TenantScope, priority: CasePriority, input: SlaPolicyInput, now = new Date()) {
  const policy: SlaPolicy = {
    priority,
    targets: {
      firstResponseMinutes: input.firstResponseMinutes,
      nextUpdateMinutes: input.nextUpdateMinutes,
      resolutionMinutes: input.resolutionMinutes,
    },
    calendarId: input.calendarId ?? null,
    warnBeforeMinutes: input.warnBeforeMinutes ?? null,
    warnAtPercent: input.warnAtPercent ?? (input.warnBeforeMinutes === undefined ? DEFAULT_WARN_AT_PERCENT : null),
  };
  const check = checkSlaPolicy(policy);
  if (!check.ok) throw invalid(check.problems.join('; '), { problems: check.problems });
  return inTransaction(scope, async (tx) => {
    if (policy.calendarId && !(await findCalendar(tx, policy.calendarId)))
      throw invalid('calendarId is not a calendar of this organisation', { field: 'calendarId' });
    await saveSlaPolicy(tx, policy, now);
    await scheduleSlaRetrack(tx, now);
    return slaPolicyView(policy, false);
  });
}

/** Goes back to the default SLA for a priority. */
export function resetSlaPolicy(scope: TenantScope, priority: CasePriority, now = new Date()) {
  return inTransaction(scope, async (tx) => {
    await deleteSlaPolicy(tx, priority);
    await scheduleSlaRetrack(tx, now);
    return slaPolicyView(defaultSlaPolicy(priority), true);
  });
}
