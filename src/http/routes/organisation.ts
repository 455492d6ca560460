import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { organisationView, updateOrganisation } from '../../services/organisation/organisation-settings.ts';
import { errors, Uuid } from '../schemas.ts';

const Organisation = Type.Object({
  id: Uuid,
  slug: Type.String({ description: 'Used at sign-in, in the portal address and in webhook paths; never changes' }),
  name: Type.String(),
  timeZone: Type.String({ description: 'IANA time zone, e.g. Europe/London' }),
  verificationLockAfter: Type.Integer({
    description:
      'Failed verification attempts in a row (claims not passed, wrong codes) after which a customer is locked until an administrator unlocks them',
  }),
  verificationFailuresPerHour: Type.Integer({
    description: 'Failed verification attempts one person or API token may make in an hour before being refused (429)',
  }),
  portalUrl: Type.String({ description: "Where the organisation's customers sign in to the portal" }),
  chatWidgetSnippet: Type.String({ description: 'The <script> tag that puts the chat widget on a web page' }),
  createdAt: Type.String({ format: 'date-time' }),
});

/** The organisation itself: its name and time zone. */
export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisation',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['settings'],
        summary: "The organisation's name, time zone, portal address and chat widget snippet",
        response: { 200: Organisation, ...errors(401, 403) },
      },
    },
    (request) => organisationView(request.actor.scope, app.channels.publicUrl),
  );

  app.patch(
    '/organisation',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['settings'],
        summary:
          'Rename the organisation, change its time zone (an IANA name such as Europe/London) or its verification limits',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            verificationLockAfter: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
            verificationFailuresPerHour: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Organisation, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await updateOrganisation(request.actor.scope, request.body);
      return organisationView(request.actor.scope, app.channels.publicUrl);
    },
  );
};
