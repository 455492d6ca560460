import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { loadCasePolicy, saveCasePolicy } from '../../store/repositories/organisation.ts';
import { errors } from '../schemas.ts';

const Minutes = (description: string) => Type.Integer({ minimum: 1, maximum: 60 * 24 * 30, description });
const Policy = Type.Object({
  transferOfferMinutes: Minutes('How long a receiver has to accept a transfer'),
  escalationAcceptMinutes: Minutes('How long an escalation waits before it climbs'),
  effortThresholds: Type.Object({
    contacts: Type.Integer({ minimum: 1, maximum: 1000 }),
    transfers: Type.Integer({ minimum: 1, maximum: 1000 }),
    daysOpen: Type.Integer({ minimum: 1, maximum: 1000 }),
  }),
  callbackOfferWaitMinutes: Minutes('Offer a callback when the estimated wait is longer'),
  averageHandlingMinutes: Minutes('For wait estimates'),
  partnerResponseMinutes: Type.Optional(
    Minutes('How long a partner organisation may hold a shared case without answering'),
  ),
});

export const casePolicyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings/case-policy',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['settings'],
        summary: 'Transfer and escalation timeouts and effort thresholds in force',
        response: { 200: Policy, ...errors(401, 403) },
      },
    },
    (request) => loadCasePolicy(request.actor.scope),
  );

  app.put(
    '/settings/case-policy',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['settings'],
        summary: 'Set the case policy (any field left out keeps its default)',
        body: Type.Partial(
          Type.Object({ ...Policy.properties, effortThresholds: Type.Partial(Policy.properties.effortThresholds) }),
          { additionalProperties: false },
        ),
        response: { 200: Policy, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await saveCasePolicy(request.actor.scope, request.body);
      return loadCasePolicy(request.actor.scope);
    },
  );
};
