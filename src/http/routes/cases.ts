import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid } from '../../errors.ts';
import { CASE_STATUSES, type CaseStatus as CaseStatusT } from '../../domain/vocabulary.ts';
import { addCaseNote } from '../../services/cases/add-case-note.ts';
import { createCase } from '../../services/cases/create-case.ts';
import { findCases, getCase } from '../../services/cases/find-cases.ts';
import { changeCase } from '../../services/cases/update-case.ts';
import { CasePriority, CaseStatus, errors, IdParams, Limit, Nullable, Uuid } from '../schemas.ts';
import { announceCaseChange } from '../case-announcements.ts';

export const CaseResponse = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  reference: Type.String({ description: 'What people quote: C-<number>' }),
  customerId: Uuid,
  subject: Type.String(),
  status: CaseStatus,
  priority: CasePriority,
  ownerId: Nullable(Uuid),
  teamId: Nullable(Uuid),
  escalationLevel: Type.Integer({
    description: '0 when not escalated; the level of the escalation in force otherwise',
  }),
  repeatContacts: Type.Optional(
    Type.Integer({ description: 'Times the customer came back about this case on any channel before it was solved' }),
  ),
  problemId: Nullable(Uuid),
  mergedIntoId: Nullable(Uuid),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CaseEvent = Type.Object({
  id: Uuid,
  kind: Type.String(),
  actorUserId: Nullable(Uuid),
  actorLabel: Nullable(Type.String()),
  occurredAt: Type.String({ format: 'date-time' }),
  data: Type.Object({}, { additionalProperties: true }),
});

const Subject = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Open a case for a customer, optionally with the contacts it is about',
        body: Type.Object(
          {
            customerId: Uuid,
            subject: Subject,
            priority: Type.Optional(CasePriority),
            ownerId: Type.Optional(Nullable(Uuid)),
            teamId: Type.Optional(Nullable(Uuid)),
            contactIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: CaseResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createCase(request.actor, request.body)),
  );

  app.get(
    '/cases',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['cases'],
        summary: 'Cases, most recently changed first',
        querystring: Type.Object({
          status: Type.Optional(
            Type.String({ description: 'One or more of new,open,pending,solved,closed, comma-separated' }),
          ),
          owner: Type.Optional(Type.String({ description: 'A user id, "me", or "none" for unowned cases' })),
          team: Type.Optional(Type.String({ description: 'A team id, or "none"' })),
          customerId: Type.Optional(Uuid),
          limit: Limit,
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(CaseResponse), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403),
        },
      },
    },
    (request) => {
      const { status, owner, team, ...rest } = request.query;
      return findCases(request.actor.scope, {
        ...rest,
        status: parseStatuses(status),
        owner: owner === 'me' ? (request.actor.userId ?? 'none') : checkIdOrNone('owner', owner),
        team: checkIdOrNone('team', team),
      });
    },
  );

  app.get(
    '/cases/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['cases'],
        summary: 'A case with its events',
        params: IdParams,
        response: {
          200: Type.Object({ ...CaseResponse.properties, events: Type.Array(CaseEvent) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    (request) => getCase(request.actor.scope, request.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Assign, change status or priority, or correct the subject',
        params: IdParams,
        body: Type.Object(
          {
            subject: Type.Optional(Subject),
            status: Type.Optional(CaseStatus),
            priority: Type.Optional(CasePriority),
            ownerId: Type.Optional(Nullable(Uuid)),
            teamId: Type.Optional(Nullable(Uuid)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: CaseResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      announceCaseChange(app, request, request.params.id, () =>
        changeCase(request.actor, request.params.id, request.body),
      ),
  );

  app.post(
    '/cases/:id/notes',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Add an internal note (never sent to the customer)',
        params: IdParams,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: 20000, pattern: '\\S' }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Uuid,
            caseId: Uuid,
            kind: Type.Literal('note'),
            text: Type.String(),
            actorUserId: Nullable(Uuid),
            actorLabel: Type.String(),
            occurredAt: Type.String({ format: 'date-time' }),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCaseNote(request.actor, request.params.id, request.body.text)),
  );
};

function parseStatuses(raw: string | undefined): CaseStatusT[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const statuses = raw.split(',').map((s) => s.trim());
  const unknown = statuses.filter((s) => !(CASE_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw invalid(`status "${unknown.join(', ')}" is not one of ${CASE_STATUSES.join(', ')}`, { field: 'status' });
  return statuses as CaseStatusT[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkIdOrNone(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === 'none' || UUID.test(value)) return value;
  throw invalid(`${field} must be an id or "none"`, { field });
}
