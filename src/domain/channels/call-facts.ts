/**
 * A phone call as the telephony system reports it: a handful of events (offered, queued,
 * answered, transferred, ended) that may arrive late, twice or out of order. The call's facts
 * are always derived again from the whole set of events, so the order they came in never
 * matters and the same event twice changes nothing (an event is known by its kind and time).
 */

export const CALL_EVENT_KINDS = ['offered', 'queued', 'answered', 'transferred', 'ended'] as const;
export type CallEventKind = (typeof CALL_EVENT_KINDS)[number];

export interface CallEvent {
  event: CallEventKind;
  /** ISO date-time the telephony system gives for the event. */
  at: string;
  queue?: string | undefined;
  agent?: string | undefined;
  transferTo?: string | undefined;
  recordingUrl?: string | undefined;
}

export interface CallTranscriptFacts {
  segments: number;
  speakers: string[];
  source: 'webhook' | 'webvtt';
  receivedAt: string;
}

/** What is stored in a call contact's `facts`: the events and what they add up to. */
export interface CallFacts {
  kind: 'call';
  callId: string;
  from: string;
  to: string | null;
  /** The call this leg continues (a transfer or consult leg). */
  previousCallId: string | null;
  events: CallEvent[];
  offeredAt: string | null;
  queuedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  /** Seconds the caller waited: answered (or, never answered, ended) minus offered (or queued). */
  waitSeconds: number | null;
  /** Seconds from answer to end. */
  talkSeconds: number | null;
  /** Ended without ever being answered. */
  abandoned: boolean;
  queues: string[];
  agents: string[];
  transfers: { at: string; to: string | null }[];
  recording: string | null;
  transcript: CallTranscriptFacts | null;
}

export interface CallIdentity {
  callId: string;
  from: string;
  to?: string | null | undefined;
  previousCallId?: string | null | undefined;
}

/** Adds one event to a call's facts; `changed` is false when the event was already known. */
export function applyCallEvent(
  previous: CallFacts | null,
  call: CallIdentity,
  event: CallEvent,
): { facts: CallFacts; changed: boolean } {
  const events = previous?.events ?? [];
  const at = new Date(event.at).toISOString();
  if (events.some((e) => e.event === event.event && e.at === at)) {
    return { facts: previous ?? deriveCallFacts(call, [], null), changed: false };
  }
  const clean: CallEvent = { event: event.event, at };
  if (event.queue) clean.queue = event.queue;
  if (event.agent) clean.agent = event.agent;
  if (event.transferTo) clean.transferTo = event.transferTo;
  if (event.recordingUrl) clean.recordingUrl = event.recordingUrl;
  const identity: CallIdentity = {
    callId: call.callId,
    from: previous?.from ?? call.from,
    to: previous?.to ?? call.to ?? null,
    previousCallId: previous?.previousCallId ?? call.previousCallId ?? null,
  };
  return { facts: deriveCallFacts(identity, [...events, clean], previous?.transcript ?? null), changed: true };
}

/** A call known only from its transcript so far. */
export function callFactsFromTranscript(call: CallIdentity, transcript: CallTranscriptFacts): CallFacts {
  return deriveCallFacts(call, [], transcript);
}

export function withTranscript(facts: CallFacts, transcript: CallTranscriptFacts): CallFacts {
  return { ...facts, transcript };
}

function deriveCallFacts(call: CallIdentity, unsorted: CallEvent[], transcript: CallTranscriptFacts | null): CallFacts {
  const events = [...unsorted].sort(
    (a, b) => a.at.localeCompare(b.at) || CALL_EVENT_KINDS.indexOf(a.event) - CALL_EVENT_KINDS.indexOf(b.event),
  );
  const first = (kind: CallEventKind) => events.find((e) => e.event === kind)?.at ?? null;
  const offeredAt = first('offered');
  const queuedAt = first('queued');
  const answeredAt = first('answered');
  const endedAt = first('ended');
  const start = offeredAt ?? queuedAt;
  const waitEnd = answeredAt ?? endedAt;
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  const recordings = events.filter((e) => e.recordingUrl);
  return {
    kind: 'call',
    callId: call.callId,
    from: call.from,
    to: call.to ?? null,
    previousCallId: call.previousCallId ?? null,
    events,
    offeredAt,
    queuedAt,
    answeredAt,
    endedAt,
    waitSeconds: start && waitEnd ? secondsBetween(start, waitEnd) : null,
    talkSeconds: answeredAt && endedAt ? secondsBetween(answeredAt, endedAt) : null,
    abandoned: endedAt !== null && answeredAt === null,
    queues: unique(events.map((e) => e.queue)),
    agents: unique(events.map((e) => e.agent)),
    transfers: events.filter((e) => e.event === 'transferred').map((e) => ({ at: e.at, to: e.transferTo ?? null })),
    recording: recordings.length > 0 ? recordings[recordings.length - 1]!.recordingUrl! : null,
    transcript,
  };
}

const secondsBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The text a call contact shows until its transcript arrives. */
export function callSummary(facts: CallFacts): string {
  const head = `Call from ${facts.from}`;
  const parts: string[] = [];
  if (facts.waitSeconds !== null) parts.push(`waited ${duration(facts.waitSeconds)}`);
  if (facts.talkSeconds !== null) parts.push(`talked ${duration(facts.talkSeconds)}`);
  if (facts.transfers.length > 0)
    parts.push(facts.transfers.length === 1 ? 'transferred once' : `transferred ${facts.transfers.length} times`);
  if (facts.queues.length > 0) parts.push(`queue ${facts.queues.join(' → ')}`);
  const state = facts.endedAt === null ? 'in progress' : facts.abandoned ? 'not answered' : 'ended';
  return parts.length > 0 ? `${head} — ${state}; ${parts.join(', ')}` : `${head} — ${state}`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** Reads stored facts back; anything that is not a call's facts counts as none. */
export function asCallFacts(value: unknown): CallFacts | null {
  if (typeof value !== 'object' || value === null) return null;
  const facts = value as Partial<CallFacts>;
  return facts.kind === 'call' && Array.isArray(facts.events) ? (facts as CallFacts) : null;
}
