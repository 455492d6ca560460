import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bookCallback, completeCallback, dueCallbacks } from '../../services/cases/book-callback.ts';
import { caseEffort } from '../../services/cases/case-effort.ts';
import { teamQueue } from '../../services/cases/team-queue.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';
import { announceCaseChange } from '../case-announcements.ts';

const Callback = Type.Object({
  id: Uuid,
  caseId: Uuid,
  customerId: Uuid,
  windowStart: Type.String({ format: 'date-time' }),
  windowEnd: Type.String({ format: 'date-time' }),
  phone: Nullable(Type.String()),
  status: Type.Enum(['booked', 'completed', 'missed', 'cancelled']),
  bookedAt: Type.String({ format: 'date-time' }),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
  outcome: Nullable(Type.String()),
  caseNumber: Type.Optional(Type.Integer()),
  ownerId: Type.Optional(Nullable(Uuid)),
});

export const Effort = Type.Object({
  contacts: Type.Integer({ description: 'Contacts the customer made about this case' }),
  channels: Type.Integer(),
  agents: Type.Integer({ description: 'Distinct people who owned the case' }),
  teams: Type.Integer(),
  transfers: Type.Integer(),
  repeatContacts: Type.Integer({ description: 'Times the customer had to come back about it' }),
  daysOpen: Type.Integer(),
  missedCallbacks: Type.Integer(),
  score: Type.Integer(),
  thresholdsExceeded: Type.Array(Type.String()),
});

/**
 * Booking a callback, by an agent or by the customer on the portal: the same window and phone;
 * only the phone's description differs, each in its reader's words. The window's rules are the
 * domain's (checkCallbackWindow).
 */
export function callbackWindowBody(phoneDescription: string) {
  return Type.Object(
    {
      windowStart: Type.String({ format: 'date-time' }),
      windowEnd: Type.String({ format: 'date-time' }),
      phone: Type.Optional(Type.String({ maxLength: 40, description: phoneDescription })),
    },
    { additionalProperties: false },
  );
}

/** Callbacks instead of hold, customer effort, and honest queue waits. */
export const callbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases/:id/callbacks',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['callbacks'],
        summary: 'Promise to call the customer back within a window (instead of keeping them on hold)',
        params: IdParams,
        body: callbackWindowBody("Defaults to the customer's phone on record"),
        response: { 201: Callback, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await announceCaseChange(app, request, request.params.id, () =>
            bookCallback(request.actor, request.params.id, request.body),
          ),
        ),
  );

  app.post(
    '/callbacks/:id/complete',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['callbacks'],
        summary: 'Record that the promised call was made, and its outcome',
        params: IdParams,
        body: Type.Object({ outcome: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Callback, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => completeCallback(request.actor, request.params.id, request.body.outcome),
  );

  app.get(
    '/callbacks',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['callbacks'],
        summary: 'Booked callbacks, earliest first: owner=me&due=true is my queue of calls to make now',
        querystring: Type.Object({
          owner: Type.Optional(Type.String({ description: 'A user id, or "me"' })),
          due: Type.Boolean({ default: false }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Callback) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { owner, due } = request.query;
      const ownerId = owner === 'me' ? (request.actor.userId ?? undefined) : owner;
      return { items: await dueCallbacks(request.actor.scope, { ownerId, dueOnly: due }) };
    },
  );

  app.get(
    '/cases/:id/effort',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['callbacks'],
        summary: 'What the customer has had to spend on this case, and which thresholds it crossed',
        params: IdParams,
        response: { 200: Effort, ...errors(401, 403, 404) },
      },
    },
    (request) => caseEffort(request.actor, request.params.id),
  );

  app.get(
    '/teams/:id/queue',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['callbacks'],
        summary: "A team queue's honest wait estimate, and whether to offer a callback instead of a wait",
        params: IdParams,
        response: {
          200: Type.Object({
            teamId: Uuid,
            agents: Type.Integer(),
            waiting: Type.Integer(),
            estimatedWaitMinutes: Type.Integer(),
            offerCallback: Type.Boolean(),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    (request) => teamQueue(request.actor.scope, request.params.id),
  );
};
