import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createApiToken, createTeam, createUser, teamView } from '../../services/people/manage-people.ts';
import { listUsersWithSignIn, unlockSignIn } from '../../services/people/sign-in-lockouts.ts';
import { updateTeam, updateUser } from '../../services/people/update-people.ts';
import { listTeams } from '../../store/repositories/people.ts';
import { errors, IdParams, Nullable, Role, Uuid } from '../schemas.ts';

const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  teamId: Nullable(Uuid),
  supervisorId: Nullable(Uuid),
  skills: Type.Array(Type.String()),
  customerId: Nullable(Uuid),
  active: Type.Boolean(),
});
/** In the people list: sign-in trouble an administrator may need to act on. */
const ListedUser = Type.Object({
  ...User.properties,
  failedSignIns: Type.Integer({ description: 'Wrong passwords in a row since the last sign-in' }),
  lockedUntil: Nullable(
    Type.String({
      format: 'date-time',
      description: 'Signing in is refused until then (too many wrong passwords); POST /users/{id}/unlock ends it',
    }),
  ),
});
const Team = Type.Object({
  id: Uuid,
  name: Type.String(),
  skills: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  leadUserId: Nullable(Uuid),
});
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 });

/** Administration of the people and integrations of one organisation. */
export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/users',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['people'],
        summary: 'Staff and customer accounts, with any sign-in lockout',
        response: { 200: Type.Object({ items: Type.Array(ListedUser) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: await listUsersWithSignIn(request.actor.scope) }),
  );

  app.post(
    '/users/:id/unlock',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['people'],
        summary: 'End a sign-in lockout now (too many wrong passwords) and restart the count',
        params: IdParams,
        response: { 200: ListedUser, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => unlockSignIn(request.actor.scope, request.params.id),
  );

  app.post(
    '/users',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['people'],
        summary: 'Add a person',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 320 }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            role: Role,
            password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
            teamId: Type.Optional(Uuid),
            supervisorId: Type.Optional(Uuid),
            skills: Type.Optional(Tags),
            customerId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: User, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(request.actor.scope, request.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['people'],
        summary:
          'Change a person: team, supervisor, skills, role; deactivating moves their open cases to the next accountable person',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            role: Type.Optional(Role),
            teamId: Type.Optional(Nullable(Uuid)),
            supervisorId: Type.Optional(Nullable(Uuid)),
            skills: Type.Optional(Tags),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: User, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => updateUser(request.actor, request.params.id, request.body),
  );

  app.get(
    '/teams',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['people'],
        summary: 'Teams with their skills and regions',
        response: { 200: Type.Object({ items: Type.Array(Team) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: (await listTeams(request.actor.scope)).map(teamView) }),
  );

  app.post(
    '/teams',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['people'],
        summary: 'Add a team',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            skills: Type.Optional(Tags),
            regions: Type.Optional(Tags),
            leadUserId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: Team, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createTeam(request.actor.scope, request.body)),
  );

  app.patch(
    '/teams/:id',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['people'],
        summary: 'Rename a team, change its skills and regions, or appoint its lead',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            skills: Type.Optional(Tags),
            regions: Type.Optional(Tags),
            leadUserId: Type.Optional(Uuid),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Team, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => updateTeam(request.actor, request.params.id, request.body),
  );

  app.post(
    '/tokens',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['people'],
        summary: 'Issue an API token for an integration; the token is shown only in this answer',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }), role: Role, userId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Uuid, name: Type.String(), role: Role, token: Type.String() }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(request.actor.scope, request.body)),
  );
};
