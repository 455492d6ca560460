import WebSocket from 'ws';
import { contactCentre } from '../helpers/contact-centre.ts';
import { startTestApp } from '../helpers/test-app.ts';
import type { AddressInfo } from 'node:net';

export type Frame = Record<string, unknown> & { type: string };

/**
 * A WebSocket client for tests: keeps every frame it receives, and lets a test wait for the
 * next one matching a condition, or for the close.
 */
export class ChatClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private taken = new Set<Frame>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      const waiter = this.waiters.find((w) => w.match(frame));
      if (waiter) {
        this.taken.add(frame);
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<ChatClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new ChatClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** The next frame not yet taken that matches, waiting for it if it has not come yet. */
  next(match: (f: Frame) => boolean = () => true, timeoutMs = 5000): Promise<Frame> {
    const already = this.frames.find((f) => !this.taken.has(f) && match(f));
    if (already) {
      this.taken.add(already);
      return Promise.resolve(already);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`)),
        timeoutMs,
      );
      this.waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  ofType(type: string, extra: (f: Frame) => boolean = () => true): Promise<Frame> {
    return this.next((f) => f.type === type && extra(f));
  }

  /** Sends a frame and waits for the first answer of one of these types. */
  async ask(frame: unknown, ...types: string[]): Promise<Frame> {
    const answer = this.next((f) => types.includes(f.type));
    this.send(frame);
    return answer;
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }
}

/**
 * A test server with a contact centre whose new chats go to team Front, listening on a port
 * (chats and the live feed are WebSockets): the setup the chat and live-alert tests share.
 */
export async function listeningContactCentre() {
  const t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const centre = await contactCentre(t);
  await centre.call('PATCH', '/api/v1/channels/settings', { intakeTeamId: centre.teams.front });
  /** A staff member's live feed, once the server says it is ready. */
  const liveFeed = async (token: string) => {
    const client = await ChatClient.open(`ws://${origin}/api/v1/chat/live`, { authorization: `Bearer ${token}` });
    await client.ofType('ready');
    return client;
  };
  const visitor = (slug = centre.tenant.tenant.slug) => ChatClient.open(`ws://${origin}/api/v1/channels/${slug}/chat`);
  return { t, origin, centre, liveFeed, visitor };
}
