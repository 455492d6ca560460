import { and, asc, eq, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { BusinessCalendar } from '../../domain/sla/calendar.ts';
import type { CaseSlaFacts } from '../../domain/sla/sla-clock.ts';
import type { SlaMetric, SlaPolicy } from '../../domain/sla/sla-policy.ts';
import type { CasePriority, CaseStatus } from '../../domain/vocabulary.ts';
import type { Db } from '../database.ts';
import { rowsOf } from '../database.ts';
import { caseEvents, cases, type CaseRow } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

// Drizzle definitions of the tables in migrations/0004_sla.sql (holidays are read and written as text).
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const businessCalendars = pgTable('business_calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  weeklyHours: jsonb('weekly_hours').$type<BusinessCalendar['weeklyHours']>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const slaPolicies = pgTable('sla_policies', {
  tenantId: uuid('tenant_id').notNull(),
  priority: text('priority').$type<CasePriority>().notNull(),
  firstResponseMinutes: integer('first_response_minutes').notNull(),
  nextUpdateMinutes: integer('next_update_minutes').notNull(),
  resolutionMinutes: integer('resolution_minutes').notNull(),
  calendarId: uuid('calendar_id'),
  warnBeforeMinutes: integer('warn_before_minutes'),
  warnAtPercent: integer('warn_at_percent'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const caseSlaClocks = pgTable('case_sla_clocks', {
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull(),
  metric: text('metric').$type<SlaMetric>().notNull(),
  targetMinutes: integer('target_minutes').notNull(),
  cycleStartedAt: at('cycle_started_at').notNull(),
  dueAt: at('due_at'),
  warnAt: at('warn_at'),
  warnedAt: at('warned_at'),
  breachedAt: at('breached_at'),
  satisfiedAt: at('satisfied_at'),
  paused: boolean('paused').notNull().default(false),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export type SlaClockRow = typeof caseSlaClocks.$inferSelect;

export interface CalendarRow extends BusinessCalendar {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

const calendarColumns = {
  id: businessCalendars.id,
  name: businessCalendars.name,
  timezone: businessCalendars.timezone,
  weeklyHours: businessCalendars.weeklyHours,
  holidays: sql<
    string[]
  >`array(SELECT to_char(h, 'YYYY-MM-DD') FROM unnest(${sql.raw('business_calendars.holidays')}) AS h ORDER BY h)`,
  createdAt: businessCalendars.createdAt,
  updatedAt: businessCalendars.updatedAt,
};

export function listCalendars(scope: TenantScope): Promise<CalendarRow[]> {
  return scope.db
    .select(calendarColumns)
    .from(businessCalendars)
    .where(eq(businessCalendars.tenantId, scope.tenantId))
    .orderBy(asc(businessCalendars.name));
}

export async function findCalendar(scope: TenantScope, id: string): Promise<CalendarRow | undefined> {
  const rows = await scope.db
    .select(calendarColumns)
    .from(businessCalendars)
    .where(and(eq(businessCalendars.tenantId, scope.tenantId), eq(businessCalendars.id, id)))
    .limit(1);
  return rows[0];
}

export interface CalendarFields extends BusinessCalendar {
  name: string;
}

const holidaysParam = (holidays: string[]) => sql`${sql.param(holidays)}::date[]`;

/** Inserts a calendar; undefined when the tenant already has one of that name. */
export async function insertCalendar(
  scope: TenantScope,
  fields: CalendarFields,
  now: Date,
): Promise<string | undefined> {
  const result = await scope.db.execute(sql`
    INSERT INTO business_calendars (tenant_id, name, timezone, weekly_hours, holidays, created_at, updated_at)
    VALUES (${scope.tenantId}, ${fields.name}, ${fields.timezone}, ${JSON.stringify(fields.weeklyHours)}::jsonb, ${holidaysParam(fields.holidays)}, ${now}, ${now})
    ON CONFLICT (tenant_id, name) DO NOTHING
    RETURNING id`);
  return rowsOf<{ id: string }>(result)[0]?.id;
}

/** Replaces a calendar; false when there is no such calendar. */
export async function updateCalendar(
  scope: TenantScope,
  id: string,
  fields: CalendarFields,
  now: Date,
): Promise<boolean> {
  const result = await scope.db.execute(sql`
    UPDATE business_calendars
    SET name = ${fields.name}, timezone = ${fields.timezone}, weekly_hours = ${JSON.stringify(fields.weeklyHours)}::jsonb,
        holidays = ${holidaysParam(fields.holidays)}, updated_at = ${now}
    WHERE tenant_id = ${scope.tenantId} AND id = ${id}
    RETURNING id`);
  return rowsOf(result).length > 0;
}

export async function findCalendarByName(scope: TenantScope, name: string): Promise<{ id: string } | undefined> {
  const rows = await scope.db
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(and(eq(businessCalendars.tenantId, scope.tenantId), eq(businessCalendars.name, name)))
    .limit(1);
  return rows[0];
}

export async function deleteCalendar(scope: TenantScope, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(businessCalendars)
    .where(and(eq(businessCalendars.tenantId, scope.tenantId), eq(businessCalendars.id, id)))
    .returning({ id: businessCalendars.id });
  return rows.length > 0;
}

type PolicyRow = typeof slaPolicies.$inferSelect;

const policyOf = (row: PolicyRow): SlaPolicy => ({
  priority: row.priority,
  targets: {
    firstResponseMinutes: row.firstResponseMinutes,
    nextUpdateMinutes: row.nextUpdateMinutes,
    resolutionMinutes: row.resolutionMinutes,
  },
  calendarId: row.calendarId,
  warnBeforeMinutes: row.warnBeforeMinutes,
  warnAtPercent: row.warnAtPercent,
});

/** The policies a tenant has set (priorities left out use the defaults). */
export async function listSlaPolicies(
  scope: TenantScope,
  filter: { priority?: CasePriority; calendarId?: string } = {},
): Promise<SlaPolicy[]> {
  const conditions = [eq(slaPolicies.tenantId, scope.tenantId)];
  if (filter.priority) conditions.push(eq(slaPolicies.priority, filter.priority));
  if (filter.calendarId) conditions.push(eq(slaPolicies.calendarId, filter.calendarId));
  const rows = await scope.db
    .select()
    .from(slaPolicies)
    .where(and(...conditions));
  return rows.map(policyOf);
}

export async function saveSlaPolicy(scope: TenantScope, policy: SlaPolicy, now: Date): Promise<void> {
  const values = {
    firstResponseMinutes: policy.targets.firstResponseMinutes,
    nextUpdateMinutes: policy.targets.nextUpdateMinutes,
    resolutionMinutes: policy.targets.resolutionMinutes,
    calendarId: policy.calendarId,
    warnBeforeMinutes: policy.warnBeforeMinutes,
    warnAtPercent: policy.warnAtPercent,
    updatedAt: now,
  };
  await scope.db
    .insert(slaPolicies)
    .values({ tenantId: scope.tenantId, priority: policy.priority, ...values })
    .onConflictDoUpdate({ target: [slaPolicies.tenantId, slaPolicies.priority], set: values });
}

export async function deleteSlaPolicy(scope: TenantScope, priority: CasePriority): Promise<void> {
  await scope.db
    .delete(slaPolicies)
    .where(and(eq(slaPolicies.tenantId, scope.tenantId), eq(slaPolicies.priority, priority)));
}

/** What a case's SLA clocks run on: its status changes and the replies its agents sent. */
export async function loadCaseSlaFacts(scope: TenantScope, row: CaseRow): Promise<CaseSlaFacts> {
  const [changes, replies] = [
    await scope.db
      .select({ at: caseEvents.occurredAt, data: caseEvents.data })
      .from(caseEvents)
      .where(
        and(
          eq(caseEvents.tenantId, scope.tenantId),
          eq(caseEvents.caseId, row.id),
          eq(caseEvents.kind, 'status_changed'),
          // A merged duplicate's status history moved here with its other events, but it was
          // that case's status, not this one's: it must not pause or resume these clocks.
          sql`NOT EXISTS (
            SELECT 1 FROM case_merge_moves m JOIN case_merges cm ON cm.tenant_id = m.tenant_id AND cm.id = m.merge_id
            WHERE m.tenant_id = ${scope.tenantId} AND m.record_table = 'case_events' AND m.record_id = ${caseEvents.id} AND cm.undone_at IS NULL)`,
        ),
      )
      .orderBy(asc(caseEvents.occurredAt), asc(caseEvents.id)),
    await agentReplyTimes(scope, row.id),
  ];
  const statusChanges = changes
    .filter((c): c is { at: Date; data: { to: CaseStatus } } => typeof c.data.to === 'string')
    .map((c) => ({ at: c.at, to: c.data.to }));
  // A status set without an event (none should be) still counts, from the last change of the row.
  const lastKnown = statusChanges[statusChanges.length - 1]?.to ?? 'new';
  if (lastKnown !== row.status) statusChanges.push({ at: row.updatedAt, to: row.status });
  return { createdAt: row.createdAt, statusChanges, agentUpdates: replies };
}

/**
 * When agents answered on a case: every outbound contact, and every agent message inside a
 * chat on the case (a chat is one contact; the agent's answers are messages within it).
 */
async function agentReplyTimes(scope: TenantScope, caseId: string): Promise<Date[]> {
  const result = await scope.db.execute(sql`
    SELECT occurred_at AS at FROM contacts
    WHERE tenant_id = ${scope.tenantId} AND case_id = ${caseId} AND direction = 'outbound'
    UNION ALL
    SELECT s.at FROM contact_segments s JOIN contacts k ON k.tenant_id = s.tenant_id AND k.id = s.contact_id
    WHERE k.tenant_id = ${scope.tenantId} AND k.case_id = ${caseId} AND k.channel = 'chat' AND s.speaker_role = 'agent'
    ORDER BY at`);
  return rowsOf<{ at: Date | string }>(result).map((r) => new Date(r.at));
}

export function listSlaClocks(scope: TenantScope, caseId: string): Promise<SlaClockRow[]> {
  return scope.db
    .select()
    .from(caseSlaClocks)
    .where(and(eq(caseSlaClocks.tenantId, scope.tenantId), eq(caseSlaClocks.caseId, caseId)));
}

export type SlaClockFields = Omit<SlaClockRow, 'tenantId' | 'caseId' | 'updatedAt'>;

/** Stores a case's clocks, all in one statement; each replaces the one of its metric. */
export async function saveSlaClocks(
  scope: TenantScope,
  caseId: string,
  clocks: SlaClockFields[],
  now: Date,
): Promise<void> {
  if (clocks.length === 0) return;
  const columns = getTableColumns(caseSlaClocks);
  const replaced = [...Object.keys(clocks[0]!).filter((k) => k !== 'metric'), 'updatedAt'] as (keyof typeof columns)[];
  await scope.db
    .insert(caseSlaClocks)
    .values(clocks.map((clock) => ({ tenantId: scope.tenantId, caseId, ...clock, updatedAt: now })))
    .onConflictDoUpdate({
      target: [caseSlaClocks.tenantId, caseSlaClocks.caseId, caseSlaClocks.metric],
      set: Object.fromEntries(replaced.map((key) => [key, sql.raw(`excluded.${columns[key].name}`)])),
    });
}

export async function deleteSlaClocks(scope: TenantScope, caseId: string): Promise<void> {
  await scope.db
    .delete(caseSlaClocks)
    .where(and(eq(caseSlaClocks.tenantId, scope.tenantId), eq(caseSlaClocks.caseId, caseId)));
}

/** Cases whose clocks may still run (not solved or closed), in id order, after `afterId`. */
export async function listUnsolvedCaseIds(
  scope: TenantScope,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const conditions = [eq(cases.tenantId, scope.tenantId), inArray(cases.status, ['new', 'open', 'pending'])];
  if (afterId) conditions.push(gt(cases.id, afterId));
  const rows = await scope.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(...conditions))
    .orderBy(asc(cases.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/*
 * Timers that never wait for a job row another process holds. A worker running an SLA timer
 * holds its job row and then waits for the case; whoever holds the case (a request, or another
 * timer) must therefore not wait for that job row, or the two deadlock. Skipping it is safe:
 * the worker that holds it tracks the case again as soon as it gets the case, and sets it right.
 */

export interface Timer {
  tenantId: string;
  kind: string;
  key: string;
  runAt: Date;
  payload: Record<string, unknown>;
}

/**
 * Moves each pending timer with one of these keys to its `runAt`, or adds it; leaves alone one
 * a worker is running. One statement for them all: every part of it sees the same snapshot, so
 * a key that has a pending job (locked or not) is only ever moved, never added a second time.
 */
export async function setTimers(db: Db, timers: Timer[]): Promise<void> {
  if (timers.length === 0) return;
  const col = <K extends keyof Timer>(key: K) => sql.param(timers.map((t) => t[key]));
  const keys = col('key');
  await db.execute(sql`
    WITH wanted AS (
      SELECT tenant_id, kind, key, payload::jsonb AS payload, run_at
      FROM unnest(${col('tenantId')}::uuid[], ${col('kind')}::text[], ${keys}::text[],
                  ${sql.param(timers.map((t) => JSON.stringify(t.payload)))}::text[], ${col('runAt')}::timestamptz[])
        AS w(tenant_id, kind, key, payload, run_at)
    ), moved AS (
      UPDATE jobs j SET run_at = w.run_at, payload = w.payload, kind = w.kind, attempts = 0
      FROM wanted w
      WHERE j.key = w.key
        AND j.id IN (SELECT id FROM jobs WHERE key = ANY(${keys}::text[]) AND status = 'pending' FOR UPDATE SKIP LOCKED)
    )
    INSERT INTO jobs (tenant_id, kind, key, payload, run_at)
    SELECT tenant_id, kind, key, payload, run_at FROM wanted w
    WHERE NOT EXISTS (SELECT 1 FROM jobs p WHERE p.key = w.key AND p.status = 'pending')
    ON CONFLICT (key) WHERE status = 'pending' AND key IS NOT NULL DO NOTHING`);
}
