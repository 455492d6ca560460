import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  applyCorrection,
  dismissCorrection,
  getCorrection,
  listCorrections,
  recordHistory,
} from '../../services/verification/record-corrections.ts';
import { errors, IdParams, Limit, Nullable, Uuid } from '../schemas.ts';

const Field = Type.Enum(['name', 'dateOfBirth', 'address', 'postcode']);

const Correction = Type.Object(
  {
    id: Uuid,
    customerId: Uuid,
    sessionId: Uuid,
    status: Type.Enum(['open', 'applied', 'dismissed']),
    discrepancies: Type.Array(
      Type.Object({
        field: Field,
        stored: Type.String({
          description: 'What the record held when the caller was verified, e.g. "10 Orchard Row, Harrogate"',
        }),
        claimed: Type.String({ description: 'What the verified caller said, e.g. "30 Orchard Row, Harrogate"' }),
      }),
    ),
    openedAt: Type.String({ format: 'date-time' }),
    decidedAt: Nullable(Type.String({ format: 'date-time' })),
    decidedBy: Nullable(Type.Object({ userId: Nullable(Uuid), label: Nullable(Type.String()) })),
    note: Nullable(Type.String()),
  },
  {
    description:
      'A record-correction task: opened only when a caller whose claims differed from the record passed a one-time code; ' +
      'shown only to roles allowed to correct records (records:correct)',
  },
);

/** Record-correction tasks and the record's history (permission records:correct). */
export const recordCorrectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/record-corrections',
    {
      config: { permission: 'records:correct' },
      schema: {
        tags: ['verification'],
        summary: 'Record-correction tasks, newest first (open ones by default)',
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(['open', 'applied', 'dismissed'], { default: 'open' })),
          customerId: Type.Optional(Type.String({ format: 'uuid' })),
          limit: Limit,
        }),
        response: { 200: Type.Object({ items: Type.Array(Correction) }), ...errors(400, 401, 403) },
      },
    },
    (request) =>
      listCorrections(request.actor.scope, {
        status: request.query.status ?? 'open',
        customerId: request.query.customerId,
        limit: request.query.limit,
      }),
  );

  app.get(
    '/record-corrections/:id',
    {
      config: { permission: 'records:correct' },
      schema: {
        tags: ['verification'],
        summary: 'One record-correction task: what the record holds and what the verified caller said',
        params: IdParams,
        response: { 200: Correction, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => getCorrection(request.actor.scope, request.params.id),
  );

  app.post(
    '/record-corrections/:id/apply',
    {
      config: { permission: 'records:correct' },
      schema: {
        tags: ['verification'],
        summary: "Write the verified caller's values into the record; the old ones stay in its history",
        description:
          'All differing fields, or those named in `fields`. Each old value is kept (GET /customers/:id/record-history) and the ' +
          'correction is on the timeline (record_corrected). 409 (correction_decided) when already applied or dismissed.',
        params: IdParams,
        body: Type.Object(
          {
            fields: Type.Optional(Type.Array(Field, { minItems: 1, maxItems: 4, uniqueItems: true })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Correction, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => applyCorrection(request.actor, request.params.id, request.body),
  );

  app.post(
    '/record-corrections/:id/dismiss',
    {
      config: { permission: 'records:correct' },
      schema: {
        tags: ['verification'],
        summary: 'Close a record-correction task without changing the record, saying why',
        params: IdParams,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 200: Correction, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => dismissCorrection(request.actor, request.params.id, request.body),
  );

  app.get(
    '/customers/:id/record-history',
    {
      config: { permission: 'records:correct' },
      schema: {
        tags: ['verification'],
        summary: "The customer record's corrected fields, newest first, with old and new values and who changed them",
        params: IdParams,
        querystring: Type.Object({ limit: Limit }),
        response: {
          200: Type.Object({
            customerId: Uuid,
            items: Type.Array(
              Type.Object({
                id: Uuid,
                field: Type.String(),
                oldValue: Type.Unknown({ description: 'A string, or the whole postal address object' }),
                newValue: Type.Unknown(),
                correctionId: Nullable(Uuid),
                changedBy: Type.Object({ userId: Nullable(Uuid), label: Type.String() }),
                changedAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    (request) => recordHistory(request.actor.scope, request.params.id, request.query.limit),
  );
};
