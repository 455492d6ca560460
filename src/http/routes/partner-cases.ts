import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid } from '../../errors.ts';
import type { Db } from '../../store/database.ts';
import type { ShareStatus as ShareStatusT } from '../../domain/cases/partner-share.ts';
import { acceptPartnerCase, listPartnerCases } from '../../services/partners/accept-partner-case.ts';
import { readThreadByLink, replyByLink } from '../../services/partners/partner-link.ts';
import { listCaseShares, shareCase } from '../../services/partners/share-case.ts';
import { endPartnerShare, postToShareThread, readShareThread } from '../../services/partners/share-thread.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';

const Side = Type.Enum(['sharer', 'partner'], {
  description: 'sharer: the organisation whose case it is; partner: the organisation it is shared with',
});
const ShareStatus = Type.Enum(['invited', 'active', 'ended']);
const DateTime = Type.String({ format: 'date-time' });
const Text = Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S' });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

const shareProperties = {
  id: Uuid,
  side: Side,
  caseId: Nullable(Uuid),
  reference: Type.String({ description: 'The sharer’s case reference, C-<number>' }),
  subject: Type.String(),
  customer: Type.Object(
    { name: Type.Optional(Type.String()), email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) },
    { description: 'What the sharer chose to tell the partner about the customer' },
  ),
  sharedBy: Type.Object({ name: Type.String(), tenant: Type.String() }),
  partner: Type.Object({
    kind: Type.Enum(['tenant', 'outside']),
    name: Type.String(),
    tenant: Nullable(Type.String()),
    email: Nullable(Type.String()),
  }),
  status: ShareStatus,
  ballWith: Side,
  yourMove: Type.Boolean({ description: 'The ball is with your organisation' }),
  handoffs: Type.Integer({ description: 'Times the case moved between the two organisations (sharing is the first)' }),
  pingPong: Type.Boolean({ description: 'More than 2 hand-offs: both sides have escalated' }),
  waitingOnPartnerSince: Nullable(DateTime),
  partnerResponseDueAt: Nullable(DateTime),
  partnerResponseOverdue: Type.Boolean(),
  createdAt: DateTime,
  acceptedAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  endedBy: Nullable(Side),
};
const Share = Type.Object(shareProperties);
const CreatedShare = Type.Object({
  ...shareProperties,
  link: Nullable(
    Type.Object(
      {
        token: Type.String(),
        path: Type.String(),
        sendTo: Type.String({ description: 'The outside party’s address to send the link to' }),
      },
      { description: 'For an outside party only, shown this once: whoever holds it can read the thread and answer' },
    ),
  ),
});

const Message = Type.Object({
  id: Uuid,
  side: Side,
  organisation: Type.String(),
  author: Type.String(),
  text: Type.String(),
  handOff: Type.Boolean({ description: 'The ball went to the other organisation with this message' }),
  createdAt: DateTime,
});
const Thread = Type.Object({ share: Share, items: Type.Array(Message) });
const Posted = Type.Object({ share: Share, message: Message });
const PostBody = Type.Object(
  {
    text: Text,
    handOff: Type.Optional(
      Type.Boolean({ description: 'Hand the ball to the other organisation (only the side holding it can)' }),
    ),
  },
  { additionalProperties: false },
);

const ShareParams = Type.Object({ shareId: Uuid });
const LinkParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const SHARE_STATUSES: readonly ShareStatusT[] = ['invited', 'active', 'ended'];

