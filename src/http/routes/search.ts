import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid } from '../../errors.ts';
import { contactReader } from '../../services/analysis/analyst-copy.ts';
import { SEARCH_TYPES, searchRecords } from '../../services/search/search-records.ts';
import type { SearchHitType } from '../../store/repositories/search.ts';
import { errors, Nullable, Uuid } from '../schemas.ts';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['search'],
        summary: 'Search customers (by name, email, phone, handle), cases and contacts, best matches first',
        querystring: Type.Object({
          q: Type.String({
            minLength: 1,
            maxLength: 200,
            pattern: '\\S',
            description: 'Words, "a phrase", -excluded, or a case reference like C-42',
          }),
          types: Type.Optional(Type.String({ description: 'Comma-separated subset of customer,case,contact' })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: {
          200: Type.Object({
            query: Type.String(),
            results: Type.Array(
              Type.Object({
                type: Type.Enum(['customer', 'case', 'contact']),
                id: Uuid,
                customerId: Uuid,
                caseId: Nullable(Uuid),
                caseNumber: Nullable(Type.Integer()),
                title: Nullable(Type.String()),
                snippet: Nullable(Type.String({ description: 'Matching words are marked «like this»' })),
                score: Type.Number(),
                occurredAt: Nullable(Type.String({ format: 'date-time' })),
              }),
            ),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    (request) => {
      const types = request.query.types
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const unknown = types?.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t)) ?? [];
      if (unknown.length > 0)
        throw invalid(`types "${unknown.join(', ')}" must be among customer, case, contact`, { field: 'types' });
      return searchRecords(request.actor.scope, request.query.q, {
        limit: request.query.limit,
        types: types as SearchHitType[] | undefined,
        reader: contactReader(request.actor.role),
      });
    },
  );
};
