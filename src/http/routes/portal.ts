import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listPortalCases, portalCase, sendPortalMessage } from '../../services/portal/customer-portal.ts';
import { bookPortalCallback } from '../../services/portal/portal-callbacks.ts';
import { portalOutages } from '../../services/portal/portal-outages.ts';
import { CaseStatus, Channel, errors, IdParams, Nullable, Uuid } from '../schemas.ts';
import { announceCaseChange } from '../case-announcements.ts';
import { callbackWindowBody } from './callbacks.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

const PortalCase = Type.Object({
  id: Uuid,
  reference: Type.String(),
  subject: Type.String(),
  status: CaseStatus,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const PortalMessage = Type.Object({
  id: Uuid,
  from: Type.Enum(['you', 'us']),
  channel: Channel,
  subject: Nullable(Type.String()),
  text: Type.String(),
  at: Type.String({ format: 'date-time' }),
});

const PortalCallback = Type.Object({
  id: Uuid,
  windowStart: Type.String({ format: 'date-time' }),
  windowEnd: Type.String({ format: 'date-time' }),
  status: Type.Enum(['booked', 'completed', 'missed', 'cancelled']),
});

const PortalOutage = Type.Object({
  problemId: Uuid,
  title: Type.String(),
  status: Type.Enum(['new', 'investigating', 'known_error'], {
    description: 'known_error: we know the cause and have published a workaround',
  }),
  workaround: Nullable(Type.String({ description: 'What the customer can do meanwhile' })),
  since: Type.String({ format: 'date-time' }),
  affects: Type.String({ description: 'Why it concerns this customer, e.g. "Your case C-12"' }),
});

/** The customer portal's API: a signed-in customer's own cases and messages. */
export const portalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/portal/cases',
    {
      config: { permission: 'portal' },
      schema: {
        tags: ['portal'],
        summary: 'My cases, most recently active first',
        response: { 200: Type.Object({ items: Type.Array(PortalCase) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: await listPortalCases(request.actor) }),
  );

  app.get(
    '/portal/cases/:id',
    {
      config: { permission: 'portal' },
      schema: {
        tags: ['portal'],
        summary: 'One of my cases with our conversation, oldest first',
        params: IdParams,
        response: {
          200: Type.Object({
            ...PortalCase.properties,
            messages: Type.Array(PortalMessage),
            callbacks: Type.Array(PortalCallback),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => portalCase(request.actor, request.params.id),
  );

  app.post(
    '/portal/cases/:id/callbacks',
    {
      config: { permission: 'portal' },
      schema: {
        tags: ['portal'],
        summary:
          'Ask to be called back about one of my cases, within a window (5 minutes to 4 hours long, at most 30 days ahead)',
        params: IdParams,
        body: callbackWindowBody('Defaults to my phone number on record'),
        response: {
          201: Type.Object({ ...PortalCallback.properties, caseId: Uuid, phone: Nullable(Type.String()) }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const booked = await announceCaseChange(app, request, request.params.id, () =>
        bookPortalCallback(request.actor, request.params.id, request.body),
      );
      return reply.status(201).send(booked);
    },
  );

  app.get(
    '/portal/outages',
    {
      config: { permission: 'portal' },
      schema: {
        tags: ['portal'],
        summary:
          'Known problems affecting me: unresolved problems behind one of my cases, with the workaround we published',
        response: { 200: Type.Object({ items: Type.Array(PortalOutage) }), ...errors(401, 403) },
      },
    },
    (request) => portalOutages(request.actor),
  );

  app.post(
    '/portal/messages',
    {
      config: { permission: 'portal' },
      schema: {
        tags: ['portal'],
        summary: 'Write to customer service: a new request, or more on one of my cases',
        body: Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: 20_000 }),
            subject: Type.Optional(Type.String({ maxLength: 200 })),
            caseId: Type.Optional(Uuid),
            clientId: Type.Optional(
              Type.String({ minLength: 1, maxLength: 100, description: 'Sending the same clientId twice sends once' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            contactId: Uuid,
            caseId: Nullable(Uuid),
            caseReference: Nullable(Type.String()),
            duplicate: Type.Boolean(),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const outcome = await sendPortalMessage(request.actor, request.body, app.channels.feed);
      return reply.status(201).send({
        contactId: outcome.contactId,
        caseId: outcome.caseId,
        caseReference: outcome.caseNumber === null ? null : formatCaseReference(outcome.caseNumber),
        duplicate: outcome.status === 'duplicate',
      });
    },
  );
};
