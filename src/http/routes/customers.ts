import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import { createCustomer } from '../../services/customers/create-customer.ts';
import { asShownTo, customerDetail } from '../../services/customers/customer-detail.ts';
import { customerProfile } from '../../services/customers/customer-profile.ts';
import { customerTimeline } from '../../services/customers/customer-timeline.ts';
import { saveVerificationDetails } from '../../services/customers/verification-details.ts';
import { resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import { updateCustomerProfile } from '../../store/repositories/customers.ts';
import { contactReader } from '../../services/analysis/analyst-copy.ts';
import { ContactAnalysis } from '../analysis-schemas.ts';
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

export const CustomerResponse = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  handles: Type.Array(Type.String()),
  address: Nullable(Address),
  region: Nullable(Type.String()),
  verificationDetails: Type.Object(
    { dateOfBirth: Type.Boolean(), pin: Type.Boolean(), lastPayment: Type.Boolean() },
    {
      description:
        'Whether the record holds each: never their values, which are what a caller is asked (POST /verifications/:id/claims)',
    },
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  addressWithheld: Type.Boolean({
    description:
      'The record holds a postal address, withheld (address is {}) because it is what a caller is asked: shown once the customer ' +
      'passed verification (POST /verifications/:id/claims, /code) in a session started within the last hour',
  }),
  verifiedUntil: Nullable(
    Type.String({
      format: 'date-time',
      description: 'Until when a passed verification lets the address be shown; null when none passed in the last hour',
    }),
  ),
  mergedFrom: Nullable(
    Type.Object(
      { customerId: Uuid, mergeId: Uuid, mergedAt: Type.String({ format: 'date-time' }) },
      {
        description:
          "Set when the id asked for belongs to a customer merged into this one (customerId is that id); null when it is this customer's own id",
      },
    ),
  ),
});

export const TimelineItem = Type.Object(
  {
    type: Type.Enum(['contact', 'case_event', 'customer_event']),
    id: Uuid,
    occurredAt: Type.String({ format: 'date-time' }),
    caseId: Nullable(Uuid),
    caseNumber: Nullable(Type.Integer()),
    channel: Type.Optional(Nullable(Type.String())),
    direction: Type.Optional(Nullable(Type.String())),
    subject: Type.Optional(Nullable(Type.String())),
    text: Type.Optional(
      Nullable(
        Type.String({
          description:
            'As written; the analyst copy (personal data redacted) for roles that may not read personal data',
        }),
      ),
    ),
    externalId: Type.Optional(Nullable(Type.String())),
    public: Type.Optional(Type.Boolean({ description: 'A public forum or social post' })),
    automated: Type.Optional(
      Nullable(
        Type.Enum(['auto_reply', 'bounce', 'bulk'], { description: 'Mail no person wrote; it never opens a case' }),
      ),
    ),
    repeat: Type.Optional(Type.Boolean({ description: 'The customer came back about an open case on the same topic' })),
    facts: Type.Optional(
      Nullable(
        Type.Object(
          {},
          {
            additionalProperties: true,
            description:
              "The channel's facts: mail headers, call queue and transfer facts, chat session (null for roles that may not read personal data)",
          },
        ),
      ),
    ),
    analysis: Type.Optional(Nullable(ContactAnalysis)),
    kind: Type.Optional(
      Nullable(
        Type.String({
          description:
            'For case events: created, assigned, status_changed, note, …; for customer events: merged_from, merged_into, unmerged',
        }),
      ),
    ),
    actorUserId: Type.Optional(Nullable(Uuid)),
    actorLabel: Type.Optional(Nullable(Type.String())),
    data: Type.Optional(Nullable(Type.Object({}, { additionalProperties: true }))),
  },
  { description: 'A contact (an email, call, chat, …), a case event, or a customer event (a merge or its undoing)' },
);

/** GET /customers/:id adds every identity with whether a channel proved it is theirs. */
export const CustomerDetail = Type.Object({
  ...CustomerResponse.properties,
  identities: Type.Array(
    Type.Object({
      kind: Type.Enum(['email', 'phone', 'handle']),
      value: Type.String(),
      verified: Type.Boolean({
        description:
          'A channel proved it belongs to the customer (a signed-in login, a carrier-verified caller number)',
      }),
    }),
  ),
});

