import type { CasePolicy } from './case-policy.ts';

/** What the customer has had to do about this case so far. */
export interface EffortFacts {
  contacts: { channel: string; direction: 'inbound' | 'outbound'; occurredAt: Date }[];
  /** Every owner the case has had, in order (people, not queues). */
  owners: string[];
  teams: string[];
  transfers: number;
  missedCallbacks: number;
  openedAt: Date;
  /** When it was solved or closed, if it was. */
  endedAt: Date | null;
  now: Date;
}

export interface EffortLedger {
  contacts: number;
  channels: number;
  agents: number;
  teams: number;
  transfers: number;
  repeatContacts: number;
  daysOpen: number;
  missedCallbacks: number;
  score: number;
  thresholdsExceeded: string[];
}

const DAY_MS = 86_400_000;

/**
 * Contacts are what the customer sent (inbound); every inbound contact after the first is a
 * repeat: they had to come back about the same unsolved thing. The score weighs what hurts
 * most — being passed around and being let down — above simply writing in.
 */
export function effortLedger(facts: EffortFacts, policy: CasePolicy): EffortLedger {
  const inbound = facts.contacts.filter((c) => c.direction === 'inbound');
  const contacts = inbound.length;
  const channels = new Set(inbound.map((c) => c.channel)).size;
  const agents = new Set(facts.owners).size;
  const teams = new Set(facts.teams).size;
  const repeatContacts = Math.max(0, contacts - 1);
  const end = facts.endedAt ?? facts.now;
  const daysOpen = Math.max(0, Math.floor((end.getTime() - facts.openedAt.getTime()) / DAY_MS));
  const score =
    contacts +
    2 * repeatContacts +
    2 * Math.max(0, channels - 1) +
    3 * facts.transfers +
    4 * facts.missedCallbacks +
    daysOpen +
    Math.max(0, agents - 1);

  const limits = policy.effortThresholds;
  const thresholdsExceeded: string[] = [];
  if (contacts >= limits.contacts) thresholdsExceeded.push(`contacts: ${contacts} (threshold ${limits.contacts})`);
  if (facts.transfers >= limits.transfers)
    thresholdsExceeded.push(`transfers: ${facts.transfers} (threshold ${limits.transfers})`);
  if (daysOpen >= limits.daysOpen) thresholdsExceeded.push(`days open: ${daysOpen} (threshold ${limits.daysOpen})`);
  return {
    contacts,
    channels,
    agents,
    teams,
    transfers: facts.transfers,
    repeatContacts,
    daysOpen,
    missedCallbacks: facts.missedCallbacks,
    score,
    thresholdsExceeded,
  };
}
