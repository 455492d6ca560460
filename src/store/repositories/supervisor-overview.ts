import { sql } from 'drizzle-orm';
import type { SlaMetric } from '../../domain/sla/sla-policy.ts';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** What a supervisor watches across the organisation: escalations waiting, promises at risk, team queues. */

const dateOf = (value: unknown): Date => new Date(value as string);

export interface PendingEscalationRow {
  escalationId: string;
  caseId: string;
  number: number;
  subject: string;
  level: number;
  reason: string;
  targetUserName: string | null;
  targetTeamName: string | null;
  raisedAt: Date;
  deadline: Date;
}

/** Every escalation waiting to be accepted, nearest deadline first. */
export async function listPendingEscalations(scope: TenantScope, limit: number): Promise<PendingEscalationRow[]> {
  const result = await scope.db.execute(sql`
    SELECT e.id, e.case_id, c.number, c.subject, e.level, e.reason, u.name AS user_name, tm.name AS team_name, e.raised_at, e.deadline
    FROM case_escalations e
    JOIN cases c ON c.tenant_id = e.tenant_id AND c.id = e.case_id
    LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.id = e.target_user_id
    LEFT JOIN teams tm ON tm.tenant_id = e.tenant_id AND tm.id = e.target_team_id
    WHERE e.tenant_id = ${scope.tenantId} AND e.status = 'pending'
    ORDER BY e.deadline, e.id
    LIMIT ${limit}`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    escalationId: r.id as string,
    caseId: r.case_id as string,
    number: Number(r.number),
    subject: r.subject as string,
    level: Number(r.level),
    reason: r.reason as string,
    targetUserName: (r.user_name as string | null) ?? null,
    targetTeamName: (r.team_name as string | null) ?? null,
    raisedAt: dateOf(r.raised_at),
    deadline: dateOf(r.deadline),
  }));
}

export interface SlaAlertRow {
  caseId: string;
  number: number;
  subject: string;
  metric: SlaMetric;
  state: 'warning' | 'breached';
  dueAt: Date;
  ownerName: string | null;
  teamName: string | null;
}

/**
 * The SLA clocks of the organisation's open cases that are breached or in warning at `now` (as
 * recorded by the SLA timers, or because their deadline or warning time has passed since), each
 * with its state. The list and the totals both read from here, so they can never disagree.
 */
function slaAlertClocks(scope: TenantScope, now: Date) {
  const at = now.toISOString();
  return sql`
    SELECT c.id AS case_id, c.number, c.subject, c.owner_id, c.team_id, k.metric, k.due_at,
           CASE WHEN k.breached_at IS NOT NULL OR k.due_at <= ${at}::timestamptz THEN 'breached' ELSE 'warning' END AS state
    FROM case_sla_clocks k
    JOIN cases c ON c.tenant_id = k.tenant_id AND c.id = k.case_id
    WHERE k.tenant_id = ${scope.tenantId} AND c.status IN ('new', 'open', 'pending')
      AND k.satisfied_at IS NULL AND k.due_at IS NOT NULL
      AND (k.breached_at IS NOT NULL OR k.warned_at IS NOT NULL OR k.due_at <= ${at}::timestamptz OR k.warn_at <= ${at}::timestamptz)`;
}

/** SLA alerts at `now`: breached first, each group by deadline. */
export async function listSlaAlerts(scope: TenantScope, now: Date, limit: number): Promise<SlaAlertRow[]> {
  const result = await scope.db.execute(sql`
    SELECT a.*, u.name AS owner_name, tm.name AS team_name
    FROM (${slaAlertClocks(scope, now)}) a
    LEFT JOIN users u ON u.tenant_id = ${scope.tenantId} AND u.id = a.owner_id
    LEFT JOIN teams tm ON tm.tenant_id = ${scope.tenantId} AND tm.id = a.team_id
    ORDER BY (a.state = 'breached') DESC, a.due_at, a.case_id, a.metric
    LIMIT ${limit}`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    caseId: r.case_id as string,
    number: Number(r.number),
    subject: r.subject as string,
    metric: r.metric as SlaMetric,
    state: r.state as SlaAlertRow['state'],
    dueAt: dateOf(r.due_at),
    ownerName: (r.owner_name as string | null) ?? null,
    teamName: (r.team_name as string | null) ?? null,
  }));
}

export interface OverviewTotals {
  escalationsWaiting: number;
  slaBreached: number;
  slaWarnings: number;
  customersWaiting: number;
}

/**
 * The whole organisation's counts behind the capped lists, in one round trip: pending
 * escalations, SLA alerts by state (one per clock, as listed), and the customers with an open
 * case nobody owns yet (in a team's queue or in none; a customer with two such cases counts once).
 */
export async function countOverviewTotals(scope: TenantScope, now: Date): Promise<OverviewTotals> {
  const result = await scope.db.execute(sql`
    SELECT escalations.n AS escalations_waiting, sla.breached AS sla_breached, sla.warnings AS sla_warnings, waiting.n AS customers_waiting
    FROM
      (SELECT count(*)::int AS n FROM case_escalations
        WHERE tenant_id = ${scope.tenantId} AND status = 'pending') escalations,
      (SELECT count(*) FILTER (WHERE state = 'breached')::int AS breached, count(*) FILTER (WHERE state = 'warning')::int AS warnings
        FROM (${slaAlertClocks(scope, now)}) a) sla,
      (SELECT count(DISTINCT customer_id)::int AS n FROM cases
        WHERE tenant_id = ${scope.tenantId} AND status IN ('new', 'open', 'pending') AND owner_id IS NULL) waiting`);
  const row = rowsOf<Record<string, unknown>>(result)[0] ?? {};
  return {
    escalationsWaiting: Number(row.escalations_waiting ?? 0),
    slaBreached: Number(row.sla_breached ?? 0),
    slaWarnings: Number(row.sla_warnings ?? 0),
    customersWaiting: Number(row.customers_waiting ?? 0),
  };
}

export interface TeamLoadRow {
  teamId: string;
  open: number;
  oldestWaitingSince: Date | null;
}

/** Per team: its open cases, and since when the oldest of those nobody owns has been waiting. */
export async function listTeamLoads(scope: TenantScope): Promise<Map<string, TeamLoadRow>> {
  const result = await scope.db.execute(sql`
    SELECT team_id, count(*)::int AS open, min(created_at) FILTER (WHERE owner_id IS NULL) AS oldest
    FROM cases
    WHERE tenant_id = ${scope.tenantId} AND team_id IS NOT NULL AND status IN ('new', 'open', 'pending')
    GROUP BY team_id`);
  return new Map(
    rowsOf<Record<string, unknown>>(result).map((r) => [
      r.team_id as string,
      {
        teamId: r.team_id as string,
        open: Number(r.open),
        oldestWaitingSince: r.oldest === null || r.oldest === undefined ? null : dateOf(r.oldest),
      },
    ]),
  );
}
