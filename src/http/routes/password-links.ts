import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  describePasswordLink,
  inviteStaff,
  MIN_PASSWORD_LENGTH,
  redeemPasswordLink,
  resetPassword,
} from '../../services/people/password-links.ts';
import type { Db } from '../../store/database.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';

const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 });
const PasswordLink = Type.Object({
  url: Type.String({ description: 'The one-time link to give the person; shown only in this answer' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
const StaffRole = Type.Enum(['admin', 'supervisor', 'agent', 'analyst']);
const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Type.Enum(['admin', 'supervisor', 'agent', 'analyst', 'customer']),
  teamId: Nullable(Uuid),
  supervisorId: Nullable(Uuid),
  skills: Type.Array(Type.String()),
  customerId: Nullable(Uuid),
  active: Type.Boolean(),
});
const LinkSecret = Type.String({ minLength: 10, maxLength: 200, description: 'The secret after # in the link' });

/**
 * How people get in: an administrator invites a member of staff or resets a password, and is
 * shown a one-time link to give them; the person opens it and chooses their own password.
 */
export function passwordLinkRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/users/invitations',
      {
        config: { permission: 'people:manage' },
        schema: {
          tags: ['people'],
          summary: 'Invite a member of staff: the account, and a one-time link (valid 7 days) to set their password',
          body: Type.Object(
            {
              email: Type.String({ format: 'email', maxLength: 320 }),
              name: Type.String({ minLength: 1, maxLength: 200 }),
              role: StaffRole,
              teamId: Type.Optional(Uuid),
              supervisorId: Type.Optional(Uuid),
              skills: Type.Optional(Tags),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ user: User, passwordLink: PasswordLink }), ...errors(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await inviteStaff(request.actor, request.body, app.channels.publicUrl)),
    );

    app.post(
      '/users/:id/password-reset',
      {
        config: { permission: 'people:manage' },
        schema: {
          tags: ['people'],
          summary:
            "Reset a person's password: the current one stops working, their sessions end, and a one-time link (valid 24 hours) lets them choose a new one",
          params: IdParams,
          response: {
            201: Type.Object({ userId: Uuid, passwordLink: PasswordLink }),
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await resetPassword(request.actor, request.params.id, app.channels.publicUrl)),
    );

    app.post(
      '/auth/password-links/lookup',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Who a password link is for, before they choose a password',
          body: Type.Object({ token: LinkSecret }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              purpose: Type.Enum(['invitation', 'reset']),
              organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
              name: Type.String(),
              email: Type.String(),
              role: Type.Enum(['admin', 'supervisor', 'agent', 'analyst', 'customer'], {
                description: 'A customer signs in on the portal, staff on /signin',
              }),
              expiresAt: Type.String({ format: 'date-time' }),
            }),
            ...errors(400, 404, 410),
          },
        },
      },
      (request) => describePasswordLink(db, request.body.token),
    );

    app.post(
      '/auth/password-links/redeem',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Choose a password with a one-time link; the person then signs in as usual',
          body: Type.Object(
            { token: LinkSecret, password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ organisation: Type.String(), email: Type.String() }),
            ...errors(400, 404, 410),
          },
        },
      },
      (request) => redeemPasswordLink(db, request.body.token, request.body.password),
    );
  };
}
