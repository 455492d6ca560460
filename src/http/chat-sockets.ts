import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { AppError } from '../errors.ts';
import type { Actor } from '../services/actor.ts';
import { contactReader, type ContactReader } from '../services/analysis/analyst-copy.ts';
import { viewerSees, type ChatHub, type LiveViewer } from '../services/channels/chat/chat-hub.ts';
import {
  FrameRateLimit,
  parseVisitorFrame,
  type ChatMessageView,
  type ServerFrame,
  type VisitorFrame,
} from '../services/channels/chat/protocol.ts';
import {
  endVisitorSession,
  postVisitorMessage,
  resumeVisitorSession,
  startVisitorSession,
  type VisitorSession,
} from '../services/channels/chat/visitor-chat.ts';
import type { LiveEvent, LiveFeed } from '../services/channels/live-feed.ts';
import type { Db } from '../store/database.ts';
import { findUser } from '../store/repositories/people.ts';
import { findTenantBySlug } from '../store/repositories/tenants.ts';
import { scopeTo, type TenantScope } from '../store/tenant-scope.ts';

export interface ChatSocketDeps {
  db: Db;
  feed: LiveFeed;
  hub: ChatHub;
  log: FastifyBaseLogger;
}

/** Frames one connection may have waiting to be handled before it is cut off. */
const MAX_WAITING = 20;

const asBuffer = (data: RawData): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);

/** Pings an idle connection now and then; one that does not answer is dropped. */
function keepAlive(socket: WebSocket, intervalMs = 30_000): void {
  let alive = true;
  socket.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  socket.on('close', () => clearInterval(timer));
}

function send(socket: WebSocket, frame: ServerFrame | Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/**
 * One visitor's WebSocket. Frames are handled one after another, in the order they came;
 * anything wrong in a frame is answered with an error frame and the connection stays open.
 */
export class VisitorConnection {
  private scope: TenantScope | null = null;
  private session: VisitorSession | null = null;
  private leave: (() => void) | null = null;
  private work: Promise<void>;
  private waiting = 0;
  private closed = false;
  private readonly limit = new FrameRateLimit();

  constructor(
    private readonly socket: WebSocket,
    slug: string,
    private readonly deps: ChatSocketDeps,
  ) {
    // Listen before anything is awaited: a frame sent right after connecting must not be missed.
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.dispose());
    keepAlive(socket);
    this.work = this.findOrganisation(slug);
  }

  private async findOrganisation(slug: string): Promise<void> {
    try {
      const tenant = await findTenantBySlug(this.deps.db, slug);
      if (!tenant) {
        send(this.socket, {
          type: 'error',
          code: 'unknown_organisation',
          message: `No organisation "${slug}" has a chat here; check data-organisation`,
        });
        return this.close(4404, 'Unknown organisation');
      }
      this.scope = scopeTo(this.deps.db, tenant.id);
    } catch (error) {
      this.deps.log.error({ err: error }, 'chat: organisation lookup failed');
      send(this.socket, {
        type: 'error',
        code: 'internal',
        message: 'Chat is unavailable for a moment; try again shortly',
      });
      this.close(1011, 'Try again later');
    }
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    const verdict = this.limit.check(Date.now());
    if (verdict === 'close' || this.waiting >= MAX_WAITING) return this.close(1008, 'Too many messages');
    if (verdict === 'refuse')
      return send(this.socket, {
        type: 'error',
        code: 'rate_limited',
        message: 'Too many messages: slow down and send it again',
      });
    this.waiting++;
    const buffer = asBuffer(data);
    this.work = this.work
      .then(() => this.handle(buffer, isBinary))
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'chat: frame handling failed'))
      .finally(() => this.waiting--);
  }

  private async handle(data: Buffer, isBinary: boolean): Promise<void> {
    if (this.closed || !this.scope) return;
    const parsed = parseVisitorFrame(data, isBinary);
    if (!parsed.ok) return send(this.socket, { type: 'error', ...parsed.error });
    const frame = parsed.frame;
    const clientId = frame.type === 'message' ? frame.clientId : undefined;
    try {
      await this.act(this.scope, frame);
    } catch (error) {
      this.reportError(error, clientId);
    }
  }

  private async act(scope: TenantScope, frame: VisitorFrame): Promise<void> {
    if (frame.type === 'ping') return send(this.socket, { type: 'pong' });
    if (frame.type === 'hello') return this.hello(scope, frame);
    const session = this.session;
    if (!session) {
      return send(this.socket, {
        type: 'error',
        code: 'hello_first',
        message: 'Send a hello frame first',
        ...(frame.type === 'message' ? { clientId: frame.clientId } : {}),
      });
    }
    if (frame.type === 'message') {
      const { seq, duplicate } = await postVisitorMessage(scope, session, frame, { feed: this.deps.feed });
      return send(this.socket, { type: 'ack', clientId: frame.clientId, seq, duplicate });
    }
    await endVisitorSession(scope, session, { feed: this.deps.feed });
    // Everyone on the session was told through the feed; a session never stored has nobody else.
    if (!this.closed) {
      send(this.socket, { type: 'ended', reason: 'You ended the chat' });
      this.close(1000, 'Chat ended');
    }
  }

  private async hello(scope: TenantScope, frame: Extract<VisitorFrame, { type: 'hello' }>): Promise<void> {
    if (this.session)
      return send(this.socket, {
        type: 'error',
        code: 'already_started',
        message: 'This connection already has its conversation',
      });
    if (frame.token) {
      const found = await resumeVisitorSession(scope, frame.token);
      if (!found)
        return send(this.socket, {
          type: 'error',
          code: 'unknown_session',
          message: 'This conversation cannot be found; start a new one',
        });
      if (found.ended)
        return send(this.socket, {
          type: 'error',
          code: 'session_ended',
          message: 'This conversation has ended; start a new one',
        });
      return this.begin(scope, found.session, frame.token, true, found.history);
    }
    const started = startVisitorSession(frame.customer!);
    this.begin(scope, started.session, started.token, false, []);
  }

  private begin(
    scope: TenantScope,
    session: VisitorSession,
    token: string,
    resumed: boolean,
    history: ChatMessageView[],
  ): void {
    if (this.closed) return; // the visitor left while their conversation was being looked up
    this.session = session;
    this.leave = this.deps.hub.join(scope.tenantId, session.sessionId, (event) => this.onEvent(event));
    send(this.socket, { type: 'welcome', token, sessionId: session.sessionId, resumed, history });
  }

  /** Agents' messages and the end of the chat, pushed as they happen; the visitor's own are acknowledged instead. */
  private onEvent(event: LiveEvent): void {
    const m = event.message;
    if (m && m.speakerRole !== 'customer') {
      send(this.socket, {
        type: 'message',
        seq: m.seq,
        from: m.speakerRole ?? 'system',
        name: m.speaker,
        text: m.text,
        at: m.at,
      });
    }
    if (event.kind === 'chat_ended') {
      send(this.socket, { type: 'ended', reason: 'The chat has ended' });
      this.close(1000, 'Chat ended');
    }
  }

  private reportError(error: unknown, clientId: string | undefined): void {
    const withClient = clientId === undefined ? {} : { clientId };
    if (error instanceof AppError) {
      const reason = (error.details as { reason?: unknown } | undefined)?.reason;
      send(this.socket, {
        type: 'error',
        code: typeof reason === 'string' ? reason : error.code,
        message: error.message,
        ...withClient,
      });
      return;
    }
    this.deps.log.error({ err: error }, 'chat: message failed');
    send(this.socket, {
      type: 'error',
      code: 'internal',
      message: 'Something went wrong on our side; the message was not stored, send it again',
      ...withClient,
    });
  }

  private close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.leave?.();
    this.socket.close(code, reason);
  }

  private dispose(): void {
    this.closed = true;
    this.leave?.();
  }
}

