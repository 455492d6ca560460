import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listApiTokenViews, revokeApiToken } from '../../services/people/api-tokens.ts';
import { errors, IdParams, Nullable, Role, Uuid } from '../schemas.ts';

const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  role: Role,
  userId: Nullable(Uuid),
  userName: Nullable(Type.String({ description: 'The person the token acts as, when it acts as one' })),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  active: Type.Boolean({ description: 'false once revoked: a request presenting it is refused' }),
});

/** The organisation's API tokens: listed without their secrets, and revoked. (Issued with POST /tokens.) */
export const apiTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tokens',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['people'],
        summary: "The organisation's API tokens, newest first (never their secrets)",
        response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...errors(401, 403) },
      },
    },
    (request) => listApiTokenViews(request.actor.scope),
  );

  app.post(
    '/tokens/:id/revoke',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['people'],
        summary: 'Revoke an API token: it is refused from this answer on; revoking again changes nothing',
        params: IdParams,
        response: { 200: ApiToken, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => revokeApiToken(request.actor.scope, request.params.id),
  );
};