/** What a caller can be asked to verify them; write-only (answers say only whether each is held). */
const verificationDetailBodies = (nullable: boolean) => {
  const maybe = <T extends Parameters<typeof Nullable>[0]>(schema: T) => (nullable ? Nullable(schema) : schema);
  return {
    dateOfBirth: Type.Optional(maybe(Type.String({ format: 'date', description: 'YYYY-MM-DD' }))),
    pin: Type.Optional(
      maybe(Type.String({ pattern: '^[0-9]{4,8}$', description: 'The account PIN; stored only as a hash' })),
    ),
    lastPaymentAmount: Type.Optional(
      maybe(
        Type.String({
          pattern: '^[0-9]{1,7}([.][0-9]{1,2})?$',
          description: 'The last payment, e.g. "32.99" (in the organisation currency)',
        }),
      ),
    ),
  };
};

const Identities = (item: string) =>
  Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 320 }), { maxItems: 20, description: item }));

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary: 'Register a customer with every way they can be reached',
        description:
          'An email, phone or handle that already belongs to another customer answers 409 with that customer in details.customerId.',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
            emails: Identities('Email addresses'),
            phones: Identities('Phone numbers, any common spelling'),
            handles: Identities('Social or forum handles'),
            address: Type.Optional(Address),
            region: Type.Optional(Type.String({ maxLength: 100 })),
            ...verificationDetailBodies(false),
          },
          { additionalProperties: false },
        ),
        response: { 201: CustomerResponse, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await asShownTo(request.actor, await createCustomer(request.actor.scope, request.body), {
          addressSent: true,
        }),
      ),
  );

  app.get(
    '/customers/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['customers'],
        summary:
          'A customer and every way they can be reached; the id of a merged customer answers with the customer it was merged into',
        description:
          'A customer merged into another keeps its id: asking for it answers 200 with the surviving customer (following merges of merges), whose own id is in `id`, ' +
          'and `mergedFrom` naming the id asked for and the merge. Clients holding an old id can rely on `id` being the customer to use from then on; `mergedFrom` is null when the id asked for is current. ' +
          'Roles that may not read personal data (analysts) get [EMAIL], [PHONE] and [HANDLE] in place of the values, and an empty address. ' +
          'The postal address is withheld from everyone (an empty object, addressWithheld) until the customer passed verification in a session started within the last hour.',
        params: IdParams,
        response: { 200: CustomerDetail, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => customerDetail(request.actor, request.params.id),
  );

  app.patch(
    '/customers/:id',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary:
          "Correct a customer's name, postal address, region or verification details (date of birth, PIN, last payment) (the id of a merged customer changes the customer it was merged into)",
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 300 }))),
            address: Type.Optional(Nullable(Address)),
            region: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            ...verificationDetailBodies(true),
          },
          { additionalProperties: false },
        ),
        response: { 200: CustomerResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const customerId = await resolveCustomerId(request.actor.scope, request.params.id);
      const { dateOfBirth, pin, lastPaymentAmount, ...profile } = request.body;
      const updated = customerId && (await updateCustomerProfile(request.actor.scope, customerId, profile));
      if (!updated) throw notFound('Customer');
      await saveVerificationDetails(request.actor.scope, customerId, { dateOfBirth, pin, lastPaymentAmount });
      return asShownTo(request.actor, await customerProfile(request.actor.scope, request.params.id), {
        addressSent: profile.address !== undefined,
      });
    },
  );

  app.get(
    '/customers/:id/timeline',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['customers'],
        summary: "The customer's timeline: every contact and case event across channels, newest first",
        description:
          'The id of a merged customer answers with the timeline of the customer it was merged into (customerId says whose).',
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
    (request) =>
      customerTimeline(request.actor.scope, request.params.id, {
        ...request.query,
        reader: contactReader(request.actor.role),
      }),
  );
};
