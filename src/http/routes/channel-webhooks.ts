import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { CALL_EVENT_KINDS } from '../../domain/channels/call-facts.ts';
import { recordCallEvent } from '../../services/channels/phone/record-call-event.ts';
import { recordCallTranscript } from '../../services/channels/phone/record-call-transcript.ts';
import { receivePost } from '../../services/channels/social/receive-post.ts';
import { receiveSms } from '../../services/channels/sms/receive-sms.ts';
import type { Db } from '../../store/database.ts';
import { quarantine } from '../../store/repositories/quarantine.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { errors, Nullable, Uuid } from '../schemas.ts';
import { requireWebhookSignature, WEBHOOK_SECURITY } from '../signed-webhooks.ts';
import { feedRoutes } from './feeds.ts';
import { TRANSCRIPT_BODY_LIMIT, transcriptRoutes } from './transcripts.ts';

const TenantParams = Type.Object({
  tenant: Type.String({ minLength: 1, maxLength: 100, description: "The organisation's slug" }),
});
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const Phone = (description: string) => Type.String({ minLength: 1, maxLength: 40, description });
const At = (description: string) => Type.String({ format: 'date-time', description });

const TakenIn = Type.Object({
  status: Type.Enum(['created', 'updated', 'unchanged', 'duplicate'], {
    description:
      'created: a new contact; updated/unchanged: a call already known; duplicate: this message id was already received, nothing changed',
  }),
  contactId: Uuid,
  caseId: Nullable(Uuid),
  customerId: Uuid,
});
const Transcribed = Type.Object({
  ...TakenIn.properties,
  segments: Type.Integer(),
  speakers: Type.Array(Type.String()),
});
const Quarantined = Type.Object(
  { quarantined: Uuid, reason: Type.String() },
  {
    description:
      'Well-formed but not something Hearken can take in (e.g. a withheld caller number): kept for a person to look at, never lost',
  },
);
const responses = (...extra: number[]) => ({
  200: TakenIn,
  201: TakenIn,
  202: Quarantined,
  ...errors(400, 401, 404, 413, ...extra),
});

const signed = (summary: string, description: string) => ({
  tags: ['channels'],
  summary,
  description:
    `${description} Signed with the organisation's webhook secret (see the ${WEBHOOK_SECURITY} security scheme); an unsigned, ` +
    'wrongly signed, stale or replayed request is refused with 401 before the body is looked at. A body outside the schema is ' +
    'refused with 400; one that fits the schema but cannot be taken in is quarantined (202).',
  params: TenantParams,
  security: [{ [WEBHOOK_SECURITY]: [] }],
});

/**
 * Phone, SMS, social and forum channels: the signed webhooks channel providers post to, the
 * WebVTT upload for calls, and the RSS/Atom feeds that are polled.
 */
export const channelWebhookRoutes =
  (db: Db): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(signedWebhookRoutes(db));
    await app.register(transcriptRoutes);
    await app.register(feedRoutes);
  };

