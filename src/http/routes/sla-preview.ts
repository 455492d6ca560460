import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MAX_TARGET_MINUTES, SLA_METRICS } from '../../domain/sla/sla-policy.ts';
import { previewSla } from '../../services/sla/preview-sla.ts';
import { CasePriority, errors, Nullable, Uuid } from '../schemas.ts';

const Minutes = Type.Integer({ minimum: 1, maximum: MAX_TARGET_MINUTES });

/** "A case opened now would be due at …": the real clock rules, for a policy saved or being edited. */
export const slaPreviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sla/preview',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['sla'],
        summary: 'When a case of this priority, opened now (or at openedAt), would be due for each promise',
        description:
          'Computed with the same business-hours, holiday and time-zone rules as real cases. Targets, calendar and warning ' +
          'left out are the ones in force for the priority, so a policy can be previewed before it is saved. Nothing is stored.',
        body: Type.Object(
          {
            priority: CasePriority,
            openedAt: Type.Optional(Type.String({ format: 'date-time' })),
            firstResponseMinutes: Type.Optional(Minutes),
            nextUpdateMinutes: Type.Optional(Minutes),
            resolutionMinutes: Type.Optional(Minutes),
            calendarId: Type.Optional(Nullable(Uuid)),
            warnBeforeMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_TARGET_MINUTES })),
            warnAtPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            priority: CasePriority,
            openedAt: Type.String({ format: 'date-time' }),
            calendarId: Nullable(Uuid),
            calendarName: Nullable(Type.String()),
            timezone: Type.String(),
            openNow: Type.Boolean({ description: 'Whether openedAt falls inside business hours' }),
            metrics: Type.Array(
              Type.Object({
                metric: Type.Enum(SLA_METRICS),
                targetMinutes: Type.Integer(),
                dueAt: Type.String({ format: 'date-time' }),
                warnAt: Nullable(Type.String({ format: 'date-time' })),
              }),
            ),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    (request) => previewSla(request.actor.scope, request.body),
  );
};
