import { and, asc, eq, inArray } from 'drizzle-orm';
import { effortLedger, type EffortLedger } from '../../domain/cases/effort.ts';
import { countMissedCallbacks } from '../../store/repositories/callbacks.ts';
import { caseEvents, contacts } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { openCaseForChange, recordCaseEvents, systemActor, type CaseChange } from './case-change.ts';
import { raiseEscalation } from './escalate-case.ts';
import { scheduleJob } from '../../store/repositories/jobs.ts';

export const EFFORT_CHECK_JOB = 'case.effort-check';

/** What the customer has had to spend on this case, from its contacts and its history. */
export async function measureEffort(change: CaseChange): Promise<EffortLedger> {
  const { scope, row } = change;
  const [caseContacts, ownership, missedCallbacks] = [
    await scope.db
      .select({ channel: contacts.channel, direction: contacts.direction, occurredAt: contacts.occurredAt })
      .from(contacts)
      .where(and(eq(contacts.tenantId, scope.tenantId), eq(contacts.caseId, row.id)))
      .orderBy(asc(contacts.occurredAt)),
    await scope.db
      .select({ kind: caseEvents.kind, data: caseEvents.data })
      .from(caseEvents)
      .where(
        and(
          eq(caseEvents.tenantId, scope.tenantId),
          eq(caseEvents.caseId, row.id),
          inArray(caseEvents.kind, [
            'created',
            'assigned',
            'transfer_accepted',
            'escalation_accepted',
            'owner_reassigned',
          ]),
        ),
      )
      .orderBy(asc(caseEvents.occurredAt)),
    await countMissedCallbacks(scope, row.id),
  ];
  const owners = [row.ownerId, ...ownership.map((e) => e.data.to)].filter((v): v is string => typeof v === 'string');
  const teams = [row.teamId, ...ownership.map((e) => e.data.teamTo)].filter((v): v is string => typeof v === 'string');
  return effortLedger(
    {
      contacts: caseContacts,
      owners,
      teams,
      transfers: ownership.filter((e) => e.kind === 'transfer_accepted').length,
      missedCallbacks,
      openedAt: row.createdAt,
      endedAt: row.closedAt ?? row.solvedAt ?? null,
      now: change.now,
    },
    change.policy,
  );
}

/** Past a tenant's effort threshold the case escalates by itself, saying why. Once per threshold. */
export async function checkCaseEffort(change: CaseChange): Promise<EffortLedger> {
  const ledger = await measureEffort(change);
  if (ledger.thresholdsExceeded.length === 0 || change.row.status === 'closed' || change.row.status === 'solved')
    return ledger;
  const reports = await change.scope.db
    .select({ data: caseEvents.data })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.tenantId, change.scope.tenantId),
        eq(caseEvents.caseId, change.row.id),
        eq(caseEvents.kind, 'effort_threshold_exceeded'),
      ),
    );
  const measure = (threshold: string) => threshold.split(':')[0]!;
  const reported = new Set(reports.flatMap((e) => ((e.data.thresholds as string[] | undefined) ?? []).map(measure)));
  const fresh = ledger.thresholdsExceeded.filter((t) => !reported.has(measure(t)));
  if (fresh.length === 0) return ledger;
  const reason = `Customer effort too high: ${fresh.join(', ')}`;
  await recordCaseEvents(change, [
    { kind: 'effort_threshold_exceeded', data: { thresholds: fresh, score: ledger.score } },
  ]);
  await raiseEscalation(change, { reason }, { quietIfPending: true });
  return ledger;
}

export function caseEffort(actor: Actor, caseId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => measureEffort(await openCaseForChange(scope, actor, caseId, now)));
}

/** Days open is the one threshold time alone crosses: a timer checks it when it would be reached. */
export async function scheduleEffortCheck(change: CaseChange): Promise<void> {
  const runAt = new Date(change.row.createdAt.getTime() + change.policy.effortThresholds.daysOpen * 86_400_000);
  await scheduleJob(change.scope.db, {
    tenantId: change.scope.tenantId,
    kind: EFFORT_CHECK_JOB,
    key: `effort-days:${change.row.id}`,
    runAt,
    payload: { caseId: change.row.id },
  });
}

/** Timer: the days-open threshold may have been reached. A case solved or closed by then has nothing to check. */
export async function runEffortCheck(scope: TenantScope, payload: { caseId: string }, now: Date): Promise<void> {
  const change = await openCaseForChange(scope, systemActor(scope), payload.caseId, now);
  if (change.row.status === 'closed' || change.row.status === 'solved') return;
  await checkCaseEffort(change);
}
