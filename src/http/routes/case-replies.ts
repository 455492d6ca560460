import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import { replyToCase } from '../../services/channels/outbound/reply-to-case.ts';
import { findCase } from '../../store/repositories/cases.ts';
import { listOutboundOfCase, type OutboundMessage } from '../../store/repositories/outbound-messages.ts';
import { Channel, errors, IdParams, Nullable, Uuid } from '../schemas.ts';

export const Outbound = Type.Object({
  id: Uuid,
  contactId: Uuid,
  caseId: Nullable(Uuid),
  channel: Channel,
  recipient: Type.String(),
  status: Type.Enum(['queued', 'sent', 'failed'], {
    description:
      'queued: on its way (retried with backoff); sent: handed to the channel; failed: gave up, see lastError',
  }),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
});

export const outboundView = (m: OutboundMessage) => ({
  id: m.id,
  contactId: m.contactId,
  caseId: m.caseId,
  channel: m.channel as 'email',
  recipient: m.recipient,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: m.createdAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
});

/** Answering the customer on the channel they used. */
export const caseReplyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases/:id/replies',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['channels'],
        summary:
          'Answer the customer on the channel of their message (default: their latest on the case); email replies thread so the answer comes back to this case',
        params: IdParams,
        body: Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: 100_000 }),
            contactId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ contactId: Uuid, outbound: Outbound }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const outcome = await replyToCase(request.actor, request.params.id, request.body, app.channels);
      return reply.status(201).send({ contactId: outcome.contactId, outbound: outboundView(outcome.outbound) });
    },
  );

  app.get(
    '/cases/:id/outbound',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['channels'],
        summary: 'Every reply sent or being sent on this case, with whether it reached the channel',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Outbound) }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await findCase(request.actor.scope, request.params.id))) throw notFound('Case');
      return { items: (await listOutboundOfCase(request.actor.scope, request.params.id)).map(outboundView) };
    },
  );
};
