import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { QUEUE_KEYS } from '../../store/repositories/workspace-queues.ts';
import { caseScreen } from '../../services/workspace/case-screen.ts';
import { queuePage, queueSummaries } from '../../services/workspace/work-queues.ts';
import { CasePriority, CaseStatus, Channel, errors, IdParams, Limit, Nullable, Uuid } from '../schemas.ts';
import { Effort } from './callbacks.ts';
import { Outbound, outboundView } from './case-replies.ts';
import { CaseEvent, CaseResponse } from './cases.ts';
import { CustomerDetail, TimelineItem } from './customers.ts';
import { CaseSla } from './sla.ts';

const QueueKey = Type.Enum(QUEUE_KEYS);

const QueueSummary = Type.Object({
  key: QueueKey,
  label: Type.String(),
  count: Type.Integer({ minimum: 0 }),
});

const Due = Type.Object(
  {
    kind: Type.Enum(['sla', 'escalation', 'transfer', 'callback']),
    at: Type.String({ format: 'date-time' }),
    state: Type.Enum(['ok', 'warning', 'breached']),
    label: Type.String({
      description: 'Ready to show, e.g. "First response due", "Accept escalation by", "Call back between 14:00–15:00"',
    }),
  },
  {
    description:
      "The deadline that places the case in this queue: the hand-off's in transfers, escalated and callbacks; the most pressing SLA clock elsewhere",
  },
);

const QueueItem = Type.Object({
  caseId: Uuid,
  reference: Type.String({ description: 'C-<number>' }),
  subject: Type.String(),
  status: CaseStatus,
  priority: CasePriority,
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  ownerId: Nullable(Uuid),
  ownerName: Nullable(Type.String()),
  teamId: Nullable(Uuid),
  teamName: Nullable(Type.String()),
  escalationLevel: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  lastChannel: Nullable(Channel),
  due: Nullable(Due),
  note: Nullable(Type.String({ description: 'The hand-off note (transfers) or the reason (escalated)' })),
});

/** The staff workspace: the queues a person works from, most urgent first. */
export const workspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/workspace/queues',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['workspace'],
        summary: 'My work queues with how many cases wait in each',
        description:
          'mine: my cases not yet solved; team: open cases of my team; unassigned: open cases nobody owns, of my team or of none; transfers and escalated: ' +
          "hand-offs waiting for me or my team; callbacks: booked callbacks on my cases whose window has opened; sla-at-risk: my or my team's open cases " +
          'with a promise in warning and not yet broken (a breached one shows as overdue in the other queues). An API token without a user sees the organisation-wide queues (mine is then empty).',
        response: { 200: Type.Object({ queues: Type.Array(QueueSummary) }), ...errors(401, 403) },
      },
    },
    (request) => queueSummaries(request.actor),
  );

  app.get(
    '/workspace/queues/:key',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['workspace'],
        summary: 'The cases of one of my queues, most urgent first (soonest deadline, then most recently updated)',
        params: Type.Object({ key: Type.String({ description: QUEUE_KEYS.join(', ') }) }),
        querystring: Type.Object({
          limit: Limit,
          cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the page before' })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(QueueItem), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    (request) => queuePage(request.actor, request.params.key, request.query),
  );

  app.get(
    '/workspace/cases/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['workspace'],
        summary: 'Everything the case screen shows on opening, in one answer',
        description:
          'The case with its events, its customer (as GET /customers/:id), their open cases, the newest page of their timeline (as GET /customers/:id/timeline; ' +
          'older pages from there with nextCursor), the SLA clocks, the effort ledger and the replies sent on the case (as GET /cases/:id/outbound).',
        params: IdParams,
        querystring: Type.Object({
          timelineLimit: Type.Integer({
            minimum: 1,
            maximum: 200,
            default: 30,
            description: 'Timeline items in the first page',
          }),
        }),
        response: {
          200: Type.Object({
            case: Type.Object({ ...CaseResponse.properties, events: Type.Array(CaseEvent) }),
            customer: CustomerDetail,
            openCases: Type.Array(CaseResponse),
            timeline: Type.Object({
              customerId: Uuid,
              items: Type.Array(TimelineItem),
              nextCursor: Nullable(Type.String()),
            }),
            sla: CaseSla,
            effort: Effort,
            outbound: Type.Array(Outbound),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const screen = await caseScreen(request.actor, request.params.id, { timelineLimit: request.query.timelineLimit });
      return { ...screen, outbound: screen.outbound.map(outboundView) };
    },
  );
};
