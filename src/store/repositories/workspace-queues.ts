import { sql, type SQL } from 'drizzle-orm';
import type { SlaMetric } from '../../domain/sla/sla-policy.ts';
import type { CasePriority, CaseStatus, Channel } from '../../domain/vocabulary.ts';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

/**
 * The work queues of the staff workspace, as SQL. Each queue is a source of case ids (with the
 * hand-off that put the case there, for transfers, escalations and callbacks); counting a
 * queue counts its source, listing it joins the cases' names and their most urgent deadline.
 */
export const QUEUE_KEYS = ['mine', 'team', 'unassigned', 'transfers', 'escalated', 'callbacks', 'sla-at-risk'] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

/** Whose queues: a person (and their team), or nobody in particular (an API token without a user). */
export interface QueueViewer {
  userId: string | null;
  teamId: string | null;
}

/** Statuses of a case someone still has to work on. */
const WORKING = sql.raw(`('new', 'open', 'pending')`);

/**
 * A clock whose promise is at risk at `now`: warned or past its warning, and not yet broken. A
 * breached promise is no longer at risk; it shows as overdue in the case's other queues.
 */
const atRisk = (clock: string, now: string) => sql`(
  ${sql.raw(clock)}.satisfied_at IS NULL AND ${sql.raw(clock)}.due_at IS NOT NULL
  AND ${sql.raw(clock)}.breached_at IS NULL AND ${sql.raw(clock)}.due_at > ${now}::timestamptz AND (
    ${sql.raw(clock)}.warned_at IS NOT NULL OR ${sql.raw(clock)}.warn_at <= ${now}::timestamptz))`;

/** "Me or my team"; with no user, everyone (the organisation-wide sense of the queue). */
function mineOrMyTeam(viewer: QueueViewer, userColumn: string, teamColumn: string): SQL {
  if (viewer.userId === null) return sql`true`;
  return sql`(${sql.raw(userColumn)} = ${viewer.userId} OR ${sql.raw(teamColumn)} = ${viewer.teamId})`;
}

/**
 * The cases of one queue: case_id, and for hand-off queues the hand-off's deadline
 * (handoff_due), when its clock started (handoff_from) and its note.
 */
function queueSource(scope: TenantScope, key: QueueKey, viewer: QueueViewer, now: string): SQL {
  const tenant = scope.tenantId;
  const caseRows = (where: SQL) => sql`
    SELECT c.id AS case_id, NULL::timestamptz AS handoff_due, NULL::timestamptz AS handoff_from, NULL::text AS note
    FROM cases c WHERE c.tenant_id = ${tenant} AND c.status IN ${WORKING} AND ${where}`;
  switch (key) {
    case 'mine':
      return caseRows(viewer.userId === null ? sql`false` : sql`c.owner_id = ${viewer.userId}`);
    case 'team':
      return caseRows(viewer.userId === null ? sql`c.team_id IS NOT NULL` : sql`c.team_id = ${viewer.teamId}`);
    case 'unassigned':
      return caseRows(
        viewer.userId === null
          ? sql`c.owner_id IS NULL`
          : sql`c.owner_id IS NULL AND (c.team_id IS NULL OR c.team_id = ${viewer.teamId})`,
      );
    case 'sla-at-risk':
      return caseRows(sql`${mineOrMyTeam(viewer, 'c.owner_id', 'c.team_id')} AND EXISTS (
        SELECT 1 FROM case_sla_clocks k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ${atRisk('k', now)})`);
    case 'transfers':
      return sql`
        SELECT t.case_id, t.expires_at AS handoff_due, t.offered_at AS handoff_from, t.note
        FROM case_transfers t
        WHERE t.tenant_id = ${tenant} AND t.status = 'offered' AND ${mineOrMyTeam(viewer, 't.to_user_id', 't.to_team_id')}`;
    case 'escalated':
      return sql`
        SELECT e.case_id, e.deadline AS handoff_due, e.raised_at AS handoff_from, e.reason AS note
        FROM case_escalations e
        WHERE e.tenant_id = ${tenant} AND e.status = 'pending' AND ${mineOrMyTeam(viewer, 'e.target_user_id', 'e.target_team_id')}`;
    case 'callbacks':
      // One row per case: its earliest callback whose window has opened.
      return sql`
        SELECT DISTINCT ON (b.case_id) b.case_id, b.window_end AS handoff_due, b.window_start AS handoff_from, NULL::text AS note
        FROM callbacks b JOIN cases c ON c.tenant_id = b.tenant_id AND c.id = b.case_id
        WHERE b.tenant_id = ${tenant} AND b.status = 'booked' AND b.window_start <= ${now}::timestamptz
          AND ${viewer.userId === null ? sql`true` : sql`c.owner_id = ${viewer.userId}`}
        ORDER BY b.case_id, b.window_start`;
  }
}

/** How many cases each queue holds, in one statement. */
export async function countQueues(
  scope: TenantScope,
  viewer: QueueViewer,
  now: Date,
): Promise<Record<QueueKey, number>> {
  const at = now.toISOString();
  const columns = QUEUE_KEYS.map(
    (key) => sql`(SELECT count(*)::int FROM (${queueSource(scope, key, viewer, at)}) s) AS ${sql.identifier(key)}`,
  );
  const result = await scope.db.execute(sql`SELECT ${sql.join(columns, sql`, `)}`);
  const row = rowsOf<Record<QueueKey, number>>(result)[0]!;
  return Object.fromEntries(QUEUE_KEYS.map((key) => [key, Number(row[key])])) as Record<QueueKey, number>;
}