/** Cases shared with partner organisations (F9): one thread, counted hand-offs, a partner response deadline. */
export const partnerCaseRoutes =
  (db: Db): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/cases/:id/shares',
      {
        config: { permission: 'cases:write' },
        schema: {
          tags: ['partners'],
          summary:
            'Share the case with a partner: another organisation on this Hearken (partnerTenant), or an outside party (partnerName and partnerEmail) who gets a link',
          params: IdParams,
          body: Type.Object(
            {
              partnerTenant: Type.Optional(
                Type.String({ minLength: 1, maxLength: 100, description: 'The partner organisation’s slug' }),
              ),
              partnerName: Type.Optional(Name),
              partnerEmail: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
              note: Type.String({ maxLength: 10_000, description: 'Required: what the partner must know and do' }),
              customer: Type.Optional(
                Type.Object(
                  {
                    name: Type.Optional(Name),
                    email: Type.Optional(Type.String({ maxLength: 254 })),
                    phone: Type.Optional(Type.String({ maxLength: 50 })),
                  },
                  {
                    additionalProperties: false,
                    description: 'What the partner may know about the customer (nothing unless given)',
                  },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 201: CreatedShare, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await shareCase(request.actor, request.params.id, request.body)),
    );

    app.get(
      '/cases/:id/shares',
      {
        config: { permission: 'records:read' },
        schema: {
          tags: ['partners'],
          summary: 'Every share of this case, with its partner and who holds the ball',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(Share) }), ...errors(401, 403, 404) },
        },
      },
      async (request) => ({ items: await listCaseShares(request.actor, request.params.id) }),
    );

    app.get(
      '/partner-cases',
      {
        config: { permission: 'records:read' },
        schema: {
          tags: ['partners'],
          summary: 'Cases other organisations share with mine: invitations to accept and shares in progress',
          querystring: Type.Object({
            status: Type.Optional(
              Type.String({
                maxLength: 100,
                description: 'One or more of invited,active,ended, comma-separated (default invited,active)',
              }),
            ),
          }),
          response: { 200: Type.Object({ items: Type.Array(Share) }), ...errors(400, 401, 403) },
        },
      },
      async (request) => {
        const statuses = request.query.status
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = statuses?.filter((s) => !(SHARE_STATUSES as readonly string[]).includes(s)) ?? [];
        if (unknown.length > 0) throw invalid(`Unknown share status: ${unknown.join(', ')}`);
        return {
          items: await listPartnerCases(request.actor, statuses?.length ? (statuses as ShareStatusT[]) : undefined),
        };
      },
    );

    app.post(
      '/partner-cases/:shareId/accept',
      {
        config: { permission: 'cases:write' },
        schema: {
          tags: ['partners'],
          summary: 'Accept a shared case: my organisation gets a case of its own, owned by me',
          params: ShareParams,
          response: { 200: Share, ...errors(401, 403, 404, 409) },
        },
      },
      (request) => acceptPartnerCase(request.actor, request.params.shareId),
    );

    app.get(
      '/shares/:shareId/messages',
      {
        config: { permission: 'records:read' },
        schema: {
          tags: ['partners'],
          summary: 'The thread both organisations see, oldest first',
          params: ShareParams,
          response: { 200: Thread, ...errors(401, 403, 404) },
        },
      },
      (request) => readShareThread(request.actor, request.params.shareId),
    );

    app.post(
      '/shares/:shareId/messages',
      {
        config: { permission: 'cases:write' },
        schema: {
          tags: ['partners'],
          summary: 'Write to the shared thread; with handOff, hand the ball to the other organisation',
          params: ShareParams,
          body: PostBody,
          response: { 201: Posted, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await postToShareThread(request.actor, request.params.shareId, request.body)),
    );

    app.post(
      '/shares/:shareId/end',
      {
        config: { permission: 'cases:write' },
        schema: {
          tags: ['partners'],
          summary: 'End the share (either side; the partner may so decline an invitation); the thread stays readable',
          params: ShareParams,
          body: Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: 2000 })) },
            { additionalProperties: false, description: 'Optional; an empty request is fine' },
          ),
          response: { 200: Share, ...errors(400, 401, 403, 404, 409) },
        },
        // Ending needs no body: an empty request is taken as {}.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      (request) => endPartnerShare(request.actor, request.params.shareId, request.body),
    );

    app.get(
      '/partner-links/:token',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['partners'],
          summary: 'For an outside partner: the shared case and its thread; the token in the link is the credential',
          security: [],
          params: LinkParams,
          response: { 200: Thread, ...errors(404) },
        },
      },
      (request) => readThreadByLink(db, request.params.token),
    );

    app.post(
      '/partner-links/:token/messages',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['partners'],
          summary: 'For an outside partner: answer in the thread, and with handOff give the ball back',
          security: [],
          params: LinkParams,
          body: Type.Object({ ...PostBody.properties, author: Type.Optional(Name) }, { additionalProperties: false }),
          response: { 201: Posted, ...errors(400, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await replyByLink(db, request.params.token, request.body)),
    );
  };
