import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import { activateTopicModel, trainTopicModelFromLabels } from '../../services/analysis/install-topic-model.ts';
import { labelContact } from '../../services/analysis/label-contact.ts';
import { recentAlerts } from '../../services/analysis/live-alerts.ts';
import { reviewFacets, reviewQueue } from '../../services/analysis/review-queue.ts';
import { listAnalysisModels, type AnalysisModelSummary } from '../../store/repositories/analysis-models.ts';
import { listContactLabels, readLabelAgreement, type AnalysisLabel } from '../../store/repositories/analysis-labels.ts';
import { findContact } from '../../store/repositories/contacts.ts';
import { ContactAnalysis, CueKind, SentimentLabel } from '../analysis-schemas.ts';
import { Channel, Direction, errors, IdParams, Limit, Nullable, Uuid } from '../schemas.ts';

const ReviewItem = Type.Object({
  contactId: Uuid,
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  caseId: Nullable(Uuid),
  caseReference: Nullable(Type.String()),
  team: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  vendor: Nullable(
    Type.String({ description: "The outsourcer that handled the contact (the contact's facts.vendor)" }),
  ),
  channel: Type.String(),
  direction: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  text: Type.String({ description: 'The analyst copy: personal data redacted, for every reader' }),
  analysis: ContactAnalysis,
  labelCount: Type.Integer({ description: 'How many times experts have labelled this contact' }),
});

const Facet = Type.Object({ value: Type.String(), count: Type.Integer() });

const Label = Type.Object({
  id: Uuid,
  contactId: Uuid,
  reviewerId: Uuid,
  reviewerName: Nullable(Type.String()),
  topic: Nullable(Type.String()),
  sentiment: Nullable(SentimentLabel),
  cues: Nullable(Type.Array(CueKind, { description: 'null: the expert did not judge cues' })),
  note: Nullable(Type.String()),
  modelVersion: Nullable(Type.String({ description: 'The analysis version the expert saw' })),
  analysisSnapshot: Nullable(
    Type.Object({}, { additionalProperties: true, description: 'What the analysis said when the expert labelled' }),
  ),
  labelledAt: Type.String({ format: 'date-time' }),
});

const labelView = (label: AnalysisLabel) => ({
  ...label,
  sentiment: label.sentiment as 'negative' | 'neutral' | 'positive' | null,
  cues: label.cues as
    ('churn_intent' | 'escalation_demand' | 'repeated_contact' | 'do_not_contact' | 'vulnerability')[] | null,
  labelledAt: label.labelledAt.toISOString(),
});

const Model = Type.Object({
  id: Uuid,
  name: Type.String(),
  version: Type.Integer(),
  labels: Type.Array(Type.String()),
  exampleCount: Type.Integer(),
  metrics: Type.Object({}, { additionalProperties: true }),
  active: Type.Boolean(),
  trainedAt: Type.String({ format: 'date-time' }),
});
const modelView = (model: AnalysisModelSummary) => ({ ...model, trainedAt: model.trainedAt.toISOString() });

const Agreement = Type.Object({ compared: Type.Integer(), agreed: Type.Integer() });

const review = { permission: 'analysis:review' as const };
// Training and activating change what analyses every new contact: not an analyst's call (README, roles).
const models = { permission: 'analysis:models' as const };

const LiveAlert = Type.Object({
  id: Uuid,
  contactId: Uuid,
  caseId: Nullable(Uuid),
  caseReference: Nullable(Type.String()),
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  channel: Type.String(),
  reason: Type.String({ description: 'In words, for the supervisor' }),
  cues: Type.Array(CueKind),
  sentiment: Type.Number({ minimum: -1, maximum: 1 }),
  raisedAt: Type.String({ format: 'date-time' }),
});

