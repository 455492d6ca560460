import { randomUUID } from 'node:crypto';
import { minutesLater, type CasePolicy } from '../../domain/cases/case-policy.ts';
import { effortLedger } from '../../domain/cases/effort.ts';
import { nextUp } from '../../domain/cases/escalation.ts';
import { accountableFor, type Organisation } from '../../domain/cases/ownership.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';
import { slaClocks } from '../../domain/sla/sla-clock.ts';
import { SLA_METRICS } from '../../domain/sla/sla-policy.ts';
import type { CasePriority, CaseStatus } from '../../domain/vocabulary.ts';
import { SLA_BREACHED_EVENT, SLA_WARNING_EVENT } from '../sla/case-sla.ts';
import type { SlaRules } from '../sla/sla-rules.ts';
import type { DemoStaff, StaffKey } from './demo-people.ts';
import type { ScriptedCase } from './demo-script.ts';
import type { DemoRandom } from './random.ts';

/**
 * The life of a case up to today (solved or closed by now, or still going on), worked out the way
 * Hearken would have run it: contacts joining as they came, the effort rules escalating it
 * when the customer had to come back too often or it stayed open too long, the supervisor
 * accepting in time (now and then too late, so it climbed first) and handing it back, the SLA
 * clocks with their warnings and breaches where they fell. Pure: the rows are written in bulk
 * by writeCaseHistories, so a seed of thousands of cases does not take thousands of transactions.
 */

export interface HistoryContact {
  id: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  occurredAt: Date;
}

export interface CaseHistoryInput {
  plan: ScriptedCase;
  customerId: string;
  /** The case's contacts, in time order. */
  contacts: HistoryContact[];
}

export interface HistoryContext {
  staff: DemoStaff;
  org: Organisation;
  policy: CasePolicy;
  rules: Record<CasePriority, SlaRules>;
  random: DemoRandom;
  now: Date;
}

export interface HistoryEvent {
  kind: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  data: Record<string, unknown>;
}

