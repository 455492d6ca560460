import type { CasePolicy } from '../../domain/cases/case-policy.ts';
import { findPendingEscalation } from '../../store/repositories/case-handoffs.ts';
import { findCase } from '../../store/repositories/cases.ts';
import { cancelJob } from '../../store/repositories/jobs.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import { addCaseNote } from '../cases/add-case-note.ts';
import { openCaseForChange, systemActor } from '../cases/case-change.ts';
import { runEffortCheck } from '../cases/case-effort.ts';
import { createCase } from '../cases/create-case.ts';
import { acceptCaseEscalation } from '../cases/escalate-case.ts';
import { linkContacts } from '../cases/link-contacts.ts';
import { changeCase } from '../cases/update-case.ts';
import { trackCaseSla } from '../sla/track-case-sla.ts';
import type { HistoryContact } from './case-history.ts';
import type { DemoStaff } from './demo-people.ts';
import type { CaseStep, ScriptedCase } from './demo-script.ts';
import { minutesAfter } from './demo-time.ts';
import type { DemoRandom } from './random.ts';

export interface LiveContext {
  scope: TenantScope;
  staff: DemoStaff;
  policy: CasePolicy;
  random: DemoRandom;
  now: Date;
}

type Moment =
  | { at: Date; kind: 'contact'; contact: HistoryContact }
  | { at: Date; kind: 'step'; step: CaseStep }
  | { at: Date; kind: 'days-open' }
  | { at: Date; kind: 'accept'; escalationId: string; by: string };

/** The timer createCase sets for the days-open threshold (src/services/cases/case-effort.ts). */
const effortCheckKey = (caseId: string) => `effort-days:${caseId}`;

const HAND_BACK_NOTE = 'Spoke to the customer and agreed what happens next. Back to you to see it through.';

/**
 * Plays a case that is still going on, or a story's, through the services a live tenant uses,
 * with its timers settled as they would have gone off: contacts join when they arrived, the
 * days-open check runs when it was due, an escalation the rules raise is accepted by its target
 * in time and handed back, and the SLA clocks are brought up to today (recording the warnings
 * and breaches where they fell), so that only timers still ahead are left waiting.
 */
export async function playLiveCase(
  context: LiveContext,
  customerId: string,
  contacts: HistoryContact[],
  plan: ScriptedCase,
): Promise<string> {
  const { scope, staff, policy, random, now } = context;
  const early = contacts.filter((c) => c.occurredAt <= plan.openedAt);
  const opened = await createCase(
    staff.actor(plan.openedBy),
    {
      customerId,
      subject: plan.subject,
      priority: plan.priority,
      ownerId: plan.owner ? staff.userId(plan.owner) : null,
      teamId: staff.teamId(plan.team),
      contactIds: early.map((c) => c.id),
    },
    plan.openedAt,
  );
  const caseId = opened.id;
  const moments: Moment[] = [
    ...contacts
      .filter((c) => c.occurredAt > plan.openedAt)
      .map((contact) => ({ at: contact.occurredAt, kind: 'contact' as const, contact })),
    ...plan.steps.map((step) => ({ at: step.at, kind: 'step' as const, step })),
  ];
  const daysOpenAt = new Date(plan.openedAt.getTime() + policy.effortThresholds.daysOpen * 86_400_000);
  if (daysOpenAt < now) moments.push({ at: daysOpenAt, kind: 'days-open' });
  const answered = new Set<string>();
  const next = () => {
    moments.sort((a, b) => a.at.getTime() - b.at.getTime());
    return moments.shift();
  };

  for (let moment = next(); moment; moment = next()) {
    const { at } = moment;
    switch (moment.kind) {
      case 'contact':
        await inTransaction(scope, async (tx) => {
          const change = await openCaseForChange(tx, systemActor(tx), caseId, at);
          if (change.row.status !== 'closed') await linkContacts(change, [moment.contact.id]);
        });
        break;
      case 'days-open':
        await runEffortCheck(scope, { caseId }, at);
        await cancelJob(scope.db, effortCheckKey(caseId));
        break;
      case 'accept': {
        const before = await findCase(scope, caseId);
        const accepted = await acceptCaseEscalation(staff.actorById(moment.by), caseId, at);
        const handBackAt = minutesAfter(at, random.int(2, 15));
        if (before?.ownerId && before.ownerId !== moment.by && accepted.status !== 'closed' && handBackAt < now) {
          await addCaseNote(staff.actorById(moment.by), caseId, HAND_BACK_NOTE, handBackAt);
          await changeCase(staff.actorById(moment.by), caseId, { ownerId: before.ownerId }, handBackAt);
        }
        break;
      }
      case 'step':
        await playStep(staff, caseId, moment.step);
        break;
    }
    // An escalation the rules just raised is accepted in time by the one it went to, unless that is still ahead.
    const pending = await findPendingEscalation(scope, caseId);
    if (pending && !answered.has(pending.id) && pending.targetUserId) {
      answered.add(pending.id);
      const wait = random.int(3, Math.max(4, Math.min(policy.escalationAcceptMinutes - 2, 50)));
      const acceptAt = minutesAfter(pending.raisedAt, wait);
      if (acceptAt < now)
        moments.push({ at: acceptAt, kind: 'accept', escalationId: pending.id, by: pending.targetUserId });
    }
  }
  await trackCaseSla(scope, caseId, now);
  return caseId;
}

async function playStep(staff: DemoStaff, caseId: string, step: CaseStep): Promise<void> {
  const actor = staff.actor(step.by);
  if (step.note) await addCaseNote(actor, caseId, step.note, step.at);
  const changed =
    step.status !== undefined || step.owner !== undefined || step.team !== undefined || step.priority !== undefined;
  if (!changed) return;
  await changeCase(
    actor,
    caseId,
    {
      status: step.status,
      priority: step.priority,
      ownerId: step.owner === undefined ? undefined : step.owner && staff.userId(step.owner),
      teamId: step.team && staff.teamId(step.team),
    },
    step.at,
  );
}