export const analysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/analysis/review',
    {
      config: review,
      schema: {
        tags: ['analysis'],
        summary: 'The review queue: analysed contacts ranked by insight score, most to learn from first',
        querystring: Type.Object({
          topic: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          cue: Type.Optional(CueKind),
          channel: Type.Optional(Channel),
          direction: Type.Optional(Direction),
          teamId: Type.Optional(Uuid),
          vendor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          sentiment: Type.Optional(SentimentLabel),
          reviewed: Type.Optional(
            Type.Boolean({ description: 'true: only labelled contacts; false: only those not yet labelled' }),
          ),
          limit: Limit,
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: {
          200: Type.Object({
            modelVersion: Type.String(),
            items: Type.Array(ReviewItem),
            nextCursor: Nullable(Type.String()),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    (request) => reviewQueue(request.actor.scope, request.query),
  );

  app.get(
    '/analysis/alerts',
    {
      config: review,
      schema: {
        tags: ['analysis'],
        summary: 'The latest live alerts (a chat or text turning negative, churn or escalation intent), newest first',
        description: 'The same alerts arrive live as events of kind "alert" on GET /chat/live.',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
        response: { 200: Type.Object({ items: Type.Array(LiveAlert) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { items } = await recentAlerts(request.actor.scope, request.query.limit);
      return {
        items: items.map((item) => ({
          ...item,
          cues: item.cues as (
            'churn_intent' | 'escalation_demand' | 'repeated_contact' | 'do_not_contact' | 'vulnerability'
          )[],
        })),
      };
    },
  );

  app.get(
    '/analysis/review/facets',
    {
      config: review,
      schema: {
        tags: ['analysis'],
        summary: 'What the review queue can be filtered by, with counts',
        response: {
          200: Type.Object({
            modelVersion: Type.String(),
            total: Type.Integer(),
            topics: Type.Array(Facet),
            cues: Type.Array(Facet),
            channels: Type.Array(Facet),
            teams: Type.Array(Type.Object({ value: Uuid, name: Type.String(), count: Type.Integer() })),
            vendors: Type.Array(Facet),
          }),
          ...errors(401, 403),
        },
      },
    },
    (request) => reviewFacets(request.actor.scope),
  );

  app.post(
    '/contacts/:id/labels',
    {
      config: review,
      schema: {
        tags: ['analysis'],
        summary:
          "An expert's label on a contact: topic, sentiment, cues, a note; kept for training and for auditing the analysis",
        params: IdParams,
        body: Type.Object(
          {
            topic: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            sentiment: Type.Optional(SentimentLabel),
            cues: Type.Optional(
              Type.Array(CueKind, { maxItems: 5, description: 'Every cue the contact shows; [] says it shows none' }),
            ),
            note: Type.Optional(Type.String({ maxLength: 4000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Label, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(labelView(await labelContact(request.actor, request.params.id, request.body))),
  );

  app.get(
    '/contacts/:id/labels',
    {
      config: review,
      schema: {
        tags: ['analysis'],
        summary: 'Every expert label on a contact, newest first',
        params: IdParams,
        response: { 200: Type.Array(Label), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await findContact(request.actor.scope, request.params.id))) throw notFound('Contact');
      return (await listContactLabels(request.actor.scope, request.params.id)).map(labelView);
    },
  );

  app.get(
    '/analysis/audit',
    {
      config: review,
      schema: {
        tags: ['analysis'],
        summary: "How often the analysis agreed with the experts' latest labels",
        response: {
          200: Type.Object({ labelled: Type.Integer(), sentiment: Agreement, topic: Agreement, cues: Agreement }),
          ...errors(401, 403),
        },
      },
    },
    (request) => readLabelAgreement(request.actor.scope),
  );

  app.get(
    '/analysis/models',
    {
      config: review,
      schema: {
        tags: ['analysis'],
        summary: "The organisation's topic classifiers, every version",
        response: { 200: Type.Array(Model), ...errors(401, 403) },
      },
    },
    async (request) => (await listAnalysisModels(request.actor.scope)).map(modelView),
  );

  app.post(
    '/analysis/models',
    {
      config: models,
      schema: {
        tags: ['analysis'],
        summary: "Trains a topic classifier on the experts' topic labels and stores it as a new version",
        description: `Activating it queues the last 30 days of contacts to be analysed again; older history with \`hearken analyze --since\`.`,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$', default: 'topics' }),
            activate: Type.Boolean({ default: true }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ model: Model, queued: Type.Integer() }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const installed = await trainTopicModelFromLabels(request.actor.scope, request.body);
      return reply.status(201).send({ model: modelView(installed.model), queued: installed.queued });
    },
  );

  app.post(
    '/analysis/models/:id/activate',
    {
      config: models,
      schema: {
        tags: ['analysis'],
        summary: 'Makes this model version the one that analyses new contacts; the last 30 days are queued for it',
        params: IdParams,
        response: { 200: Type.Object({ model: Model, queued: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const activated = await activateTopicModel(request.actor.scope, request.params.id);
      if (!activated) throw notFound('Model');
      return { model: modelView(activated.model), queued: activated.queued };
    },
  );
};
