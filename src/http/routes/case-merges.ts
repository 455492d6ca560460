import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mergeCases } from '../../services/cases/merge-cases.ts';
import { splitCase } from '../../services/cases/split-case.ts';
import { unmergeCase } from '../../services/cases/unmerge-case.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';
import { CaseResponse } from './cases.ts';

const MergeableCase = Type.Object({
  ...CaseResponse.properties,
  mergedIntoId: Nullable(Uuid),
  problemId: Nullable(Uuid),
});

const Moved = Type.Record(Type.String(), Type.Integer(), {
  description:
    'How many records of each kind moved: contacts, case_events, case_transfers, case_escalations, callbacks',
});

/** Merging duplicate cases of one customer (reversibly) and splitting a case in two. */
export const caseMergeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases/:id/merge',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Merge this duplicate case into another case of the same customer',
        description:
          'Its contacts, events, transfers, escalations, callbacks and SLA history move to the surviving case; this case is closed and points to it. Undo with POST /cases/:id/unmerge.',
        params: IdParams,
        body: Type.Object(
          { intoCaseId: Uuid, reason: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ mergeId: Uuid, merged: MergeableCase, into: MergeableCase, moved: Moved }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    (request) => mergeCases(request.actor, request.params.id, request.body),
  );

  app.post(
    '/cases/:id/unmerge',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Undo the merge of this case: what moved goes back and the case reopens',
        params: IdParams,
        response: {
          200: Type.Object({ case: MergeableCase, from: MergeableCase, restored: Moved }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    (request) => unmergeCase(request.actor, request.params.id),
  );

  app.post(
    '/cases/:id/split',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['cases'],
        summary: 'Split contacts out of this case into a new case of the same customer',
        params: IdParams,
        body: Type.Object(
          {
            contactIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }),
            subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' })),
            ownerId: Type.Optional(Nullable(Uuid)),
            teamId: Type.Optional(Nullable(Uuid)),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ original: MergeableCase, split: MergeableCase, contactIds: Type.Array(Uuid) }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await splitCase(request.actor, request.params.id, request.body)),
  );
};
