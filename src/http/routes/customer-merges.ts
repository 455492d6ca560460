import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { dismissDuplicate } from '../../services/customers/dismiss-duplicate.ts';
import { duplicatePairs, REVIEW_WINDOW } from '../../services/customers/duplicate-pairs.ts';
import { findDuplicates } from '../../services/customers/find-duplicates.ts';
import { mergeCustomers } from '../../services/customers/merge-customers.ts';
import { undoCustomerMerge } from '../../services/customers/undo-customer-merge.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';
import { CustomerResponse } from './customers.ts';

const DateTime = Type.String({ format: 'date-time' });

const CustomerSummary = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  handles: Type.Array(Type.String()),
  region: Nullable(Type.String()),
  createdAt: DateTime,
});

const Reason = Type.Object({
  signal: Type.String({
    description:
      'same_phone_other_prefix, same_email_other_domain, same_email_other_tag, handle_matches_email, same_address, same_name, names_nearly_identical, names_compatible, same_region; against: different_given_names, names_differ',
  }),
  text: Type.String({
    description: 'For people, e.g. "same phone number except country prefix: +447700900123 vs 07700900123"',
  }),
  weight: Type.Integer({ description: 'Points added to the score (negative: evidence against)' }),
});

const Score = Type.Integer({
  minimum: 0,
  maximum: 100,
  description: 'How likely the two are one person; only 50 and above are suggested',
});

const Counts = Type.Record(Type.String(), Type.Integer(), {
  description:
    'Rows by table: customer_identities, cases, contacts, case_events, callbacks, users (portal logins), customer_events, chat_sessions, channel_threads',
});

const CustomerMerge = Type.Object({
  id: Uuid,
  survivingCustomerId: Uuid,
  mergedCustomerId: Uuid,
  mergedBy: Nullable(Uuid),
  mergedAt: DateTime,
  filledFields: Type.Array(Type.String(), {
    description: "The survivor's empty profile fields (name, region, address) that took the merged customer's values",
  }),
  moved: Counts,
  undoneBy: Nullable(Uuid),
  undoneAt: Nullable(DateTime),
  restored: Nullable(Counts),
});

const PairParams = Type.Object({ id: Uuid, otherId: Uuid });
const SuggestionLimit = Type.Integer({ minimum: 1, maximum: 50, default: 10 });

/** Likely duplicate customers, merging one customer into another (reversibly), and "not the same person". */
export const customerMergeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:id/duplicates',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['customers'],
        summary: 'Customers who are likely the same person as this one, strongest first, with the reasons',
        description:
          'Pairs dismissed as "not the same person" and merged customers are left out. An id of a merged customer answers for the customer it was merged into (customerId says which).',
        params: IdParams,
        querystring: Type.Object({ limit: SuggestionLimit }),
        response: {
          200: Type.Object({
            customerId: Uuid,
            suggestions: Type.Array(
              Type.Object({ customer: CustomerSummary, score: Score, reasons: Type.Array(Reason) }),
            ),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    (request) => findDuplicates(request.actor.scope, request.params.id, request.query),
  );

  app.get(
    '/customer-duplicates',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['customers'],
        summary: 'Likely duplicate customers across the organisation, best first, to work through',
        description: `Looks at the ${REVIEW_WINDOW} newest customers (duplicates are created when someone known writes in from a new address) and their candidates. In each pair, customer is the older one, suggested to keep: POST /customers/{customer.id}/merge {"duplicateId": duplicate.id}.`,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: {
          200: Type.Object({
            examinedCustomers: Type.Integer(),
            pairs: Type.Array(
              Type.Object({
                customer: CustomerSummary,
                duplicate: CustomerSummary,
                score: Score,
                reasons: Type.Array(Reason),
              }),
            ),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    (request) => duplicatePairs(request.actor.scope, request.query),
  );

  app.post(
    '/customers/:id/merge',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary: 'Merge a duplicate customer into this one: everything of the duplicate moves here',
        description:
          "In one transaction the duplicate's identities, contacts, cases (with their events and callbacks), portal users, chat sessions and channel threads move to this customer, " +
          "and its name, region or address fill this customer's empty ones. The duplicate keeps its id, which from then on answers GET /customers/:id with this customer (mergedFrom says so). " +
          'Undo with POST /customer-merges/:mergeId/undo. 400: a customer into itself; 409: either customer is already merged into another (details.mergedIntoId).',
        params: IdParams,
        body: Type.Object({ duplicateId: Uuid }, { additionalProperties: false }),
        response: {
          200: Type.Object({ ...CustomerMerge.properties, survivor: CustomerResponse }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    (request) => mergeCustomers(request.actor, request.params.id, request.body),
  );

  app.post(
    '/customer-merges/:mergeId/undo',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary: 'Undo a customer merge: what it moved goes back, and the pair is no longer suggested',
        description:
          'Cases the merge moved go back with everything on them; identities, portal users and contacts on no case that it moved go back. What reached the survivor after the merge otherwise stays. ' +
          '409: already undone; the survivor was merged into another customer since (undo that first); or a case that would go back was merged with one that stays (unmerge the cases first).',
        params: Type.Object({ mergeId: Uuid }),
        response: {
          200: Type.Object({
            ...CustomerMerge.properties,
            survivor: CustomerResponse,
            restoredCustomer: CustomerResponse,
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    (request) => undoCustomerMerge(request.actor, request.params.mergeId),
  );

  app.post(
    '/customers/:id/duplicates/:otherId/dismiss',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary: 'Not the same person: never suggest this pair as duplicates again',
        params: PairParams,
        response: {
          200: Type.Object({ customerId: Uuid, otherId: Uuid, dismissedAt: DateTime }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    (request) => dismissDuplicate(request.actor, request.params.id, request.params.otherId),
  );
};
