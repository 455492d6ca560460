import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import {
  changeChannelSettings,
  channelSettingsView,
  rotateWebhookSecret,
} from '../../services/channels/manage-channel-settings.ts';
import { findQuarantined, listQuarantine, releaseQuarantined } from '../../store/repositories/quarantine.ts';
import { errors, IdParams, Limit, Nullable, Uuid } from '../schemas.ts';

const Settings = Type.Object({
  repeatWindowMinutes: Type.Integer({
    description: 'A contact on the same topic within this time joins the open case as a repeat contact',
  }),
  intakeTeamId: Nullable(Uuid),
  smsGatewayUrl: Nullable(Type.String()),
  smsSender: Nullable(Type.String()),
  webhookSecrets: Type.Integer({ description: 'How many signing secrets are valid now (two while rotating)' }),
  mailAddresses: Type.Array(Type.String()),
});

const Quarantined = Type.Object({
  id: Uuid,
  channel: Type.String(),
  reason: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  sizeBytes: Type.Integer(),
  receivedAt: Type.String({ format: 'date-time' }),
});

/** How the organisation's channels behave, its webhook secrets, and what they could not take in. */
export const channelSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/channels/settings',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary: "The organisation's channel settings",
        response: { 200: Settings, ...errors(401, 403) },
      },
    },
    async (request) => channelSettingsView(request.actor.scope, app.channels.mailDomain),
  );

  app.patch(
    '/channels/settings',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary:
          'Change how contacts are threaded onto cases, which team receives new conversations, and the SMS gateway',
        body: Type.Object(
          {
            repeatWindowMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 525_600 })),
            intakeTeamId: Type.Optional(Nullable(Uuid)),
            smsGatewayUrl: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            smsSender: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Settings, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await changeChannelSettings(request.actor.scope, request.body);
      return channelSettingsView(request.actor.scope, app.channels.mailDomain);
    },
  );

  app.post(
    '/channels/webhook-secrets',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary:
          'Create a webhook signing secret (shown once); the previous one stays valid until the next rotation unless retired',
        querystring: Type.Object({
          retirePrevious: Type.Optional(
            Type.Boolean({ default: false, description: 'Also stop accepting the previous secret at once' }),
          ),
        }),
        response: { 201: Type.Object({ secret: Type.String() }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ secret: await rotateWebhookSecret(request.actor.scope, request.query.retirePrevious ?? false) }),
  );

  app.get(
    '/channels/quarantine',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['channels'],
        summary:
          'What arrived but could not be taken in (malformed mail, unreadable webhooks), newest first: kept for a person to look at',
        querystring: Type.Object({ limit: Type.Optional(Limit) }),
        response: { 200: Type.Object({ items: Type.Array(Quarantined) }), ...errors(401, 403) },
      },
    },
    async (request) => ({
      items: (await listQuarantine(request.actor.scope, request.query.limit ?? 50)).map((q) => ({
        ...q,
        receivedAt: q.receivedAt.toISOString(),
      })),
    }),
  );

  app.get(
    '/channels/quarantine/:id/raw',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['channels'],
        summary: 'The quarantined bytes exactly as received',
        params: IdParams,
        produces: ['application/octet-stream'],
        response: { 200: Type.Unknown({ description: 'The raw bytes' }), ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const item = await findQuarantined(request.actor.scope, request.params.id);
      if (!item) throw notFound('Quarantined item');
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="quarantine-${item.id}.bin"`)
        .send(item.raw);
    },
  );

  app.post(
    '/channels/quarantine/:id/release',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['channels'],
        summary: 'Mark a quarantined item as dealt with',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await findQuarantined(request.actor.scope, request.params.id))) throw notFound('Quarantined item');
      await releaseQuarantined(request.actor.scope, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
