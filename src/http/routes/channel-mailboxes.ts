import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  addOrganisationMailbox,
  mailboxesView,
  removeOrganisationMailbox,
} from '../../services/channels/email/manage-mailboxes.ts';
import { errors } from '../schemas.ts';

const Mailboxes = Type.Object({
  defaultAddress: Type.String({
    description: '<slug>@ the server mail domain; mail to <slug>@ any domain reaches the organisation too',
  }),
  addresses: Type.Array(Type.String(), {
    description: 'Further addresses the organisation receives mail at, lower-case',
  }),
});

/** The addresses an organisation receives mail at (the SMTP listener of `hearken serve --smtp-port`). */
export const channelMailboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/channels/mailboxes',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary: 'The addresses this organisation receives mail at',
        response: { 200: Mailboxes, ...errors(401, 403) },
      },
    },
    async (request) => mailboxesView(request.actor.scope, app.channels.mailDomain),
  );

  app.post(
    '/channels/mailboxes',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary: 'Receive mail at one more address',
        description:
          'The address is stored lower-case. One another organisation receives at answers 409; adding one already yours changes nothing.',
        body: Type.Object({ address: Type.String({ minLength: 3, maxLength: 254 }) }, { additionalProperties: false }),
        response: { 201: Mailboxes, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      await addOrganisationMailbox(request.actor.scope, request.body.address);
      return reply.status(201).send(await mailboxesView(request.actor.scope, app.channels.mailDomain));
    },
  );

  app.delete(
    '/channels/mailboxes/:address',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary: 'Stop receiving mail at a configured address',
        params: Type.Object({ address: Type.String({ minLength: 1, maxLength: 254 }) }),
        response: { 200: Mailboxes, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      await removeOrganisationMailbox(request.actor.scope, request.params.address);
      return mailboxesView(request.actor.scope, app.channels.mailDomain);
    },
  );
};
