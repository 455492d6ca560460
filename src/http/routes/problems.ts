import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid } from '../../errors.ts';
import {
  PROBLEM_STATUSES,
  SETTABLE_PROBLEM_STATUSES,
  type ProblemStatus as ProblemStatusT,
} from '../../domain/problems/problem-status.ts';
import { createProblem } from '../../services/problems/create-problem.ts';
import { findProblems, getProblem } from '../../services/problems/find-problems.ts';
import { linkCasesToProblem } from '../../services/problems/link-cases.ts';
import { resolveProblem } from '../../services/problems/resolve-problem.ts';
import { unlinkCaseFromProblem } from '../../services/problems/unlink-case.ts';
import { updateProblem } from '../../services/problems/update-problem.ts';
import { CaseStatus, errors, IdParams, Limit, Nullable, Uuid } from '../schemas.ts';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const DateTime = Type.String({ format: 'date-time' });

const ProblemSummary = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  reference: Type.String({ description: 'What people quote: P-<number>' }),
  title: Type.String(),
  description: Type.String(),
  rootCause: Nullable(Type.String()),
  workaround: Nullable(Type.String({ description: 'Published workaround: a problem with one is a known error' })),
  status: Type.Enum(PROBLEM_STATUSES),
  resolution: Nullable(Type.String()),
  caseCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  resolvedAt: Nullable(DateTime),
});

const LinkedCase = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  reference: Type.String(),
  customerId: Uuid,
  subject: Type.String(),
  status: CaseStatus,
  mergedIntoId: Nullable(Uuid),
});

const Problem = Type.Object({ ...ProblemSummary.properties, cases: Type.Array(LinkedCase) });

/** Problem management (ITIL): the root cause behind many cases, its workaround, and its resolution. */
export const problemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/problems',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['problems'],
        summary: 'Record a problem: the root cause behind many cases',
        body: Type.Object(
          {
            title: Text(500),
            description: Type.Optional(Type.String({ maxLength: 20000 })),
            rootCause: Type.Optional(Type.String({ maxLength: 20000 })),
            workaround: Type.Optional(Type.String({ maxLength: 20000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Problem, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await createProblem(request.actor, request.body)),
  );

  app.get(
    '/problems',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['problems'],
        summary: 'Problems, newest first',
        querystring: Type.Object({
          status: Type.Optional(
            Type.String({ description: `One or more of ${PROBLEM_STATUSES.join(',')}, comma-separated` }),
          ),
          limit: Limit,
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(ProblemSummary), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403),
        },
      },
    },
    (request) => findProblems(request.actor.scope, { ...request.query, status: parseStatuses(request.query.status) }),
  );

  app.get(
    '/problems/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['problems'],
        summary: 'A problem with its cases',
        params: IdParams,
        response: { 200: Problem, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => getProblem(request.actor.scope, request.params.id),
  );

  app.patch(
    '/problems/:id',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['problems'],
        summary: 'Record the root cause or publish a workaround (which makes it a known error)',
        description:
          'A root cause or a workaround is recorded on every open linked case. null clears rootCause or withdraws the workaround.',
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Text(500)),
            description: Type.Optional(Type.String({ maxLength: 20000 })),
            rootCause: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
            workaround: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
            status: Type.Optional(
              Type.Enum(SETTABLE_PROBLEM_STATUSES, { description: 'Resolve with POST /problems/:id/resolve' }),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Problem, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => updateProblem(request.actor, request.params.id, request.body),
  );

  app.post(
    '/problems/:id/cases',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['problems'],
        summary: 'Link cases to the problem (all or none)',
        params: IdParams,
        body: Type.Object(
          { caseIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) },
          { additionalProperties: false },
        ),
        response: { 200: Problem, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => linkCasesToProblem(request.actor, request.params.id, request.body.caseIds),
  );

  app.delete(
    '/problems/:id/cases/:caseId',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['problems'],
        summary: 'Unlink a case from the problem',
        params: Type.Object({ id: Uuid, caseId: Uuid }),
        response: { 200: Problem, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => unlinkCaseFromProblem(request.actor, request.params.id, request.params.caseId),
  );

  app.post(
    '/problems/:id/resolve',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['problems'],
        summary: 'Resolve the problem: solve (or update) its cases and tell each customer on their own channel',
        params: IdParams,
        body: Type.Object(
          {
            resolution: Text(20000),
            solveCases: Type.Optional(
              Type.Boolean({
                default: true,
                description: 'false: only record the resolution on the cases, leaving them open',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            problem: Problem,
            solvedCases: Type.Integer(),
            updatedCases: Type.Integer({ description: 'Cases that got the resolution without being solved by it' }),
            customersToNotify: Type.Integer({ description: 'Customers who will each get one notice' }),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    (request) => resolveProblem(request.actor, request.params.id, request.body),
  );
};

function parseStatuses(raw: string | undefined): ProblemStatusT[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const statuses = raw.split(',').map((s) => s.trim());
  const unknown = statuses.filter((s) => !(PROBLEM_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw invalid(`status "${unknown.join(', ')}" is not one of ${PROBLEM_STATUSES.join(', ')}`, { field: 'status' });
  return statuses as ProblemStatusT[];
}