export interface HistoryEscalation {
  id: string;
  kind: 'hierarchical';
  level: number;
  reason: string;
  targetUserId: string;
  status: 'pending' | 'accepted' | 'climbed' | 'withdrawn';
  raisedAt: Date;
  deadline: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export interface HistoryClock {
  metric: string;
  targetMinutes: number;
  cycleStartedAt: Date;
  dueAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  satisfiedAt: Date | null;
  paused: boolean;
}

export interface CaseHistory {
  id: string;
  number: number;
  customerId: string;
  subject: string;
  status: CaseStatus;
  priority: CasePriority;
  ownerId: string | null;
  teamId: string | null;
  escalationLevel: number;
  createdAt: Date;
  updatedAt: Date;
  solvedAt: Date | null;
  closedAt: Date | null;
  contactIds: string[];
  events: HistoryEvent[];
  escalations: HistoryEscalation[];
  clocks: HistoryClock[];
}

const SYSTEM = { userId: null, label: 'system' };
const HAND_BACK_NOTES = [
  'Spoke to the customer, apologised and agreed the next step. Back to {name} to see it through.',
  'Reviewed the history: nothing more is needed from the customer. {name}, please finish this today.',
  'Called the customer back myself and promised an update by tomorrow. Handing back to {name}.',
];

type Moment =
  | { at: Date; order: number; kind: 'contact'; contact: HistoryContact }
  | { at: Date; order: number; kind: 'step'; step: ScriptedCase['steps'][number] }
  | { at: Date; order: number; kind: 'days-open' }
  | { at: Date; order: number; kind: 'accept'; escalationId: string; by: string }
  | { at: Date; order: number; kind: 'climb'; escalationId: string }
  | { at: Date; order: number; kind: 'hand-back'; by: string; to: string };

type Untimed = Moment extends infer M ? (M extends Moment ? Omit<M, 'order'> : never) : never;

/** Works out one case's rows up to `context.now`; `number` is its reference number. */
export function caseHistory(input: CaseHistoryInput, number: number, context: HistoryContext): CaseHistory {
  const { plan } = input;
  const { staff, org, policy, random } = context;
  const actorOf = (key: StaffKey) => ({ userId: staff.userId(key), label: staff.actor(key).label });
  const labelOf = (userId: string) => staff.labelOf(userId);
  const row: CaseHistory = {
    id: randomUUID(),
    number,
    customerId: input.customerId,
    subject: plan.subject.trim(),
    status: 'new',
    priority: plan.priority,
    ownerId: plan.owner ? staff.userId(plan.owner) : null,
    teamId: staff.teamId(plan.team),
    escalationLevel: 0,
    createdAt: plan.openedAt,
    updatedAt: plan.openedAt,
    solvedAt: null,
    closedAt: null,
    contactIds: input.contacts.map((c) => c.id),
    events: [],
    escalations: [],
    clocks: [],
  };
  let order = 0;
  const record = (at: Date, by: { userId: string | null; label: string }, kind: string, data: object) =>
    row.events.push({
      kind,
      occurredAt: at,
      actorUserId: by.userId,
      actorLabel: by.label,
      data: data as Record<string, unknown>,
    });
  const statusChanges: { at: Date; to: CaseStatus }[] = [];
  const owners: string[] = row.ownerId ? [row.ownerId] : [];
  const teams: string[] = row.teamId ? [row.teamId] : [];
  const linked: HistoryContact[] = [];
  const reported = new Set<string>();
  // Set and cleared inside the closures below, so TypeScript must not narrow it to its first value.
  let pending = null as HistoryEscalation | null;
  let lastAcceptedBy: string | null = null;

  const opener = actorOf(plan.openedBy);
  record(plan.openedAt, opener, 'created', {
    subject: row.subject,
    priority: row.priority,
    reference: formatCaseReference(number),
  });
  record(plan.openedAt, opener, 'assigned', { from: null, to: row.ownerId, teamFrom: null, teamTo: row.teamId });

  const moments: Moment[] = [];
  const schedule = (moment: Untimed) => {
    moments.push({ ...moment, order: order++ } as Moment);
    moments.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  };
  const early = input.contacts.filter((c) => c.occurredAt <= plan.openedAt);
  linked.push(...early);
  if (early.length > 0) record(plan.openedAt, opener, 'contacts_linked', { contactIds: early.map((c) => c.id) });
  for (const contact of input.contacts.filter((c) => c.occurredAt > plan.openedAt))
    schedule({ at: contact.occurredAt, kind: 'contact', contact });
  for (const step of plan.steps) schedule({ at: step.at, kind: 'step', step });
  schedule({
    at: new Date(plan.openedAt.getTime() + policy.effortThresholds.daysOpen * 86_400_000),
    kind: 'days-open',
  });

  const ended = () => row.status === 'solved' || row.status === 'closed';
  const checkEffort = (at: Date) => {
    if (ended()) return;
    const ledger = effortLedger(
      {
        contacts: linked,
        owners,
        teams,
        transfers: 0,
        missedCallbacks: 0,
        openedAt: row.createdAt,
        endedAt: null,
        now: at,
      },
      policy,
    );
    const fresh = ledger.thresholdsExceeded.filter((t) => !reported.has(t.split(':')[0]!));
    if (fresh.length === 0) return;
    for (const t of fresh) reported.add(t.split(':')[0]!);
    record(at, SYSTEM, 'effort_threshold_exceeded', { thresholds: fresh, score: ledger.score });
    if (pending) return;
    const target = nextUp(lastAcceptedBy ?? accountableFor(row, org), org);
    if (!target) return;
    escalate(at, `Customer effort too high: ${fresh.join(', ')}`, target);
  };
  const raise = (at: Date, reason: string, target: string, level: number): HistoryEscalation => {
    pending = {
      id: randomUUID(),
      kind: 'hierarchical',
      level,
      reason,
      targetUserId: target,
      status: 'pending',
      raisedAt: at,
      deadline: minutesLater(at, policy.escalationAcceptMinutes),
      decidedAt: null,
      decidedBy: null,
    };
    row.escalations.push(pending);
    row.escalationLevel = level;
    // Accepted in time, mostly; now and then nobody did and it went a level up first.
    const higher = nextUp(target, org);
    if (higher && random.chance(0.08)) schedule({ at: pending.deadline, kind: 'climb', escalationId: pending.id });
    else {
      const wait = random.int(3, Math.max(4, Math.min(policy.escalationAcceptMinutes - 2, 50)));
      schedule({ at: minutesLater(at, wait), kind: 'accept', escalationId: pending.id, by: target });
    }
    return pending;
  };
  const escalate = (at: Date, reason: string, target: string) => {
    const raised = raise(at, reason, target, row.escalationLevel + 1);
    record(at, SYSTEM, 'escalated', {
      escalationId: raised.id,
      escalationKind: raised.kind,
      level: raised.level,
      reason,
      targetUserId: target,
      targetTeamId: null,
      deadline: raised.deadline.toISOString(),
    });
  };

  let last = plan.openedAt;
  while (moments.length > 0) {
    const moment = moments.shift()!;
    const at = moment.at;
    // What would come after today has not happened yet: an escalation raised lately is still waiting.
    if (at >= context.now) break;
    if (at > last) last = at;
    switch (moment.kind) {
      case 'contact': {
        if (row.status === 'closed') break;
        linked.push(moment.contact);
        record(at, SYSTEM, 'contacts_linked', { contactIds: [moment.contact.id] });
        checkEffort(at);
        break;
      }
      case 'days-open':
        checkEffort(at);
        break;
      case 'climb': {
        if (!pending || pending.id !== moment.escalationId) break;
        const from: HistoryEscalation = pending;
        const higher = nextUp(from.targetUserId, org)!;
        from.status = 'climbed';
        from.decidedAt = at;
        const raised = raise(at, from.reason, higher, from.level + 1);
        record(at, SYSTEM, 'escalation_climbed', {
          escalationId: raised.id,
          fromUserId: from.targetUserId,
          fromTeamId: null,
          level: raised.level,
          targetUserId: higher,
          deadline: raised.deadline.toISOString(),
          flagged: true,
        });
        break;
      }
      case 'accept': {
        if (!pending || pending.id !== moment.escalationId) break;
        const previous = row.ownerId;
        pending.status = 'accepted';
        pending.decidedAt = at;
        pending.decidedBy = moment.by;
        record(at, { userId: moment.by, label: labelOf(moment.by) }, 'escalation_accepted', {
          escalationId: pending.id,
          level: pending.level,
          from: previous,
          to: moment.by,
        });
        pending = null;
        lastAcceptedBy = moment.by;
        row.ownerId = moment.by;
        owners.push(moment.by);
        if (previous && previous !== moment.by)
          schedule({ at: minutesLater(at, random.int(2, 15)), kind: 'hand-back', by: moment.by, to: previous });
        break;
      }
      case 'hand-back': {
        if (row.status === 'closed' || row.ownerId !== moment.by) break;
        const by = { userId: moment.by, label: labelOf(moment.by) };
        const name = labelOf(moment.to).split(' ')[0]!;
        record(at, by, 'note', { text: random.pick(HAND_BACK_NOTES).replace('{name}', name) });
        record(at, by, 'assigned', { from: moment.by, to: moment.to, teamFrom: row.teamId, teamTo: row.teamId });
        row.ownerId = moment.to;
        owners.push(moment.to);
        break;
      }
      case 'step': {
        const { step } = moment;
        const by = actorOf(step.by);
        if (step.note) record(at, by, 'note', { text: step.note.trim() });
        const ownerId = step.owner === undefined ? undefined : step.owner && staff.userId(step.owner);
        const teamId = step.team && staff.teamId(step.team);
        if ((ownerId !== undefined && ownerId !== row.ownerId) || (teamId !== undefined && teamId !== row.teamId)) {
          const to = { ownerId: ownerId ?? row.ownerId, teamId: teamId ?? row.teamId };
          record(at, by, 'assigned', { from: row.ownerId, to: to.ownerId, teamFrom: row.teamId, teamTo: to.teamId });
          row.ownerId = to.ownerId;
          row.teamId = to.teamId;
          if (to.ownerId) owners.push(to.ownerId);
          if (to.teamId) teams.push(to.teamId);
        }
        if (step.status && step.status !== row.status) {
          record(at, by, 'status_changed', { from: row.status, to: step.status });
          statusChanges.push({ at, to: step.status });
          if (step.status === 'solved') row.solvedAt = at;
          if (step.status === 'closed') row.closedAt = at;
          row.status = step.status;
        }
        if (step.priority && step.priority !== row.priority) {
          record(at, by, 'priority_changed', { from: row.priority, to: step.priority });
          row.priority = step.priority;
        }
        if (row.status === 'closed' && pending) {
          pending.status = 'withdrawn';
          pending.decidedAt = at;
          pending.decidedBy = by.userId;
          record(at, by, 'escalation_withdrawn', { escalationId: pending.id, reason: 'case closed' });
          pending = null;
        }
        break;
      }
    }
  }
  row.updatedAt = last;
  judgeSla(row, input.contacts, statusChanges, context.rules[row.priority], last);
  // Events at the same moment keep the order they happened in, a millisecond apart, as services record them.
  row.events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  let previous = 0;
  for (const event of row.events) {
    const t = Math.max(event.occurredAt.getTime(), previous + 1);
    event.occurredAt = new Date(t);
    previous = t;
  }
  return row;
}

/**
 * The case's SLA clocks as of its last change, with each warning and breach recorded when it fell
 * (as the durable timers would have recorded them), and the clocks stored the way tracking stores them.
 */
function judgeSla(
  row: CaseHistory,
  contacts: HistoryContact[],
  statusChanges: { at: Date; to: CaseStatus }[],
  rules: SlaRules,
  at: Date,
): void {
  // Agents answer in writing (outbound contacts) or inside a chat, a minute or so after it starts.
  const agentUpdates = contacts.flatMap((c) =>
    c.direction === 'outbound'
      ? [c.occurredAt]
      : c.channel === 'chat'
        ? [new Date(c.occurredAt.getTime() + 60_000)]
        : [],
  );
  const clocks = slaClocks({ createdAt: row.createdAt, statusChanges, agentUpdates }, rules.policy, rules.calendar, at);
  const t = at.getTime();
  for (const metric of SLA_METRICS) {
    const cycles = clocks[metric];
    let warnedAt: Date | null = null;
    let breachedAt: Date | null = null;
    for (const cycle of cycles) {
      const kept = cycle.satisfiedAt?.getTime() ?? Infinity;
      const due = cycle.dueAt?.getTime();
      const warn = cycle.warnAt?.getTime();
      const data = {
        metric,
        dueAt: cycle.dueAt?.toISOString(),
        cycleStartedAt: cycle.startedAt.toISOString(),
        priority: row.priority,
      };
      const current = cycle === cycles[cycles.length - 1];
      if (warn !== undefined && due !== undefined && warn < due && warn < kept && warn <= t) {
        row.events.push({ kind: SLA_WARNING_EVENT, occurredAt: cycle.warnAt!, ...SYSTEM_ACTOR, data });
        if (current) warnedAt = cycle.warnAt;
      }
      if (due !== undefined && due < kept && due <= t) {
        row.events.push({ kind: SLA_BREACHED_EVENT, occurredAt: cycle.dueAt!, ...SYSTEM_ACTOR, data });
        if (current) breachedAt = cycle.dueAt;
      }
    }
    const cycle = cycles[cycles.length - 1]!;
    row.clocks.push({
      metric,
      targetMinutes: cycle.targetMinutes,
      cycleStartedAt: cycle.startedAt,
      dueAt: cycle.dueAt,
      warnAt: cycle.warnAt,
      warnedAt,
      breachedAt,
      satisfiedAt: cycle.satisfiedAt,
      paused: cycle.paused,
    });
  }
}

const SYSTEM_ACTOR = { actorUserId: null, actorLabel: 'system' };
