/** Names for ids on events, from the staff and team lists. */
export interface Names {
  userName(id: string | null | undefined): string | null;
  teamName(id: string | null | undefined): string | null;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const withReason = (text: string, data: Data) => (str(data.reason) ? `${text}: ${str(data.reason)}` : text);
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (v: unknown) => (str(v) ? dateTime.format(new Date(v as string)) : '');

/** A case or customer event in one plain sentence, as an agent would say it. */
export function describeEvent(kind: string | null | undefined, raw: Data | null | undefined, names: Names): string {
  const data = raw ?? {};
  const person = (id: unknown) => names.userName(str(id)) ?? (str(id) ? 'a colleague' : null);
  const team = (id: unknown) => names.teamName(str(id)) ?? (str(id) ? 'a team' : null);
  switch (kind) {
    case 'created':
      return 'Case opened';
    case 'assigned': {
      const to = person(data.to);
      const teamTo = data.teamTo !== data.teamFrom ? team(data.teamTo) : null;
      const text = to
        ? `Assigned to ${to}${teamTo ? ` (${teamTo})` : ''}`
        : teamTo
          ? `Moved to ${teamTo}, no owner`
          : 'Owner removed';
      return withReason(text, data);
    }
    case 'status_changed':
      return withReason(`Status changed from ${str(data.from) ?? '?'} to ${str(data.to) ?? '?'}`, data);
    case 'priority_changed':
      return `Priority changed from ${str(data.from) ?? '?'} to ${str(data.to) ?? '?'}`;
    case 'subject_changed':
      return 'Subject corrected';
    case 'note':
      return `Internal note: ${str(data.text) ?? ''}`;
    case 'transfer_offered': {
      const to = person(data.toUserId) ?? team(data.toTeamId) ?? 'someone';
      return `Transfer offered to ${to}: ${str(data.note) ?? ''}`;
    }
    case 'transfer_accepted':
      return 'Transfer accepted';
    case 'transfer_declined':
      return withReason('Transfer declined', data);
    case 'transfer_expired':
      return 'Transfer offer expired';
    case 'transfer_withdrawn':
      return 'Transfer offer withdrawn';
    case 'escalated': {
      const to = person(data.targetUserId) ?? team(data.targetTeamId);
      return withReason(
        `Escalated${typeof data.level === 'number' ? ` to level ${data.level}` : ''}${to ? ` (${to})` : ''}`,
        data,
      );
    }
    case 'escalation_accepted':
      return 'Escalation accepted';
    case 'escalation_handed_back':
      return withReason('Escalation handed back', data);
    case 'escalation_climbed':
      return 'Escalation not accepted in time: it climbed a level';
    case 'escalation_overdue':
      return 'Escalation overdue';
    case 'escalation_withdrawn':
      return 'Escalation withdrawn';
    case 'callback_booked':
      return `Callback booked for ${when(data.windowStart)}${str(data.windowEnd) ? ` – ${when(data.windowEnd)}` : ''}${str(data.phone) ? ` on ${str(data.phone)}` : ''}`;
    case 'callback_completed':
      return `Callback made${str(data.outcome) ? `: ${str(data.outcome)}` : ''}`;
    case 'callback_missed':
      return 'Callback missed';
    case 'callback_cancelled':
      return 'Callback cancelled';
    case 'contacts_linked':
      return 'Contacts linked to the case';
    case 'effort_threshold_exceeded':
      return 'Customer effort crossed a threshold';
    case 'linked_to_problem':
      return withReason(
        `Linked to problem ${str(data.problem) ?? ''}${str(data.title) ? ` ${str(data.title)}` : ''}`.trim(),
        data,
      );
    case 'unlinked_from_problem':
      return withReason(`Unlinked from problem ${str(data.problem) ?? ''}`.trim(), data);
    case 'merged_into':
      return withReason(`Merged into ${str(data.reference) ?? 'another case'}`, data);
    case 'merged_from':
      return `${str(data.reference) ?? str(data.name) ?? 'Another record'} merged into this one`;
    case 'unmerged':
      return 'Merge undone';
    case 'split_from':
      return `Split from ${str(data.reference) ?? 'another case'}`;
    case 'split_into':
      return `Split into ${str(data.reference) ?? 'a new case'}`;
    case 'partner_shared':
      return `Shared with ${str(data.partner) ?? 'a partner'}`;
    case 'partner_share_accepted':
      return `${str(data.partner) ?? 'The partner'} took up the shared case`;
    case 'partner_ping_pong':
      return 'Passed back and forth with the partner more than twice';
    default:
      return (kind ?? 'Event').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }
}
