import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  escalationView,
  acceptCaseEscalation,
  escalateCase,
  handBackCaseEscalation,
} from '../../services/cases/escalate-case.ts';
import {
  acceptCaseTransfer,
  declineCaseTransfer,
  offerCaseTransfer,
  transferView,
} from '../../services/cases/transfer-case.ts';
import { listEscalations, listTransfers } from '../../store/repositories/case-handoffs.ts';
import { findUser } from '../../store/repositories/people.ts';
import { findCase } from '../../store/repositories/cases.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { notFound } from '../../errors.ts';
import { CaseResponse } from './cases.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';
import { announceCaseChange } from '../case-announcements.ts';

/** A case of another organisation is as unknown as one that does not exist. */
async function requireCase(scope: TenantScope, caseId: string): Promise<void> {
  if (!(await findCase(scope, caseId))) throw notFound('Case');
}

const Reason = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });

const Transfer = Type.Object({
  id: Uuid,
  caseId: Uuid,
  fromUserId: Nullable(Uuid),
  toUserId: Nullable(Uuid),
  toTeamId: Nullable(Uuid),
  note: Type.String(),
  status: Type.Enum(['offered', 'accepted', 'declined', 'expired', 'withdrawn']),
  offeredAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  declineReason: Nullable(Type.String()),
});

const Escalation = Type.Object({
  id: Uuid,
  caseId: Uuid,
  kind: Type.Enum(['hierarchical', 'functional']),
  level: Type.Integer(),
  reason: Type.String(),
  targetUserId: Nullable(Uuid),
  targetTeamId: Nullable(Uuid),
  status: Type.Enum(['pending', 'accepted', 'handed_back', 'climbed', 'withdrawn']),
  raisedAt: Type.String({ format: 'date-time' }),
  deadline: Type.String({ format: 'date-time', description: 'Accept by then, or it climbs a level' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  handBackReason: Nullable(Type.String()),
});

/** Warm transfers and escalations: a case changes hands only when someone takes it. */
export const caseHandoffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases/:id/transfer',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['ownership'],
        summary:
          'Offer the case to a person or a team, with a hand-off note; the sender owns it until the receiver accepts',
        params: IdParams,
        body: Type.Object(
          {
            toUserId: Type.Optional(Uuid),
            toTeamId: Type.Optional(Uuid),
            note: Type.String({
              maxLength: 5000,
              description: 'Required: what the receiver must know so the customer never repeats themselves',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Transfer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await announceCaseChange(app, request, request.params.id, () =>
            offerCaseTransfer(request.actor, request.params.id, request.body),
          ),
        ),
  );

  app.post(
    '/cases/:id/transfer/accept',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['ownership'],
        summary: 'Accept the transfer offered to you (or your team); you own the case from now',
        params: IdParams,
        response: { 200: CaseResponse, ...errors(401, 403, 404, 409) },
      },
    },
    (request) =>
      announceCaseChange(app, request, request.params.id, () => acceptCaseTransfer(request.actor, request.params.id)),
  );

  app.post(
    '/cases/:id/transfer/decline',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['ownership'],
        summary: 'Decline the transfer offered to you, saying why; the sender keeps the case',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: CaseResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      announceCaseChange(app, request, request.params.id, () =>
        declineCaseTransfer(request.actor, request.params.id, request.body.reason),
      ),
  );

  app.get(
    '/cases/:id/transfers',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['ownership'],
        summary: 'Every transfer of this case',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Transfer) }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      await requireCase(request.actor.scope, request.params.id);
      return { items: (await listTransfers(request.actor.scope, { caseId: request.params.id })).map(transferView) };
    },
  );

  app.get(
    '/transfers/offered-to-me',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['ownership'],
        summary: 'Transfers waiting for me or my team to accept',
        response: { 200: Type.Object({ items: Type.Array(Transfer) }), ...errors(401, 403) },
      },
    },
    async (request) => {
      const { actor } = request;
      if (!actor.userId) return { items: [] };
      const me = await findUser(actor.scope, actor.userId);
      const rows = await listTransfers(actor.scope, {
        toUserId: actor.userId,
        toTeamIds: me?.teamId ? [me.teamId] : [],
        offeredOnly: true,
      });
      return { items: rows.map(transferView) };
    },
  );

  app.post(
    '/cases/:id/escalate',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['ownership'],
        summary:
          'Escalate up the supervisor chain, or to another team (toTeamId); it must be accepted in time or it climbs',
        params: IdParams,
        body: Type.Object({ reason: Reason, toTeamId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 201: Escalation, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await announceCaseChange(app, request, request.params.id, () =>
            escalateCase(request.actor, request.params.id, request.body),
          ),
        ),
  );

  app.post(
    '/cases/:id/escalation/accept',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['ownership'],
        summary: 'Accept the escalation; you own the case from now',
        params: IdParams,
        response: { 200: CaseResponse, ...errors(401, 403, 404, 409) },
      },
    },
    (request) =>
      announceCaseChange(app, request, request.params.id, () => acceptCaseEscalation(request.actor, request.params.id)),
  );

  app.post(
    '/cases/:id/escalation/hand-back',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['ownership'],
        summary: 'Decline an escalation by handing the case back with a reason the customer will see',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: CaseResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      announceCaseChange(app, request, request.params.id, () =>
        handBackCaseEscalation(request.actor, request.params.id, request.body.reason),
      ),
  );

  app.get(
    '/escalations/waiting-for-me',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['ownership'],
        summary: 'Escalations waiting for me or my team, nearest deadline first',
        response: { 200: Type.Object({ items: Type.Array(Escalation) }), ...errors(401, 403) },
      },
    },
    async (request) => {
      const { actor } = request;
      if (!actor.userId) return { items: [] };
      const me = await findUser(actor.scope, actor.userId);
      const rows = await listEscalations(actor.scope, {
        targetUserId: actor.userId,
        targetTeamIds: me?.teamId ? [me.teamId] : [],
        pendingOnly: true,
      });
      return { items: rows.map(escalationView) };
    },
  );

  app.get(
    '/cases/:id/escalations',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['ownership'],
        summary: 'Every escalation of this case',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Escalation) }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      await requireCase(request.actor.scope, request.params.id);
      return { items: (await listEscalations(request.actor.scope, { caseId: request.params.id })).map(escalationView) };
    },
  );
};
