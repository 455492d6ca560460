import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid, notFound } from '../../errors.ts';
import { checkContactSubmission } from '../../domain/contact-input.ts';
import { recordContact } from '../../services/contacts/record-contact.ts';
import { findContact } from '../../store/repositories/contacts.ts';
import type { ContactRow } from '../../store/schema.ts';
import { analysisView } from '../../services/analysis/analysis-view.ts';
import { contactReader, FULL_READER, type ContactReader } from '../../services/analysis/analyst-copy.ts';
import { latestAnalyses } from '../../store/repositories/contact-analyses.ts';
import { ContactAnalysis } from '../analysis-schemas.ts';
import { Channel, Direction, errors, IdParams, Nullable, Uuid } from '../schemas.ts';

const ContactBody = Type.Object(
  {
    channel: Channel,
    direction: Direction,
    occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened; defaults to now' })),
    externalId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: "The sender's own id: sending it again returns the stored contact",
      }),
    ),
    customer: Type.Object(
      {
        email: Type.Optional(Type.String({ maxLength: 320 })),
        phone: Type.Optional(Type.String({ maxLength: 40 })),
        handle: Type.Optional(Type.String({ maxLength: 200 })),
        name: Type.Optional(Type.String({ maxLength: 300 })),
      },
      { additionalProperties: false, description: 'At least one of email, phone, handle' },
    ),
    subject: Type.Optional(Type.String({ maxLength: 1000 })),
    text: Type.String({ minLength: 1, description: 'The message, or the transcript of a call' }),
    caseId: Type.Optional(Uuid),
    vendor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'The outsourcer (contact centre, dialer) that handled it; the review queue filters by it',
      }),
    ),
  },
  { additionalProperties: false },
);

const ContactResponse = Type.Object({
  id: Uuid,
  customerId: Uuid,
  caseId: Nullable(Uuid),
  channel: Channel,
  direction: Direction,
  occurredAt: Type.String({ format: 'date-time' }),
  subject: Nullable(Type.String()),
  text: Type.String({
    description: 'As written; the analyst copy (personal data redacted) for roles that may not read personal data',
  }),
  externalId: Nullable(Type.String()),
  analysis: Type.Optional(Nullable(ContactAnalysis)),
  duplicate: Type.Boolean({ description: 'true when this externalId was already stored and nothing changed' }),
  customerCreated: Type.Boolean({
    description: 'true when nobody was known by these identities and a customer was created',
  }),
});

function contactView(
  row: ContactRow,
  extra: { duplicate: boolean; customerCreated: boolean },
  reader: ContactReader = FULL_READER,
) {
  return {
    id: row.id,
    customerId: row.customerId,
    caseId: row.caseId,
    channel: row.channel,
    direction: row.direction,
    occurredAt: row.occurredAt.toISOString(),
    subject: reader.text(row.subject),
    text: reader.text(row.body),
    externalId: row.externalId,
    ...extra,
  };
}

export const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/contacts',
    {
      config: { permission: 'contacts:write' },
      schema: {
        tags: ['contacts'],
        summary: 'Record a contact on the customer it came from',
        description:
          'Finds the customer by any email, phone or handle they are known by (or creates one) and stores the contact on their timeline. ' +
          'Sending the same externalId again answers 200 with the stored contact and changes nothing.',
        body: ContactBody,
        response: { 200: ContactResponse, 201: ContactResponse, ...errors(400, 401, 403, 413) },
      },
    },
    async (request, reply) => {
      const check = checkContactSubmission(request.body, new Date());
      if (!check.ok) throw invalid(check.problems.join('; '), { problems: check.problems });
      const outcome = await recordContact(request.actor, check.contact, request.body.caseId);
      if (outcome.status === 'created') {
        const { contact } = check;
        return reply.status(201).send({
          id: outcome.id,
          customerId: outcome.customerId,
          caseId: request.body.caseId ?? null,
          channel: contact.channel,
          direction: contact.direction,
          occurredAt: contact.occurredAt.toISOString(),
          subject: contact.subject,
          text: contact.text,
          externalId: contact.externalId,
          duplicate: false,
          customerCreated: outcome.customerCreated,
        });
      }
      // A repeat: answer with the contact as it was first stored.
      const stored = await findContact(request.actor.scope, outcome.id);
      if (!stored) throw notFound('Contact');
      return reply.status(200).send(contactView(stored, { duplicate: true, customerCreated: false }));
    },
  );

  app.get(
    '/contacts/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['contacts'],
        summary: 'One contact',
        params: IdParams,
        response: { 200: ContactResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await findContact(request.actor.scope, request.params.id);
      if (!row) throw notFound('Contact');
      const analysis = (await latestAnalyses(request.actor.scope, [row.id])).get(row.id);
      return {
        ...contactView(row, { duplicate: false, customerCreated: false }, contactReader(request.actor.role)),
        analysis: analysis ? analysisView(analysis) : null,
      };
    },
  );
};
