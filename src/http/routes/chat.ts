/**
 * Web chat: the embeddable widget, the visitor's WebSocket, and the staff side.
 *
 * Visitor socket: GET /api/v1/channels/<organisation slug>/chat (WebSocket, no credentials).
 * Every frame is a JSON text frame with a `type`. Visitor → server:
 *   {type:'hello', customer:{name, email?, phone?}}   start a conversation (an email or a phone is required)
 *   {type:'hello', token}                              come back to a conversation; `customer` may be sent too
 *   {type:'message', clientId, text}                   clientId: 1-64 of [A-Za-z0-9._:-], unique per message;
 *                                                      sending it again stores nothing and gets the same ack
 *   {type:'end'}                                       the visitor ends the chat
 *   {type:'ping'}                                      answered with {type:'pong'}
 * Server → visitor:
 *   {type:'welcome', token, sessionId, resumed, history:[message…]}   keep the token to come back
 *   {type:'ack', clientId, seq, duplicate}             the message is stored as number `seq`
 *   {type:'message', seq, from:'agent'|'system', name, text, at}      pushed as soon as it is stored
 *   {type:'error', code, message, clientId?}           the connection stays open
 *   {type:'ended', reason}                             followed by a close (1000)
 * History messages are {seq, from:'customer'|'agent'|'system', name, text, at, clientId?}.
 * Error codes: malformed_frame, frame_too_large (over 48 KiB), unknown_type, invalid_field,
 * text_too_long (over 8000 characters), customer_required, hello_first, already_started,
 * unknown_session (a token this organisation never gave out: start again with `customer`),
 * session_ended, session_full, rate_limited (over 10 frames a second), validation_failed,
 * internal (nothing was stored: send it again). Close codes: 4404 unknown organisation,
 * 1008 far too many frames (40 in a second, or 20 waiting), 1009 a frame over 64 KiB,
 * 1011 the server cannot serve chat right now.
 *
 * A conversation is one chat contact on the customer's timeline: its first message goes
 * through channel intake (the customer recognised by email or phone, the case chosen as on
 * every channel); later messages, the agents' included, are messages of that same contact.
 *
 * Staff: GET /api/v1/chat/live (WebSocket; session cookie from the same origin, or
 * Authorization: Bearer) sends {type:'ready'} and then {type:'event', kind, caseId, contactId,
 * chatSessionId?, message?, ...} for what the viewer may see (see viewerSees). Agents answer
 * with POST /api/v1/chat/sessions/:id/messages, or POST /api/v1/cases/:id/replies. See
 * docs/chat-widget.md.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { readFile } from 'node:fs/promises';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { chatAgentOf, chatSessionDetail, sendAgentChatMessage } from '../../services/channels/chat/agent-chat.ts';
import { ChatHub } from '../../services/channels/chat/chat-hub.ts';
import { MAX_TEXT_CHARS } from '../../services/channels/chat/protocol.ts';
import type { Db } from '../../store/database.ts';
import { VisitorConnection, watchLiveFeed, type ChatSocketDeps } from '../chat-sockets.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';

const ChatMessage = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  from: Type.Union([Type.Literal('customer'), Type.Literal('agent'), Type.Literal('system')]),
  name: Nullable(Type.String()),
  text: Type.String(),
  at: Type.String({ format: 'date-time' }),
  clientId: Type.Optional(Type.String()),
});

const ChatSession = Type.Object({
  id: Uuid,
  customerId: Uuid,
  contactId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  startedAt: Type.String({ format: 'date-time' }),
  lastMessageAt: Nullable(Type.String({ format: 'date-time' })),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  messages: Type.Array(ChatMessage),
});

async function notWebSocket(): Promise<never> {
  throw new AppError('bad_request', 'This address takes WebSocket connections only (ws:// or wss://)');
}

/** The embeddable widget, served to any site as plain JavaScript. */
export const chatWidgetRoutes: FastifyPluginAsync = async (app) => {
  const source = await readFile(new URL('../widget/chat-widget.js', import.meta.url), 'utf8');
  app.get('/widget.js', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      // Customers' own sites load it: the default same-origin resource policy would block it there.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .send(source),
  );
};

export const chatRoutes =
  (db: Db): FastifyPluginAsyncTypebox =>
  async (app) => {
    const deps: ChatSocketDeps = { db, feed: app.channels.feed, hub: new ChatHub(app.channels.feed), log: app.log };

    app.route({
      method: 'GET',
      url: '/channels/:slug/chat',
      config: { permission: 'public' },
      schema: {
        tags: ['chat'],
        summary: "A visitor's chat (WebSocket)",
        description:
          'The web chat widget connects here with a WebSocket; the frames are described in docs/chat-widget.md. A plain GET answers 400.',
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: errors(400),
      },
      handler: notWebSocket,
      wsHandler: (socket, request) => {
        new VisitorConnection(socket, request.params.slug, deps);
      },
    });

    app.route({
      method: 'GET',
      url: '/chat/live',
      config: { permission: 'records:read' },
      schema: {
        tags: ['chat'],
        summary: 'Live events for a staff screen (WebSocket)',
        description:
          'Sends {type:"ready"}, then {type:"event", kind, caseId, contactId, chatSessionId?, message?} for what the viewer may see: everything ' +
          'for administrators, supervisors and analysts; cases they own or their team holds for agents. kind "case_changed" (caseId, customerId, ownerId, teamId, ' +
          'audience) says a case moved between work queues (assigned, transferred, escalated, a callback booked): agents also get it when it was offered or ' +
          'escalated to them or their team, or taken from them. Credentials: the session cookie ' +
          '(from a Hearken page of the same origin) or Authorization: Bearer. A plain GET answers 400.',
        response: errors(400, 401, 403),
      },
      // A browser sends the session cookie on a WebSocket from any site: only our own pages may use it.
      preValidation: async (request) => {
        const origin = request.headers.origin;
        if (request.headers.authorization !== undefined || origin === undefined) return;
        let host: string | null = null;
        try {
          host = new URL(origin).host;
        } catch {
          host = null;
        }
        if (host !== request.headers.host)
          throw new AppError('forbidden', 'The live feed opens only from Hearken itself, or with an API token');
      },
      handler: notWebSocket,
      wsHandler: (socket, request) => watchLiveFeed(socket, request.actor, deps),
    });

    app.get(
      '/chat/sessions/:id',
      {
        config: { permission: 'personal_data:read' },
        schema: {
          tags: ['chat'],
          summary: 'A chat session with its messages',
          params: IdParams,
          response: { 200: ChatSession, ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => chatSessionDetail(request.actor.scope, request.params.id),
    );

    app.post(
      '/chat/sessions/:id/messages',
      {
        config: { permission: 'cases:write' },
        schema: {
          tags: ['chat'],
          summary: 'Answer in a live chat',
          description:
            "The message becomes part of the chat's one contact and reaches the visitor's open widget at once. " +
            'An ended chat answers 409 (reason session_ended).',
          params: IdParams,
          body: Type.Object(
            { text: Type.String({ minLength: 1, maxLength: MAX_TEXT_CHARS }) },
            { additionalProperties: false },
          ),
          response: { 201: ChatMessage, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const agent = await chatAgentOf(request.actor);
        const message = await sendAgentChatMessage(request.actor.scope, request.params.id, agent, request.body.text, {
          feed: app.channels.feed,
        });
        return reply.status(201).send(message);
      },
    );
  };