/**
 * A staff member's live screen: the organisation's live events they may see (see viewerSees),
 * as `event` frames. The socket only listens; answers go through the HTTP API.
 */
export async function watchLiveFeed(socket: WebSocket, actor: Actor, deps: ChatSocketDeps): Promise<void> {
  const limit = new FrameRateLimit();
  socket.on('message', (data) => {
    if (limit.check(Date.now()) === 'close') return socket.close(1008, 'Too many messages');
    let type: unknown;
    try {
      type = (JSON.parse(asBuffer(data).toString('utf8')) as { type?: unknown } | null)?.type;
    } catch {
      return send(socket, { type: 'error', code: 'malformed_frame', message: 'The frame is not valid JSON' });
    }
    if (type === 'ping') return send(socket, { type: 'pong' });
    send(socket, {
      type: 'error',
      code: 'unknown_type',
      message: 'This socket only listens; answer with POST /api/v1/chat/sessions/:id/messages',
    });
  });
  keepAlive(socket);
  try {
    const user = actor.userId ? await findUser(actor.scope, actor.userId) : undefined;
    const viewer: LiveViewer = { role: actor.role, userId: actor.userId, teamId: user?.teamId ?? null };
    const reader = contactReader(actor.role);
    if (socket.readyState !== socket.OPEN) return;
    const unsubscribe = deps.feed.subscribe(actor.scope.tenantId, (event) => {
      if (!viewerSees(viewer, event)) return;
      send(socket, { type: 'event', ...liveFrame(event, reader) });
    });
    socket.on('close', unsubscribe);
    send(socket, { type: 'ready', role: viewer.role, teamId: viewer.teamId });
  } catch (error) {
    deps.log.error({ err: error }, 'chat: live feed failed to start');
    socket.close(1011, 'Try again later');
  }
}

/** An event as a staff screen gets it: an alert's details beside the other fields, words redacted for readers without personal data. */
function liveFrame(event: LiveEvent, reader: ContactReader) {
  const { tenantId: _tenant, alert, message, ...visible } = event;
  return {
    ...visible,
    ...(message ? { message: { ...message, text: reader.text(message.text) } } : {}),
    ...(alert ?? {}),
  };
}
