import { AppError } from '../../errors.ts';
import { listTeams } from '../../store/repositories/people.ts';
import {
  countOverviewTotals,
  listPendingEscalations,
  listSlaAlerts,
  listTeamLoads,
} from '../../store/repositories/supervisor-overview.ts';
import type { Actor } from '../actor.ts';
import { teamQueues } from '../cases/team-queue.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

const OVERVIEW_ROLES = new Set(['admin', 'supervisor', 'analyst']);
const MAX_ESCALATIONS = 500;
const MAX_SLA_ALERTS = 100;

/**
 * The floor at a glance for those who run it: every escalation waiting, the promises breached
 * or about to be, and how long each team's queue is.
 */
export async function supervisorOverview(actor: Actor, now = new Date()) {
  if (!OVERVIEW_ROLES.has(actor.role)) {
    throw new AppError('forbidden', 'The supervisor overview is for supervisors, administrators and analysts');
  }
  const { scope } = actor;
  const [totals, escalations, alerts, teams, loads] = [
    // Counted over the whole organisation: the lists below stop at their caps, the totals do not.
    await countOverviewTotals(scope, now),
    await listPendingEscalations(scope, MAX_ESCALATIONS),
    await listSlaAlerts(scope, now, MAX_SLA_ALERTS),
    await listTeams(scope),
    await listTeamLoads(scope),
  ];
  // The same estimate a caller gets from GET /teams/:id/queue, so both always agree.
  const queues = await teamQueues(
    scope,
    teams.map((t) => t.id),
  );
  const teamViews = teams.map((team, i) => {
    const queue = queues[i]!;
    const load = loads.get(team.id);
    return {
      teamId: team.id,
      name: team.name,
      agents: queue.agents,
      waiting: queue.waiting,
      open: load?.open ?? 0,
      oldestWaitingSince: load?.oldestWaitingSince?.toISOString() ?? null,
      estimatedWaitMinutes: queue.estimatedWaitMinutes,
      offerCallback: queue.offerCallback,
    };
  });
  return {
    totals,
    escalations: escalations.map((e) => ({
      escalationId: e.escalationId,
      caseId: e.caseId,
      reference: formatCaseReference(e.number),
      subject: e.subject,
      level: e.level,
      reason: e.reason,
      targetUserName: e.targetUserName,
      targetTeamName: e.targetTeamName,
      raisedAt: e.raisedAt.toISOString(),
      deadline: e.deadline.toISOString(),
    })),
    slaAlerts: alerts.map((a) => ({
      caseId: a.caseId,
      reference: formatCaseReference(a.number),
      subject: a.subject,
      metric: a.metric,
      state: a.state,
      dueAt: a.dueAt.toISOString(),
      ownerName: a.ownerName,
      teamName: a.teamName,
    })),
    teams: teamViews,
  };
}
