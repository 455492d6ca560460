import { AppError, invalid, notFound } from '../../../errors.ts';
import {
  asCallFacts,
  callFactsFromTranscript,
  withTranscript,
  type CallTranscriptFacts,
} from '../../../domain/channels/call-facts.ts';
import { parseWebVtt, transcriptText, type TranscriptSegment } from '../../../domain/channels/webvtt.ts';
import {
  lockContact,
  lockContactByExternalId,
  type GrowingContact,
} from '../../../store/repositories/channel-contacts.ts';
import {
  replaceSegments,
  setContactChannelFacts,
  type ContactSegment,
} from '../../../store/repositories/contact-parts.ts';
import { inTransaction, type TenantScope } from '../../../store/tenant-scope.ts';
import { intakeMessage } from '../intake.ts';
import type { LiveFeed } from '../live-feed.ts';
import { callExternalId, callThreadRef, type CallOutcome } from './record-call-event.ts';

export interface SpokenSegment extends TranscriptSegment {
  role?: 'customer' | 'agent' | undefined;
}

export interface TranscriptOutcome extends CallOutcome {
  segments: number;
  speakers: string[];
}

export const MAX_TRANSCRIPT_SEGMENTS = 20_000;

/**
 * A call's transcript from the telephony system, as speaker-labelled timed segments. It
 * replaces any earlier transcript of the call, and the contact's text becomes the transcript,
 * so the call is found by what was said. A transcript may come before the call's events: with
 * `from` (the caller's number) the call is recorded from it; without, it is refused (409) so
 * the sender delivers it again once the call is known.
 */
export async function recordCallTranscript(
  scope: TenantScope,
  input: {
    callId: string;
    from?: string | undefined;
    to?: string | undefined;
    at?: string | undefined;
    segments: SpokenSegment[];
  },
  options: { now?: Date; feed?: LiveFeed } = {},
): Promise<TranscriptOutcome> {
  const segments = checkSegments(input.segments);
  const applied = await inTransaction(scope, async (tx) => {
    const contact = await lockContactByExternalId(tx, callExternalId(input.callId));
    return contact && applyTranscript(tx, contact, segments, 'webhook', options.now ?? new Date());
  });
  if (applied) return applied;
  if (!input.from) {
    throw new AppError(
      'conflict',
      `Call ${input.callId} is not known yet: send its events first, or include "from" (the caller's number). The transcript was not stored; send it again.`,
      {
        reason: 'unknown_call',
      },
    );
  }
  const now = options.now ?? new Date();
  const occurredAt = input.at ? new Date(input.at) : now;
  const summary = transcriptFacts(segments, 'webhook', now);
  const outcome = await intakeMessage(
    scope,
    {
      channel: 'phone',
      externalId: callExternalId(input.callId),
      occurredAt,
      customer: { phone: input.from },
      identityProven: true,
      text: transcriptText(segments),
      facts: { ...callFactsFromTranscript({ callId: input.callId, from: input.from, to: input.to ?? null }, summary) },
      threadRef: callThreadRef(input.callId),
      segments: storedSegments(segments, occurredAt),
    },
    options,
  );
  if (outcome.status === 'created') {
    return {
      status: 'created',
      contactId: outcome.contactId,
      caseId: outcome.caseId,
      customerId: outcome.customerId,
      segments: segments.length,
      speakers: summary.speakers,
    };
  }
  // The call's first event landed meanwhile: the transcript goes onto it.
  return recordCallTranscript(scope, { ...input, from: undefined }, options);
}

/** A WebVTT file an agent uploads for a call contact: refused with line-numbered problems when malformed. */
export async function uploadCallTranscript(
  scope: TenantScope,
  contactId: string,
  vtt: string,
  now = new Date(),
): Promise<TranscriptOutcome> {
  const parsed = parseWebVtt(vtt);
  if (!parsed.ok)
    throw invalid(`The WebVTT file cannot be read: ${parsed.problems.join('; ')}`, { problems: parsed.problems });
  const segments = checkSegments(parsed.segments);
  return inTransaction(scope, async (tx) => {
    const contact = await lockContact(tx, contactId);
    if (!contact) throw notFound('Contact');
    return applyTranscript(tx, contact, segments, 'webvtt', now);
  });
}

function checkSegments(segments: SpokenSegment[]): SpokenSegment[] {
  const problems: string[] = [];
  if (segments.length > MAX_TRANSCRIPT_SEGMENTS) problems.push(`more than ${MAX_TRANSCRIPT_SEGMENTS} segments`);
  segments.forEach((s, i) => {
    if (s.endMs < s.startMs) problems.push(`segment ${i + 1} ends (${s.endMs} ms) before it starts (${s.startMs} ms)`);
  });
  const spoken = segments
    .map((s) => ({ ...s, text: s.text.trim(), speaker: s.speaker?.trim() || null }))
    .filter((s) => s.text !== '');
  if (spoken.length === 0 && problems.length === 0) problems.push('the transcript has no text');
  if (problems.length > 0)
    throw invalid(`The transcript cannot be taken in: ${problems.slice(0, 20).join('; ')}`, { problems });
  return spoken;
}

function transcriptFacts(
  segments: SpokenSegment[],
  source: CallTranscriptFacts['source'],
  now: Date,
): CallTranscriptFacts {
  const speakers = [...new Set(segments.map((s) => s.speaker).filter((s): s is string => s !== null))];
  return { segments: segments.length, speakers, source, receivedAt: now.toISOString() };
}

/** Segments are dated from the moment the call was answered (else offered, else the contact's time). */
function storedSegments(segments: SpokenSegment[], start: Date): ContactSegment[] {
  return segments.map((s) => ({
    speaker: s.speaker,
    speakerRole: s.role ?? null,
    at: new Date(start.getTime() + s.startMs),
    startMs: s.startMs,
    endMs: s.endMs,
    text: s.text,
  }));
}

async function applyTranscript(
  tx: TenantScope,
  contact: GrowingContact,
  segments: SpokenSegment[],
  source: CallTranscriptFacts['source'],
  now: Date,
): Promise<TranscriptOutcome> {
  if (contact.channel !== 'phone') {
    throw new AppError('conflict', `That contact is a ${contact.channel} contact; only calls have transcripts`, {
      reason: 'not_a_call',
    });
  }
  const call = asCallFacts(contact.facts);
  const startedAt = call?.answeredAt ?? call?.offeredAt ?? call?.queuedAt;
  const summary = transcriptFacts(segments, source, now);
  await replaceSegments(tx, contact.id, storedSegments(segments, startedAt ? new Date(startedAt) : contact.occurredAt));
  const facts = call ? { ...withTranscript(call, summary) } : { ...(contact.facts ?? {}), transcript: summary };
  await setContactChannelFacts(tx, contact.id, { facts, body: transcriptText(segments) });
  return {
    status: 'updated',
    contactId: contact.id,
    caseId: contact.caseId,
    customerId: contact.customerId,
    segments: segments.length,
    speakers: summary.speakers,
  };
}
