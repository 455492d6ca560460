import { sql } from 'drizzle-orm';
import { caseSlaClocks } from '../../store/repositories/sla.ts';
import { caseEscalations, caseEvents, cases } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { scheduleJob } from '../../store/repositories/jobs.ts';
import { EFFORT_CHECK_JOB } from '../cases/case-effort.ts';
import { ESCALATION_CLIMB_JOB, escalationClimbKey } from '../cases/escalate-case.ts';
import { trackCaseSla } from '../sla/track-case-sla.ts';
import type { CaseHistory } from './case-history.ts';

/** Rows per statement: well under PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK = 400;

/** Reserves `count` consecutive case numbers, as createCase would have taken them one by one. */
export async function reserveCaseNumbers(scope: TenantScope, count: number): Promise<number> {
  const result = await scope.db.execute(
    sql`UPDATE tenants SET case_seq = case_seq + ${count} WHERE id = ${scope.tenantId} RETURNING case_seq`,
  );
  const last = Number((result as unknown as { rows: { case_seq: number }[] }).rows[0]!.case_seq);
  return last - count + 1;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Stores cases in bulk: the cases, their events, escalations and SLA clocks, and puts their contacts on them. */
export async function writeCaseHistories(scope: TenantScope, histories: CaseHistory[]): Promise<void> {
  const tenantId = scope.tenantId;
  await scope.db.transaction(async (tx) => {
    for (const part of chunks(histories)) {
      await tx.insert(cases).values(
        part.map((h) => ({
          id: h.id,
          tenantId,
          number: h.number,
          customerId: h.customerId,
          subject: h.subject,
          status: h.status,
          priority: h.priority,
          ownerId: h.ownerId,
          teamId: h.teamId,
          escalationLevel: h.escalationLevel,
          solvedAt: h.solvedAt,
          closedAt: h.closedAt,
          createdAt: h.createdAt,
          updatedAt: h.updatedAt,
        })),
      );
      const linked = part.flatMap((h) => h.contactIds.map((contactId) => [contactId, h.id] as const));
      for (const links of chunks(linked)) {
        await tx.execute(sql`
          UPDATE contacts k SET case_id = l.case_id
          FROM unnest(${sql.param(links.map((l) => l[0]))}::uuid[], ${sql.param(links.map((l) => l[1]))}::uuid[]) AS l(contact_id, case_id)
          WHERE k.tenant_id = ${tenantId} AND k.id = l.contact_id`);
      }
    }
    const events = histories.flatMap((h) =>
      h.events.map((e) => ({ ...e, tenantId, caseId: h.id, customerId: h.customerId })),
    );
    for (const part of chunks(events)) await tx.insert(caseEvents).values(part);
    const escalations = histories.flatMap((h) =>
      h.escalations.map((e) => ({ ...e, tenantId, caseId: h.id, targetTeamId: null, raisedBy: null })),
    );
    for (const part of chunks(escalations)) await tx.insert(caseEscalations).values(part);
    const clocks = histories.flatMap((h) =>
      h.clocks.map((c) => ({
        ...c,
        metric: c.metric as (typeof caseSlaClocks.$inferInsert)['metric'],
        tenantId,
        caseId: h.id,
        updatedAt: h.updatedAt,
      })),
    );
    for (const part of chunks(clocks)) await tx.insert(caseSlaClocks).values(part);
  });
}

/**
 * Cases still going on today, once written, are handed to the live rules: their SLA clocks are
 * tracked to now through the SLA service (which records what fell due since and sets the timers
 * still ahead), the days-open check is set for when it will be due, and an escalation waiting
 * for acceptance gets its deadline timer, as createCase and raiseEscalation would have left them.
 */
export async function handOverLiveCases(
  scope: TenantScope,
  histories: CaseHistory[],
  daysOpen: number,
  now: Date,
): Promise<void> {
  for (const history of histories) {
    await trackCaseSla(scope, history.id, now);
    const daysOpenAt = new Date(history.createdAt.getTime() + daysOpen * 86_400_000);
    if (daysOpenAt > now)
      await scheduleJob(scope.db, {
        tenantId: scope.tenantId,
        kind: EFFORT_CHECK_JOB,
        key: `effort-days:${history.id}`,
        runAt: daysOpenAt,
        payload: { caseId: history.id },
      });
    for (const escalation of history.escalations.filter((e) => e.status === 'pending')) {
      await scheduleJob(scope.db, {
        tenantId: scope.tenantId,
        kind: ESCALATION_CLIMB_JOB,
        key: escalationClimbKey(escalation.id),
        runAt: escalation.deadline,
        payload: { escalationId: escalation.id, caseId: history.id },
      });
    }
  }
}