const signedWebhookRoutes =
  (db: Db): FastifyPluginAsyncTypebox =>
  async (app) => {
    requireWebhookSignature(app, db);

    /** Runs the intake; what the schema allowed but the intake refused is quarantined rather than lost. */
    const takeIn = async (
      request: FastifyRequest,
      reply: FastifyReply,
      channel: string,
      work: (scope: TenantScope) => Promise<{ status: string }>,
    ) => {
      const scope = request.webhookScope!;
      try {
        const outcome = await work(scope);
        return reply.status(outcome.status === 'created' ? 201 : 200).send(outcome);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
        const id = await quarantine(db, {
          tenantId: scope.tenantId,
          channel,
          reason: error.message,
          detail: { path: request.routeOptions.url, details: error.details ?? null },
          raw: Buffer.from(request.rawBody ?? '', 'utf8'),
        });
        return reply.status(202).send({ quarantined: id, reason: error.message });
      }
    };
    const intake = (o: {
      status: 'created' | 'duplicate';
      contactId: string;
      caseId: string | null;
      customerId: string;
    }) => ({
      status: o.status,
      contactId: o.contactId,
      caseId: o.caseId,
      customerId: o.customerId,
    });

    app.post(
      '/channels/:tenant/phone/events',
      {
        config: { permission: 'public' },
        schema: {
          ...signed(
            'A call event from the telephony system',
            "A call is one contact on the caller's timeline, created at its first event and given the facts of every later one " +
              '(offeredAt, queuedAt, answeredAt, endedAt, waitSeconds, talkSeconds, queues, agents, transfers, recording). Events may ' +
              'arrive late or twice: the same event (callId, event, at) twice changes nothing. A leg with previousCallId (a transfer or ' +
              "consult leg) joins that call's case.",
          ),
          body: Type.Object(
            {
              callId: Id("The telephony system's id for this call (leg)"),
              event: Type.Enum(CALL_EVENT_KINDS),
              at: At('When it happened'),
              from: Phone("The caller's number"),
              to: Phone('The number called'),
              queue: Type.Optional(Type.String({ maxLength: 200 })),
              agent: Type.Optional(Type.String({ maxLength: 200 })),
              transferTo: Type.Optional(
                Type.String({ maxLength: 200, description: 'Where a transferred call went: a queue, agent or number' }),
              ),
              previousCallId: Type.Optional(Id('The call this leg continues')),
              recordingUrl: Type.Optional(
                Type.String({ maxLength: 2000, description: 'A reference to the recording' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: responses(409),
        },
      },
      (request, reply) =>
        takeIn(request, reply, 'phone', (scope) => recordCallEvent(scope, request.body, { feed: app.channels.feed })),
    );

    app.post(
      '/channels/:tenant/phone/transcripts',
      {
        config: { permission: 'public' },
        bodyLimit: TRANSCRIPT_BODY_LIMIT,
        schema: {
          ...signed(
            "A call's transcript as speaker-labelled timed segments",
            "Replaces the call's transcript; the contact's text becomes the transcript, so the call is found by what was said. " +
              "For a call not known yet, give `from` (the caller's number) and the call is recorded from its transcript; without it the " +
              "answer is 409 (reason unknown_call) and nothing is stored: send it again after the call's events.",
          ),
          body: Type.Object(
            {
              callId: Id("The telephony system's id for the call"),
              from: Type.Optional(Phone("The caller's number, to record a call not known yet")),
              to: Type.Optional(Phone('The number called')),
              at: Type.Optional(At('When the call started, for a call not known yet')),
              segments: Type.Array(
                Type.Object(
                  {
                    speaker: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
                    role: Type.Optional(Type.Enum(['customer', 'agent'])),
                    startMs: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
                    endMs: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
                    text: Type.String({ maxLength: 20_000 }),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 20_000 },
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            ...responses(409),
            200: Transcribed,
            201: Transcribed,
          },
        },
      },
      (request, reply) =>
        takeIn(request, reply, 'phone', (scope) =>
          recordCallTranscript(
            scope,
            { ...request.body, segments: request.body.segments.map((s) => ({ ...s, speaker: s.speaker ?? null })) },
            { feed: app.channels.feed },
          ),
        ),
    );

    app.post(
      '/channels/:tenant/sms',
      {
        config: { permission: 'public' },
        schema: {
          ...signed(
            'A text message from a customer, from the SMS gateway',
            "Lands on the timeline of whoever is known by the sender's number. Idempotent on messageId.",
          ),
          body: Type.Object(
            {
              messageId: Id("The gateway's id for the message"),
              from: Phone("The customer's number"),
              to: Phone('Our number it was sent to'),
              text: Type.String({ minLength: 1, maxLength: 20_000 }),
              at: Type.Optional(At('When it was sent; default now')),
            },
            { additionalProperties: false },
          ),
          response: responses(),
        },
      },
      (request, reply) =>
        takeIn(request, reply, 'sms', async (scope) =>
          intake(await receiveSms(scope, request.body, { feed: app.channels.feed })),
        ),
    );

    app.post(
      '/channels/:tenant/social',
      {
        config: { permission: 'public' },
        schema: {
          ...signed(
            'A post, mention or direct message from a social network or forum',
            'A contact marked public (unless a direct message, or public: false) on the timeline of the customer known by the ' +
              "author's handle (case-insensitive, without a leading @). A reply (inReplyTo) joins the case of the post it answers. " +
              'Idempotent on network + postId.',
          ),
          body: Type.Object(
            {
              network: Type.String({
                minLength: 1,
                maxLength: 50,
                pattern: '^[A-Za-z0-9_.-]+$',
                description: 'e.g. x, facebook, community',
              }),
              postId: Id("The network's id for the post"),
              author: Type.Object(
                {
                  handle: Type.String({ minLength: 1, maxLength: 200 }),
                  name: Type.Optional(Type.String({ maxLength: 300 })),
                },
                { additionalProperties: false },
              ),
              text: Type.String({ minLength: 1, maxLength: 100_000 }),
              url: Type.Optional(Type.String({ maxLength: 2000 })),
              at: Type.Optional(At('When it was posted; default now')),
              public: Type.Optional(
                Type.Boolean({ description: 'Readable by anyone; default true, false for a direct message' }),
              ),
              inReplyTo: Type.Optional(Id('The postId this post answers, on the same network')),
              kind: Type.Optional(Type.Enum(['post', 'mention', 'direct_message'])),
              channel: Type.Optional(Type.Enum(['social', 'forum'], { description: 'default social' })),
            },
            { additionalProperties: false },
          ),
          response: responses(),
        },
      },
      (request, reply) =>
        takeIn(request, reply, request.body.channel ?? 'social', async (scope) =>
          intake(await receivePost(scope, request.body, { feed: app.channels.feed })),
        ),
    );
  };