/** Where a page of a queue ends: the next starts strictly after it. Timestamps in the database's text form. */
export interface QueuePosition {
  dueAt: string | null;
  updatedAt: string;
  id: string;
}

export interface QueueRow {
  caseId: string;
  number: number;
  subject: string;
  status: CaseStatus;
  priority: CasePriority;
  customerId: string;
  customerName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  teamId: string | null;
  teamName: string | null;
  escalationLevel: number;
  updatedAt: Date;
  lastChannel: Channel | null;
  note: string | null;
  /** The hand-off's deadline and start (transfers, escalations, callbacks). */
  handoffDue: Date | null;
  handoffFrom: Date | null;
  /** The case's most pressing running SLA clock. */
  slaMetric: SlaMetric | null;
  slaDue: Date | null;
  slaState: 'ok' | 'warning' | 'breached' | null;
  position: QueuePosition;
}

const dateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as string);

/**
 * One page of a queue, most urgent first: the soonest deadline (the hand-off's, or the case's
 * most pressing SLA clock), cases without one last, then the most recently updated.
 */
export async function listQueue(
  scope: TenantScope,
  key: QueueKey,
  viewer: QueueViewer,
  page: { limit: number; after?: QueuePosition | undefined },
  now: Date,
): Promise<QueueRow[]> {
  const at = now.toISOString();
  const after = page.after;
  const afterCondition = !after
    ? sql`true`
    : after.dueAt === null
      ? sql`(q.due_at IS NULL AND (q.updated_at < ${after.updatedAt}::timestamptz OR (q.updated_at = ${after.updatedAt}::timestamptz AND q.case_id < ${after.id}::uuid)))`
      : sql`(q.due_at > ${after.dueAt}::timestamptz OR q.due_at IS NULL
             OR (q.due_at = ${after.dueAt}::timestamptz AND (q.updated_at < ${after.updatedAt}::timestamptz
                 OR (q.updated_at = ${after.updatedAt}::timestamptz AND q.case_id < ${after.id}::uuid))))`;
  const result = await scope.db.execute(sql`
    WITH source AS (${queueSource(scope, key, viewer, at)}),
    q AS (
      SELECT s.case_id, s.handoff_due, s.handoff_from, s.note, c.updated_at,
             sla.metric AS sla_metric, sla.due_at AS sla_due, sla.state AS sla_state,
             COALESCE(s.handoff_due, sla.due_at) AS due_at
      FROM source s
      JOIN cases c ON c.tenant_id = ${scope.tenantId} AND c.id = s.case_id
      LEFT JOIN LATERAL (
        SELECT k.metric, k.due_at,
               CASE WHEN k.breached_at IS NOT NULL OR k.due_at <= ${at}::timestamptz THEN 'breached'
                    WHEN k.warned_at IS NOT NULL OR k.warn_at <= ${at}::timestamptz THEN 'warning'
                    ELSE 'ok' END AS state
        FROM case_sla_clocks k
        WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND k.satisfied_at IS NULL AND k.due_at IS NOT NULL
        ORDER BY (k.breached_at IS NOT NULL OR k.due_at <= ${at}::timestamptz) DESC,
                 (k.warned_at IS NOT NULL OR k.warn_at <= ${at}::timestamptz) DESC, k.due_at
        LIMIT 1
      ) sla ON s.handoff_due IS NULL
    ),
    page AS (
      SELECT * FROM q WHERE ${afterCondition}
      ORDER BY q.due_at ASC NULLS LAST, q.updated_at DESC, q.case_id DESC
      LIMIT ${page.limit}
    )
    SELECT p.case_id, p.note, p.handoff_due, p.handoff_from, p.sla_metric, p.sla_due, p.sla_state,
           p.due_at::text AS due_key, p.updated_at::text AS updated_key,
           c.number, c.subject, c.status, c.priority, c.customer_id, c.owner_id, c.team_id, c.escalation_level, c.updated_at,
           cu.name AS customer_name, u.name AS owner_name, tm.name AS team_name,
           (SELECT k.channel FROM contacts k
            WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND k.direction = 'inbound'
            ORDER BY k.occurred_at DESC, k.id DESC LIMIT 1) AS last_channel
    FROM page p
    JOIN cases c ON c.tenant_id = ${scope.tenantId} AND c.id = p.case_id
    LEFT JOIN customers cu ON cu.tenant_id = c.tenant_id AND cu.id = c.customer_id
    LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.owner_id
    LEFT JOIN teams tm ON tm.tenant_id = c.tenant_id AND tm.id = c.team_id
    ORDER BY p.due_at ASC NULLS LAST, p.updated_at DESC, p.case_id DESC`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    caseId: r.case_id as string,
    number: Number(r.number),
    subject: r.subject as string,
    status: r.status as CaseStatus,
    priority: r.priority as CasePriority,
    customerId: r.customer_id as string,
    customerName: (r.customer_name as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    teamId: (r.team_id as string | null) ?? null,
    teamName: (r.team_name as string | null) ?? null,
    escalationLevel: Number(r.escalation_level),
    updatedAt: new Date(r.updated_at as string),
    lastChannel: (r.last_channel as Channel | null) ?? null,
    note: (r.note as string | null) ?? null,
    handoffDue: dateOrNull(r.handoff_due),
    handoffFrom: dateOrNull(r.handoff_from),
    slaMetric: (r.sla_metric as SlaMetric | null) ?? null,
    slaDue: dateOrNull(r.sla_due),
    slaState: (r.sla_state as QueueRow['slaState']) ?? null,
    position: {
      dueAt: (r.due_key as string | null) ?? null,
      updatedAt: r.updated_key as string,
      id: r.case_id as string,
    },
  }));
}
