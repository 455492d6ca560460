import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { supervisorOverview } from '../../services/workspace/supervisor-overview.ts';
import { errors, Nullable, Uuid } from '../schemas.ts';

const PendingEscalation = Type.Object({
  escalationId: Uuid,
  caseId: Uuid,
  reference: Type.String(),
  subject: Type.String(),
  level: Type.Integer(),
  reason: Type.String(),
  targetUserName: Nullable(Type.String()),
  targetTeamName: Nullable(Type.String()),
  raisedAt: Type.String({ format: 'date-time' }),
  deadline: Type.String({ format: 'date-time', description: 'Accept by then, or it climbs a level' }),
});

const SlaAlert = Type.Object({
  caseId: Uuid,
  reference: Type.String(),
  subject: Type.String(),
  metric: Type.Enum(['first_response', 'next_update', 'resolution']),
  state: Type.Enum(['warning', 'breached']),
  dueAt: Type.String({ format: 'date-time' }),
  ownerName: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
});

const TeamWait = Type.Object({
  teamId: Uuid,
  name: Type.String(),
  agents: Type.Integer(),
  waiting: Type.Integer({ description: 'Open cases of the team nobody owns yet' }),
  open: Type.Integer({ description: 'All open cases of the team' }),
  oldestWaitingSince: Nullable(
    Type.String({ format: 'date-time', description: 'When the oldest case nobody owns was opened' }),
  ),
  estimatedWaitMinutes: Type.Integer(),
  offerCallback: Type.Boolean(),
});

const OverviewTotals = Type.Object({
  escalationsWaiting: Type.Integer({ description: 'Every pending escalation of the organisation' }),
  slaBreached: Type.Integer({
    description: 'Every SLA clock of an open case that is breached (one per case and metric, as in slaAlerts)',
  }),
  slaWarnings: Type.Integer({ description: 'Every SLA clock of an open case in warning and not yet breached' }),
  customersWaiting: Type.Integer({
    description: 'Customers with an open case nobody owns yet, in a team queue or none; each customer once',
  }),
});

/** What supervisors watch: escalations waiting, promises at risk, and team queues. */
export const supervisorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/supervisor/overview',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['workspace'],
        summary:
          'The floor at a glance: pending escalations, SLA alerts and team queue waits (administrators, supervisors and analysts)',
        description:
          'totals: counts over the whole organisation, never capped, for the figures at the top. ' +
          'escalations: pending escalations, nearest deadline first, at most 500. slaAlerts: open cases with a promise breached or in warning, breached first, at most 100. ' +
          'teams: each team with the wait estimate of GET /teams/:id/queue. Agents get 403.',
        response: {
          200: Type.Object({
            totals: OverviewTotals,
            escalations: Type.Array(PendingEscalation),
            slaAlerts: Type.Array(SlaAlert),
            teams: Type.Array(TeamWait),
          }),
          ...errors(401, 403),
        },
      },
    },
    (request) => supervisorOverview(request.actor),
  );
};
