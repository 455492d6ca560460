import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import { createCustomer } from '../../services/customers/create-customer.ts';
import { customerProfile } from '../../services/customers/customer-profile.ts';
import { customerTimeline } from '../../services/customers/customer-timeline.ts';
import { updateCustomerProfile } from '../../store/repositories/customers.ts';
import { errors, IdParams, Limit, Nullable, Uuid } from '../schemas.ts';

const Address = Type.Object(
  {
    line1: Type.Optional(Type.String({ maxLength: 200 })),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Type.Optional(Type.String({ maxLength: 100 })),
    postcode: Type.Optional(Type.String({ maxLength: 20 })),
    country: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);

const CustomerResponse = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  handles: Type.Array(Type.String()),
  address: Nullable(Address),
  region: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const TimelineItem = Type.Object(
  {
    type: Type.Enum(['contact', 'case_event']),
    id: Uuid,
    occurredAt: Type.String({ format: 'date-time' }),
    caseId: Nullable(Uuid),
    caseNumber: Nullable(Type.Integer()),
    channel: Type.Optional(Nullable(Type.String())),
    direction: Type.Optional(Nullable(Type.String())),
    subject: Type.Optional(Nullable(Type.String())),
    text: Type.Optional(Nullable(Type.String())),
    externalId: Type.Optional(Nullable(Type.String())),
    kind: Type.Optional(Nullable(Type.String({ description: 'For case events: created, assigned, status_changed, note, …' }))),
    actorUserId: Type.Optional(Nullable(Uuid)),
    actorLabel: Type.Optional(Nullable(Type.String())),
    data: Type.Optional(Nullable(Type.Object({}, { additionalProperties: true }))),
  },
  { description: 'A contact (an email, call, chat, …) or a case event' },
);

const Identities = (item: string) => Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 320 }), { maxItems: 20, description: item }));

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary: 'Register a customer with every way they can be reached',
        description: 'An email, phone or handle that already belongs to another customer answers 409 with that customer in details.customerId.',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
            emails: Identities('Email addresses'),
            phones: Identities('Phone numbers, any common spelling'),
            handles: Identities('Social or forum handles'),
            address: Type.Optional(Address),
            region: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: CustomerResponse, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createCustomer(request.actor.scope, request.body)),
  );

  app.get(
    '/customers/:id',
    {
      config: { permission: 'records:read' },
      schema: { tags: ['customers'], summary: 'A customer and every way they can be reached', params: IdParams, response: { 200: CustomerResponse, ...errors(400, 401, 403, 404) } },
    },
    (request) => customerProfile(request.actor.scope, request.params.id),
  );

  app.patch(
    '/customers/:id',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary: "Correct a customer's name, postal address or region",
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 300 }))),
            address: Type.Optional(Nullable(Address)),
            region: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: CustomerResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const updated = await updateCustomerProfile(request.actor.scope, request.params.id, request.body);
      if (!updated) throw notFound('Customer');
      return customerProfile(request.actor.scope, request.params.id);
    },
  );

  app.get(
    '/customers/:id/timeline',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['customers'],
        summary: "The customer's timeline: every contact and case event across channels, newest first",
        params: IdParams,
        querystring: Type.Object({
          limit: Limit,
          cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor from the previous page' })),
        }),
        response: {
          200: Type.Object({ customerId: Uuid, items: Type.Array(TimelineItem), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    (request) => customerTimeline(request.actor.scope, request.params.id, request.query),
  );
};
