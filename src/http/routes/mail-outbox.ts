import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mailOutbox } from '../../services/channels/outbound/mail-outbox.ts';
import { errors, Limit, Nullable, Uuid } from '../schemas.ts';

const OutboxMessage = Type.Object({
  id: Uuid,
  to: Type.String({ description: 'The address it was sent to' }),
  from: Type.String(),
  subject: Type.String(),
  text: Type.String({ description: 'The message as the customer reads it' }),
  caseId: Nullable(Uuid),
  caseReference: Nullable(Type.String({ description: 'C-42' })),
  status: Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')], {
    description: 'queued: waiting for the relay or a retry; sent; failed: given up after the last retry',
  }),
  deliveredTo: Nullable(
    Type.Union([Type.Literal('relay'), Type.Literal('catcher')], {
      description:
        "relay: handed to the SMTP relay; catcher: kept by this server's mail catcher (the demo), not sent on",
    }),
  ),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  lastError: Nullable(Type.String()),
});

/** The mail the organisation sent, for administrators and supervisors. */
export const mailOutboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/channels/mail-outbox',
    {
      config: { permission: 'outbox:read' },
      schema: {
        tags: ['channels'],
        summary: 'The mail the organisation sent or is sending, newest first, a page at a time',
        description:
          'Every email reply and notice with its recipient, subject, text, case and when it was sent. Without ' +
          'HEARKEN_SMTP_RELAY, `hearken demo` keeps its mail here (deliveredTo: catcher) instead of sending it.',
        querystring: Type.Object({
          limit: Type.Optional(Limit),
          cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor from the previous page' })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(OutboxMessage), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) =>
      mailOutbox(request.actor.scope, { limit: request.query.limit ?? 50, cursor: request.query.cursor }),
  );
};
