import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Database } from '../../store/database.ts';

export function healthRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['health'],
          summary: 'Liveness and store check',
          response: {
            200: Type.Object({ status: Type.Literal('ok'), store: Type.Enum(['pglite', 'postgres']) }),
            503: Type.Object({ status: Type.Literal('unavailable'), store: Type.Enum(['pglite', 'postgres']) }),
          },
        },
      },
      async (_request, reply) => {
        try {
          await database.db.execute(sql`SELECT 1`);
          return { status: 'ok' as const, store: database.kind };
        } catch {
          return reply.status(503).send({ status: 'unavailable' as const, store: database.kind });
        }
      },
    );
  };
}
